//go:build linux

package linux

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// The info structs that IPC_INFO and its kin write over the start of the *ctl buffers fit
// there, on every arch.
func TestIpcInfoFits(t *testing.T) {
	if unsafe.Sizeof(Msginfo{}) > unsafe.Sizeof(Msqid64Ds{}) || unsafe.Sizeof(Shminfo64{}) > unsafe.Sizeof(Shmid64Ds{}) ||
		unsafe.Sizeof(ShmInfo{}) > unsafe.Sizeof(Shmid64Ds{}) {
		t.Fatalf("msginfo %d > msqid64_ds %d, or shminfo64 %d / shm_info %d > shmid64_ds %d",
			unsafe.Sizeof(Msginfo{}), unsafe.Sizeof(Msqid64Ds{}), unsafe.Sizeof(Shminfo64{}),
			unsafe.Sizeof(ShmInfo{}), unsafe.Sizeof(Shmid64Ds{}))
	}
}

// permMode is the permission bits of an ipc64_perm mode. qemu-s390x converts the 32-bit mode
// of s390x's struct ipc64_perm as a 16-bit one, which lands in the high half.
func permMode[T ~uint16 | ~uint32](m T) uint32 {
	v := uint32(m)
	if qemuUser() && runtime.GOARCH == "s390x" && v > 0xffff {
		v >>= 16
	}
	return v & 0o777
}

// permModeHigh moves a mode into the high half, where qemu-s390x reads it.
func permModeHigh[T ~uint16 | ~uint32](m *T) { *m = T(uint32(*m) << 16) }

func TestSysvMsg(t *testing.T) {
	id, err := Msgget(IPC_PRIVATE, IPC_CREAT|0o600)
	skipUnsupported(t, "msgget", err)
	must(t, "msgget", err)
	removed := false
	defer func() {
		if !removed {
			Msgctl(id, IPC_RMID, nil)
		}
	}()
	must(t, "msgsnd", Msgsnd(id, 7, []byte("hello"), 0))
	long := bytes.Repeat([]byte("0123456789"), 300) // beyond the stack buffer
	must(t, "msgsnd of 3000 bytes", Msgsnd(id, 9, long, 0))
	var ds Msqid64Ds
	_, err = Msgctl(id, IPC_STAT, &ds)
	must(t, "msgctl IPC_STAT", err)
	if a := runtime.GOARCH; qemuUser() && (a == "arm" || a == "s390x" || a == "mips" || a == "mipsle") {
		// qemu converts struct msqid64_ds with its own layout there: one word off after
		// msg_perm on arm and mips o32 (msg_cbytes lands in msg_qnum), a 16-bit mode and long
		// pids on s390x (whose kernel has a 32-bit mode and int pids). Only the counts it
		// gets right somewhere are checked.
		t.Logf("qemu-%s's msgctl IPC_STAT layout differs from the kernel's: Qnum %d, Cbytes %d, Mode %o, Lspid %d",
			runtime.GOARCH, ds.Qnum, ds.Cbytes, ds.Perm.Mode, ds.Lspid)
		if ds.Qnum != 2 && ds.Cbytes != 2 && uint64(ds.Qnum) != 3005 {
			t.Fatalf("IPC_STAT: %d messages, %d bytes", ds.Qnum, ds.Cbytes)
		}
	} else if ds.Qnum != 2 || ds.Cbytes != 3005 || ds.Perm.Mode&0o777 != 0o600 || ds.Lspid != int32(os.Getpid()) {
		t.Fatalf("IPC_STAT: %d messages, %d bytes, mode %o, last sender %d", ds.Qnum, ds.Cbytes, ds.Perm.Mode, ds.Lspid)
	}
	buf := make([]byte, 16)
	// A message of another type than asked: MSG_EXCEPT.
	n, typ, err := Msgrcv(id, buf, 9, MSG_EXCEPT)
	if err != nil || typ != 7 || string(buf[:n]) != "hello" {
		t.Fatalf("msgrcv MSG_EXCEPT 9: %q type %d, %v", buf[:n], typ, err)
	}
	_, _, err = Msgrcv(id, buf, 0, IPC_NOWAIT)
	wantErrno(t, "msgrcv of a message longer than the buffer", err, E2BIG)
	n, typ, err = Msgrcv(id, buf, 0, MSG_NOERROR)
	if err != nil || typ != 9 || n != 16 || string(buf) != string(long[:16]) {
		t.Fatalf("msgrcv MSG_NOERROR: %q type %d, %v", buf[:n], typ, err)
	}
	_, _, err = Msgrcv(id, buf, 0, IPC_NOWAIT)
	wantErrno(t, "msgrcv of an empty queue", err, ENOMSG)
	must(t, "msgsnd of 3000 bytes", Msgsnd(id, 1, long, 0))
	big := make([]byte, 4000)
	if n, typ, err := Msgrcv(id, big, -5, 0); err != nil || typ != 1 || !bytes.Equal(big[:n], long) {
		t.Fatalf("msgrcv of 3000 bytes: %d bytes type %d, %v", n, typ, err)
	}
	wantErrno(t, "msgsnd of type 0", Msgsnd(id, 0, nil, 0), EINVAL)
	info := (*Msginfo)(unsafe.Pointer(&ds))
	if _, err := Msgctl(0, IPC_INFO, &ds); err != nil || info.Msgmax <= 0 || info.Msgmni <= 0 {
		t.Fatalf("msgctl IPC_INFO: msgmax %d msgmni %d, %v", info.Msgmax, info.Msgmni, err)
	}
	_, err = Msgctl(id, IPC_RMID, nil)
	must(t, "msgctl IPC_RMID", err)
	removed = true
	wantErrno(t, "msgsnd to a removed queue", Msgsnd(id, 1, []byte("x"), IPC_NOWAIT), EINVAL)
}

