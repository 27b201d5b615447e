//go:build linux

package linux

// WaitStatus is the status wait4 and waitpid store for a child, as the kernel encodes it
// (include/linux/sched/signal.h, kernel/exit.c): the exit code in bits 8-15 of a normal
// exit, the signal in bits 0-6 (with the core-dump flag 0x80) of a death by a signal, 0x7f
// with the stop signal in bits 8-15 of a stop (and a ptrace event in bits 16-23), 0xffff for
// a continue.
type WaitStatus uint32

// Exited reports a normal exit.
func (w WaitStatus) Exited() bool { return w&0x7f == 0 }

// ExitStatus returns the exit code of a normal exit (-1 otherwise).
func (w WaitStatus) ExitStatus() int {
	if !w.Exited() {
		return -1
	}
	return int(w>>8) & 0xff
}

// Signaled reports a death by a signal.
func (w WaitStatus) Signaled() bool { return w&0x7f != 0x7f && w&0x7f != 0 }

// Signal returns the signal that killed the child (-1 otherwise).
func (w WaitStatus) Signal() Signal {
	if !w.Signaled() {
		return -1
	}
	return Signal(w & 0x7f)
}

// CoreDump reports a death by a signal that dumped core.
func (w WaitStatus) CoreDump() bool { return w.Signaled() && w&0x80 != 0 }

// Stopped reports a stop (WUNTRACED, or a ptrace stop).
func (w WaitStatus) Stopped() bool { return w&0xff == 0x7f }

// StopSignal returns the signal that stopped the child (-1 otherwise; for a ptrace
// syscall stop with PTRACE_O_TRACESYSGOOD, SIGTRAP|0x80).
func (w WaitStatus) StopSignal() Signal {
	if !w.Stopped() {
		return -1
	}
	return Signal(w>>8) & 0xff
}

// TrapCause returns the PTRACE_EVENT_* of a ptrace event stop (0 for none, -1 when not
// stopped).
func (w WaitStatus) TrapCause() int {
	if !w.Stopped() {
		return -1
	}
	return int(w>>16) & 0xff
}

// Continued reports a continue by SIGCONT (WCONTINUED).
func (w WaitStatus) Continued() bool { return w == 0xffff }
