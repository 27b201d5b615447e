//go:build linux

package linux

import (
	"runtime"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// semctl (spec/memory.spec). Its fourth argument is union semun, passed by value: an int for
// SETVAL, a pointer for the commands that read or write memory, which have their own
// functions here so that the kernel never writes through an integer or past a buffer.

// Semctl performs a command of semctl that takes an integer or nothing on set semid: GETVAL,
// SETVAL (to arg), GETPID, GETNCNT, GETZCNT of semaphore semnum, IPC_RMID of the set; the
// commands that read or write memory are EINVAL here (SemctlStat, SemctlGetAll,
// SemctlSetAll, SemctlInfo). arg travels as the kernel reads union semun's val: the high
// half of the long on big-endian 64-bit arches.
//
// See [semctl(2)].
//
// [semctl(2)]: https://man7.org/linux/man-pages/man2/semctl.2.html
func Semctl(semid, semnum int, cmd IpcCmd, arg int) (int, error) {
	switch cmd {
	case GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID:
	default:
		return 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_SEMCTL, uintptr(semid), uintptr(semnum), uintptr(cmd|ipcVersion()), semunInt(arg), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// SemctlStat performs IPC_STAT (fill ds) or IPC_SET (from ds) on set semid, or SEM_STAT and
// SEM_STAT_ANY (semid is then an index of the kernel's table, and the result the set's id).
//
// See [semctl(2)].
//
// [semctl(2)]: https://man7.org/linux/man-pages/man2/semctl.2.html
func SemctlStat(semid int, cmd IpcCmd, ds *Semid64Ds) (int, error) {
	switch cmd {
	case IPC_STAT, IPC_SET, SEM_STAT, SEM_STAT_ANY:
	default:
		return 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_SEMCTL, uintptr(semid), 0, uintptr(cmd|ipcVersion()), uintptr(unsafe.Pointer(ds)), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// semCount is the number of semaphores of set semid.
func semCount(semid int) (int, error) {
	var ds Semid64Ds
	if _, err := SemctlStat(semid, IPC_STAT, &ds); err != nil {
		return 0, err
	}
	return int(ds.Nsems), nil
}

// SemctlGetAll fills vals with the values of every semaphore of set semid (GETALL); vals
// must have room for all of them (EINVAL, checked with IPC_STAT before the kernel writes).
//
// See [semctl(2)].
//
// [semctl(2)]: https://man7.org/linux/man-pages/man2/semctl.2.html
func SemctlGetAll(semid int, vals []uint16) error {
	n, err := semCount(semid)
	if err != nil {
		return err
	}
	if len(vals) < n {
		return EINVAL
	}
	_, _, e := raw.Syscall6(SYS_SEMCTL, uintptr(semid), 0, uintptr(GETALL|ipcVersion()), uintptr(sliceData(vals)), 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

// SemctlSetAll sets every semaphore of set semid from vals (SETALL); vals must hold a value
// for each (EINVAL, checked with IPC_STAT before the kernel reads).
//
// See [semctl(2)].
//
// [semctl(2)]: https://man7.org/linux/man-pages/man2/semctl.2.html
func SemctlSetAll(semid int, vals []uint16) error {
	n, err := semCount(semid)
	if err != nil {
		return err
	}
	if len(vals) < n {
		return EINVAL
	}
	_, _, e := raw.Syscall6(SYS_SEMCTL, uintptr(semid), 0, uintptr(SETALL|ipcVersion()), uintptr(sliceData(vals)), 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

// SemctlInfo returns the system's semaphore limits (IPC_INFO) or usage (SEM_INFO: Semusz is
// the number of sets, Semaem the number of semaphores) and the highest used index of the
// kernel's table of sets.
//
// See [semctl(2)].
//
// [semctl(2)]: https://man7.org/linux/man-pages/man2/semctl.2.html
func SemctlInfo(cmd IpcCmd) (info Seminfo, maxIndex int, err error) {
	if cmd != IPC_INFO && cmd != SEM_INFO {
		return Seminfo{}, 0, EINVAL
	}
	r, _, e := raw.Syscall6(SYS_SEMCTL, 0, 0, uintptr(cmd|ipcVersion()), uintptr(unsafe.Pointer(&info)), 0, 0)
	if e != 0 {
		return Seminfo{}, 0, e
	}
	return info, int(r), nil
}

// ipcVersion is added to the commands of the *ctl calls. On arm and mips64 the rows are
// sys_old_msgctl, sys_old_semctl and sys_old_shmctl, which take the 64-bit-capable structs
// (Msqid64Ds, Semid64Ds, Shmid64Ds) only with IPC_64 in the command (ipc_parse_version);
// elsewhere they are the new calls, which always take them and refuse IPC_64.
func ipcVersion() IpcCmd {
	if runtime.GOARCH == "arm" || runtime.GOARCH == "mips64" || runtime.GOARCH == "mips64le" {
		return IPC_64
	}
	return 0
}

// semunInt is semctl's union semun holding the int val, passed by value as an unsigned
// long: its low half on 32-bit and little-endian arches, its high half on big-endian 64-bit
// ones (ipc/sem.c takes arg >> 32 for SETVAL there).
func semunInt(v int) uintptr {
	if runtime.GOARCH == "ppc64" || runtime.GOARCH == "s390x" || runtime.GOARCH == "mips64" {
		return uintptr(uint64(uint32(v)) << 32)
	}
	return uintptr(uint32(v))
}