func TestSysvSem(t *testing.T) {
	id, err := Semget(IPC_PRIVATE, 2, IPC_CREAT|0o600)
	skipUnsupported(t, "semget", err)
	must(t, "semget", err)
	removed := false
	defer func() {
		if !removed {
			Semctl(id, 0, IPC_RMID, 0)
		}
	}()
	must(t, "SETALL", SemctlSetAll(id, []uint16{1, 0}))
	vals := make([]uint16, 2)
	must(t, "GETALL", SemctlGetAll(id, vals))
	if vals[0] != 1 || vals[1] != 0 {
		t.Fatalf("GETALL after SETALL 1, 0: %v", vals)
	}
	wantErrno(t, "GETALL into a short slice", SemctlGetAll(id, vals[:1]), EINVAL)
	wantErrno(t, "SETALL from a short slice", SemctlSetAll(id, vals[:1]), EINVAL)
	_, err = Semctl(id, 1, SETVAL, 5)
	must(t, "SETVAL", err)
	if v, err := Semctl(id, 1, GETVAL, 0); err != nil || v != 5 {
		t.Fatalf("GETVAL after SETVAL 5: %d %v", v, err)
	}
	must(t, "GETALL", SemctlGetAll(id, vals))
	if vals[1] != 5 {
		t.Fatalf("GETALL after SETVAL 5: %v", vals)
	}
	// Take semaphore 0, and 2 of semaphore 1, at once.
	must(t, "semop", Semop(id, []Sembuf{{Num: 0, Op: -1}, {Num: 1, Op: -2, Flg: int16(SEM_UNDO)}}))
	must(t, "GETALL", SemctlGetAll(id, vals))
	if vals[0] != 0 || vals[1] != 3 {
		t.Fatalf("after semop: %v, want [0 3]", vals)
	}
	wantErrno(t, "semop that would block, IPC_NOWAIT", Semop(id, []Sembuf{{Num: 0, Op: -1, Flg: int16(IPC_NOWAIT)}}), EAGAIN)
	wantErrno(t, "semtimedop with a timeout", Semtimedop(id, []Sembuf{{Num: 0, Op: -1}}, &Timespec{Nsec: 10e6}), EAGAIN)
	if pid, err := Semctl(id, 1, GETPID, 0); err != nil || pid != os.Getpid() {
		t.Fatalf("GETPID: %d %v", pid, err)
	}
	if n, err := Semctl(id, 0, GETNCNT, 0); err != nil || n != 0 {
		t.Fatalf("GETNCNT: %d %v", n, err)
	}
	if n, err := Semctl(id, 0, GETZCNT, 0); err != nil || n != 0 {
		t.Fatalf("GETZCNT: %d %v", n, err)
	}
	var ds Semid64Ds
	_, err = SemctlStat(id, IPC_STAT, &ds)
	if err != nil || ds.Nsems != 2 || permMode(ds.Perm.Mode) != 0o600 {
		t.Fatalf("IPC_STAT: %d semaphores, mode %o, %v", ds.Nsems, ds.Perm.Mode, err)
	}
	ds.Perm.Mode = 0o640
	if qemuUser() && runtime.GOARCH == "s390x" {
		permModeHigh(&ds.Perm.Mode) // see permMode
	}
	_, err = SemctlStat(id, IPC_SET, &ds)
	must(t, "IPC_SET", err)
	_, err = SemctlStat(id, IPC_STAT, &ds)
	if err != nil || permMode(ds.Perm.Mode) != 0o640 {
		t.Fatalf("after IPC_SET: mode %o, %v", ds.Perm.Mode, err)
	}
	info, maxIdx, err := SemctlInfo(IPC_INFO)
	if err != nil || info.Semmsl <= 0 || maxIdx < 0 {
		t.Fatalf("IPC_INFO: semmsl %d, index %d, %v", info.Semmsl, maxIdx, err)
	}
	// The memory commands have their own functions.
	_, err = Semctl(id, 0, IPC_STAT, 0)
	wantErrno(t, "Semctl IPC_STAT", err, EINVAL)
	_, err = Semctl(id, 0, IPC_RMID, 0)
	must(t, "IPC_RMID", err)
	removed = true
	_, err = Semctl(id, 0, GETVAL, 0)
	wantErrno(t, "GETVAL of a removed set", err, EINVAL)
}

