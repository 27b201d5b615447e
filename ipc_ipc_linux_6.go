//go:build linux && (386 || ppc64 || ppc64le || mips || mipsle)

package linux

// ipcArgs is the number of arguments of this arch's ipc(2): sys_ipc's six.
const ipcArgs = 6
