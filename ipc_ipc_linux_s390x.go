//go:build linux

package linux

// ipcArgs is the number of arguments of s390x's ipc(2), sys_s390_ipc: five (SEMTIMEDOP's
// timeout is its third).
const ipcArgs = 5