func TestSysvShm(t *testing.T) {
	size := 3 * int(pageSize)
	id, err := Shmget(IPC_PRIVATE, size, IPC_CREAT|0o600)
	skipUnsupported(t, "shmget", err)
	must(t, "shmget", err)
	defer Shmctl(id, IPC_RMID, nil)
	b, err := Shmat(id, nil, 0)
	must(t, "shmat", err)
	if len(b) != size {
		t.Fatalf("shmat: %d bytes, want %d", len(b), size)
	}
	copy(b[pageSize:], "shared")
	var ds Shmid64Ds
	b2, err := Shmat(id, nil, SHM_RDONLY)
	if err != nil && qemuUser() && errors.Is(err, ENOMEM) {
		// qemu-mips64 finds no room for a second attachment aligned to the arch's SHMLBA
		// (256 KiB) in its emulated address space.
		t.Logf("a second shmat under qemu-%s: %v: not checked", runtime.GOARCH, err)
		if _, err := Shmctl(id, IPC_STAT, &ds); err != nil || ds.Nattch != 1 || int(ds.Segsz) != size {
			t.Fatalf("IPC_STAT: %d attachments, %d bytes, %v", ds.Nattch, ds.Segsz, err)
		}
	} else {
		must(t, "shmat read-only", err)
		if string(b2[pageSize:pageSize+6]) != "shared" {
			t.Fatalf("the second attachment shows %q", b2[pageSize:pageSize+6])
		}
		_, err = Shmctl(id, IPC_STAT, &ds)
		if err != nil || ds.Nattch != 2 || int(ds.Segsz) != size || ds.Cpid != int32(os.Getpid()) {
			t.Fatalf("IPC_STAT: %d attachments, %d bytes, creator %d, %v", ds.Nattch, ds.Segsz, ds.Cpid, err)
		}
		// A read-only attachment: the kernel refuses to write there.
		r, w := memPipe(t)
		Write(w, []byte("x"))
		_, err = Read(r, b2[:1])
		wantErrno(t, "read(2) into a read-only attachment", err, EFAULT)
		must(t, "shmdt", Shmdt(b2))
		wantErrno(t, "shmdt twice", Shmdt(b2), EINVAL)
	}
	wantErrno(t, "shmdt of Go memory", Shmdt(goPages(t, 1)), EINVAL)
	// SHM_REMAP only over our own mappings.
	g := goPages(t, 3)
	_, err = Shmat(id, unsafe.Pointer(&g[0]), SHM_REMAP)
	wantErrno(t, "shmat SHM_REMAP over Go memory", err, EINVAL)
	_, err = Shmat(id, unsafe.Pointer(&g[0]), 0)
	wantErrno(t, "shmat over Go memory", err, EINVAL)
	if !strings.HasPrefix(string(g), "\x5a\x5a") {
		t.Fatal("Go memory changed")
	}
	m, err := Mmap(-1, 0, size, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
	must(t, "mmap", err)
	b3, err := Shmat(id, unsafe.Pointer(&m[0]), SHM_REMAP)
	if err != nil && qemuUser() {
		Munmap(m)
		t.Logf("shmat SHM_REMAP under qemu-user: %v", err)
	} else {
		must(t, "shmat SHM_REMAP over our mapping", err)
		if &b3[0] != &m[0] || string(b3[pageSize:pageSize+6]) != "shared" {
			t.Fatal("SHM_REMAP did not attach over the mapping")
		}
		must(t, "shmdt", Shmdt(b3))
	}
	info := (*Shminfo64)(unsafe.Pointer(&ds))
	if _, err := Shmctl(0, IPC_INFO, &ds); err != nil || info.Shmmax == 0 || info.Shmmni == 0 {
		t.Fatalf("IPC_INFO: shmmax %d shmmni %d, %v", info.Shmmax, info.Shmmni, err)
	}
	si := (*ShmInfo)(unsafe.Pointer(&ds))
	if _, err := Shmctl(0, SHM_INFO, &ds); err != nil || si.UsedIds < 1 {
		t.Fatalf("SHM_INFO: %d segments, %v", si.UsedIds, err)
	}
	_, err = Shmctl(id, IPC_RMID, nil)
	must(t, "IPC_RMID", err)
	// Removed, but still attached: the memory stays until the last detach.
	if string(b[pageSize:pageSize+6]) != "shared" {
		t.Fatal("the attachment lost its data at IPC_RMID")
	}
	must(t, "shmdt", Shmdt(b))
	_, err = Shmat(id, nil, 0)
	wantErrno(t, "shmat of a removed segment", err, EINVAL)
}
