//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// System V message queues (spec/memory.spec). The kernel takes and returns a message as
// struct msgbuf: the type (a C long) followed by the text, in one buffer.

// msgStack is the longest text that Msgsnd and Msgrcv pass through a buffer on the stack;
// longer ones take one allocation.
const msgStack = 1024

// msgHdr is the size of struct msgbuf's mtype (a C long).
const msgHdr = int(unsafe.Sizeof(uintptr(0)))

// msgbuf returns a buffer for a message of n bytes of text: in stack when it fits. Its
// first word, aligned for a long, is the type.
func msgbuf(stack *[msgStack/8 + 1]uint64, n int) []byte {
	if n <= msgStack {
		return unsafe.Slice((*byte)(unsafe.Pointer(stack)), msgHdr+n)
	}
	w := make([]uint64, (msgHdr+n+7)/8)
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), msgHdr+n)
}

// Msgsnd sends a message of type mtype (> 0) and content text to queue msqid, waiting for
// room unless flags has IPC_NOWAIT (EAGAIN).
//
// The kernel takes the type and the text in one buffer (struct msgbuf): a text of up to
// 1 KiB is copied into one on the stack, a longer one into one allocation.
//
// See [msgsnd(2)].
//
// [msgsnd(2)]: https://man7.org/linux/man-pages/man2/msgsnd.2.html
func Msgsnd(msqid, mtype int, text []byte, flags IpcOpFlags) error {
	var stack [msgStack/8 + 1]uint64
	buf := msgbuf(&stack, len(text))
	*(*uintptr)(unsafe.Pointer(unsafe.SliceData(buf))) = uintptr(mtype)
	copy(buf[msgHdr:], text)
	_, _, e := raw.Syscall6(SYS_MSGSND, uintptr(msqid), uintptr(unsafe.Pointer(unsafe.SliceData(buf))),
		uintptr(len(text)), uintptr(flags), 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

// Msgrcv receives a message from queue msqid into text and returns its length and type:
// mtype 0 takes the first message, > 0 the first of that type (MSG_EXCEPT: of another
// type), < 0 the first with the lowest type at most -mtype; waits unless IPC_NOWAIT
// (ENOMSG).
//
// A message longer than text is E2BIG unless MSG_NOERROR, which truncates it. With MSG_COPY
// (and IPC_NOWAIT), mtype is the index of a message to copy without removing it.
//
// See [msgrcv(2)].
//
// [msgrcv(2)]: https://man7.org/linux/man-pages/man2/msgrcv.2.html
func Msgrcv(msqid int, text []byte, mtype int, flags IpcOpFlags) (n, typ int, err error) {
	var stack [msgStack/8 + 1]uint64
	buf := msgbuf(&stack, len(text))
	r, _, e := raw.Syscall6(SYS_MSGRCV, uintptr(msqid), uintptr(unsafe.Pointer(unsafe.SliceData(buf))),
		uintptr(len(text)), uintptr(mtype), uintptr(flags), 0)
	if e != 0 {
		return 0, 0, e
	}
	n = copy(text, buf[msgHdr:msgHdr+int(r)])
	return n, int(*(*uintptr)(unsafe.Pointer(unsafe.SliceData(buf)))), nil
}
