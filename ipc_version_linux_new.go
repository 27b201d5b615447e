//go:build linux && !(arm || mips64 || mips64le)

package linux

// ipcVersion is added to the commands of the *ctl calls: 0 here, where the rows are the
// new sys_msgctl, sys_semctl and sys_shmctl, which always take the 64-bit-capable structs
// (and refuse IPC_64 in the command).
const ipcVersion IpcCmd = 0
