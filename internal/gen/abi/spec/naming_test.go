package spec

import "testing"

// TestConstTypeExact: a TypedGroups entry ending in "$" types only that name, ahead of any
// prefix, and leaves the names it is a prefix of to the other entries.
func TestConstTypeExact(t *testing.T) {
	for name, want := range map[string]string{
		"MS_SYNC":        "MsyncFlags",
		"MS_SYNCHRONOUS": "MountFlags", // a mount flag, not msync's
		"MS_ASYNC":       "MsyncFlags",
		"FUTEX_WAIT":     "FutexOp",
		"FUTEX_WAITERS":  "", // a bit of the futex word, not an operation
		"FUTEX_OP_SET":   "",
		"MPOL_MAX":       "",
		"MPOL_BIND":      "MempolicyMode",
		"MPOL_MF_MOVE":   "MbindFlags",
		"MPOL_F_NODE":    "GetMempolicyFlags",
		"SEMOP":          "IpcCall",
		"SEMOPM":         "", // a limit
		"TIME_WAIT":      "ClockState",
		"IPC_PRIVATE":    "", // a key
	} {
		if got := ConstType(name, ""); got != want {
			t.Errorf("ConstType(%s) = %q, want %q", name, got, want)
		}
	}
	for _, g := range TypedGroups {
		if g.Type != "" {
			if _, ok := Lookup(g.Type); !ok {
				t.Errorf("group %s: type %s is not in Types", g.Prefix, g.Type)
			}
		}
	}
}
