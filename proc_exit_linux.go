//go:build linux

package linux

import "runtime"

// Exit ends the calling thread the one way the Go runtime allows: it locks the calling
// goroutine to its thread and ends the goroutine (runtime.Goexit, so deferred calls run);
// the runtime then makes exit(2) for the thread itself, instead of returning it to the
// scheduler. It does not return. On the process's main thread the runtime cannot end the
// thread and parks it for good instead. Called on the main goroutine it ends that
// goroutine only; the program ends when the other goroutines do, and crashes ("no
// goroutines") if none is left. To end the process use os.Exit, or ExitGroup.
//
// The exit row itself is raw-only: made directly, exit(2) ends the thread under the
// runtime, which still counts it as a running thread holding a processor (the scheduler
// and the garbage collector then wait for it forever). A thread's own exit status is seen
// by no one, so Exit takes none.
//
// See [exit(2)].
//
// [exit(2)]: https://man7.org/linux/man-pages/man2/exit.2.html
func Exit() {
	runtime.LockOSThread()
	runtime.Goexit()
}
