//go:build linux && (386 || ppc64 || ppc64le || s390x || mips || mipsle)

package linux

import (
	"testing"
	"unsafe"
)

// TestIpcMultiplexer makes System V IPC calls through ipc(2): a message queue, a semaphore
// set, and a segment attached and detached through SHMAT and SHMDT.
func TestIpcMultiplexer(t *testing.T) {
	id, err := Ipc(MSGGET, int(IPC_PRIVATE), uintptr(IPC_CREAT|0o600), 0, nil, 0)
	skipUnsupported(t, "ipc", err)
	must(t, "ipc MSGGET", err)
	// Version 1 of MSGSND/MSGRCV: the struct msgbuf at ptr, msgtyp in fifth.
	var msg struct {
		mtype uintptr
		text  [8]byte
	}
	msg.mtype = 3
	copy(msg.text[:], "ipc(2)")
	_, err = Ipc(MSGSND, id, 6, 0, unsafe.Pointer(&msg), 0)
	must(t, "ipc MSGSND", err)
	var got struct {
		mtype uintptr
		text  [8]byte
	}
	// third is msgflg (0: the message is there), fifth msgtyp (s390x takes it from third).
	n, err := Ipc(MSGRCV|1<<16, id, 8, 0, unsafe.Pointer(&got), 0)
	if err != nil || n != 6 || got.mtype != 3 || string(got.text[:6]) != "ipc(2)" {
		t.Fatalf("ipc MSGRCV: %d type %d %q, %v", n, got.mtype, got.text[:n], err)
	}
	_, err = Ipc(MSGCTL, id, uintptr(IPC_RMID), 0, nil, 0)
	must(t, "ipc MSGCTL IPC_RMID", err)

	sem, err := Ipc(SEMGET, int(IPC_PRIVATE), 1, uintptr(IPC_CREAT|0o600), nil, 0)
	must(t, "ipc SEMGET", err)
	defer Semctl(sem, 0, IPC_RMID, 0)
	ops := []Sembuf{{Op: 2}}
	_, err = Ipc(SEMOP, sem, 1, 0, unsafe.Pointer(&ops[0]), 0)
	must(t, "ipc SEMOP", err)
	arg := uintptr(0) // union semun, unused by GETVAL
	if v, err := Ipc(SEMCTL, sem, 0, uintptr(GETVAL), unsafe.Pointer(&arg), 0); err != nil || v != 2 {
		t.Fatalf("ipc SEMCTL GETVAL: %d %v", v, err)
	}

	shm, err := Shmget(IPC_PRIVATE, int(pageSize), IPC_CREAT|0o600)
	must(t, "shmget", err)
	defer Shmctl(shm, IPC_RMID, nil)
	var addr uintptr
	_, err = Ipc(SHMAT, shm, 0, uintptr(unsafe.Pointer(&addr)), nil, 0)
	must(t, "ipc SHMAT", err)
	b := bytesAt(addr, int(pageSize))
	b[0] = 42
	if !covered(addr, pageSize) {
		t.Fatal("the attachment of ipc SHMAT is not in the table")
	}
	_, err = Ipc(SHMDT, 0, 0, 0, addrPointer(addr), 0)
	must(t, "ipc SHMDT", err)
	_, err = Ipc(SHMDT, 0, 0, 0, addrPointer(addr), 0)
	wantErrno(t, "ipc SHMDT twice", err, EINVAL)
	g := goPages(t, 1)
	_, err = Ipc(SHMAT, shm, uintptr(SHM_REMAP), uintptr(unsafe.Pointer(&addr)), unsafe.Pointer(&g[0]), 0)
	wantErrno(t, "ipc SHMAT SHM_REMAP over Go memory", err, EINVAL)
}
