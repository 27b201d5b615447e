package linux

// probeUnsafe says why a call is never probed on this arch: uretprobe and uprobe are
// meant to be reached only from the trampolines the kernel maps for uprobes; from anywhere
// else the kernel answers with SIGILL.
func probeUnsafe(call uintptr) string {
	switch call {
	case SYS_URETPROBE, SYS_UPROBE:
		return "never probed: called from outside the uprobe trampoline it kills the caller with SIGILL"
	}
	return ""
}
