//go:build linux && (arm || mips64 || mips64le)

package linux

// ipcVersion is added to the commands of the *ctl calls: these arches' rows are
// sys_old_msgctl, sys_old_semctl and sys_old_shmctl, which take the 64-bit-capable structs
// (Msqid64Ds, Semid64Ds, Shmid64Ds) only with IPC_64 in the command (ipc_parse_version).
const ipcVersion = IPC_64
