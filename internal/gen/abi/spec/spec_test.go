package spec

import (
	"strings"
	"testing"
)

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"open_how":      "OpenHow",
		"futex_waitv":   "FutexWaitv",
		"sched_attr":    "SchedAttr",
		"pid":           "PID",
		"tv_nsec":       "TvNsec",
		"io_uring_sqe":  "IoUringSqe",
		"target_fd":     "TargetFD",
		"cpu_id":        "CPUID",
		"__reserved":    "Reserved",
		"64bit":         "X64bit",
		"_":             "X",
		"map_fd":        "MapFD",
		"ipv6_mr_iface": "Ipv6MrIface",
	} {
		if got := Camel(in); got != want {
			t.Errorf("Camel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTypeName(t *testing.T) {
	calls := map[string]bool{"stat": true, "statx": true, "sigaction": true, "riscv_hwprobe": true}
	isCall := func(s string) bool { return calls[s] }
	for in, want := range map[string]string{
		"open_how":          "OpenHow",
		"stat":              "Stat_t",
		"statx":             "Statx_t",
		"rl_sigaction":      "Sigaction_t", // the prelude's rl_ dropped, then _t
		"rl_user_msghdr":    "Msghdr",      // a rename of the rl_ name
		"__kernel_timespec": "Timespec",
		"riscv_hwprobe":     "RiscvHwprobe_t",
		"new_utsname":       "Utsname",
	} {
		if got := TypeName("amd64", in, isCall); got != want {
			t.Errorf("TypeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArchTypeName(t *testing.T) {
	isCall := func(s string) bool { return s == "stat" || s == "statfs" }
	// The large-file structs keep the short names on the 32-bit arches.
	for _, c := range []struct{ arch, tag, want string }{
		{"386", "stat64", "Stat_t"}, {"386", "stat", "Stat32_t"}, {"amd64", "stat", "Stat_t"}, {"mips", "statfs64", "Statfs_t"},
	} {
		if got := TypeName(c.arch, c.tag, isCall); got != c.want {
			t.Errorf("%s: TypeName(%q) = %q, want %q", c.arch, c.tag, got, c.want)
		}
	}
}

func TestFieldNames(t *testing.T) {
	if p := FieldPrefix([]string{"st_dev", "st_ino", "__pad", "st_mode"}); p != "st_" {
		t.Errorf("prefix %q, want st_", p)
	}
	for _, l := range [][]string{{"st_dev", "tv_sec"}, {"st_dev"}, {"dev", "ino"}, {"st_dev", "st_"}} {
		if p := FieldPrefix(l); p != "" {
			t.Errorf("FieldPrefix(%v) = %q, want none", l, p)
		}
	}
	for in, want := range map[string]string{"st_dev": "Dev", "__unused": "_", "st_atime_nsec": "AtimeNsec"} {
		if got := FieldName(in, "st_"); got != want {
			t.Errorf("FieldName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConstType(t *testing.T) {
	for _, c := range []struct{ name, enum, want string }{
		{"O_RDONLY", "", "OpenFlags"},
		{"AT_EMPTY_PATH", "", "AtFlags"},
		{"AT_FDCWD", "", ""}, // a file descriptor, not a flag
		{"SIGINT", "", "Signal"},
		{"SIGSTKSZ", "", ""},
		{"SIG_BLOCK", "", "SigmaskHow"}, // issue 10: not a Signal, its own group
		{"SIG_DFL", "", ""},             // a handler value, not a Signal
		{"CLOCK_MONOTONIC", "", "ClockID"},
		{"STATX_ATTR_APPEND", "", "StatxAttr"}, // the longest prefix wins over STATX_
		{"STATX_MTIME", "", "StatxMask"},
		{"CLONE_ARGS_SIZE_VER0", "", ""},
		{"BPF_MAP_CREATE", "bpf_cmd", "BpfCmd"}, // the enum decides
		{"BPF_ALU", "", ""},
		{"IORING_OP_READ", "io_uring_op", "IoUringOp"},
		{"FUTEX_WAIT", "", "FutexOp"}, // issue 11: the futex operations are typed
	} {
		if got := ConstType(c.name, c.enum); got != c.want {
			t.Errorf("ConstType(%s, %q) = %q, want %q", c.name, c.enum, got, c.want)
		}
	}
}

// TestTypesAreDeclared: every type the groups and enums name is in Types (the generator
// declares exactly those), once, with a fixed-size integer underlying type, and is used.
func TestTypesAreDeclared(t *testing.T) {
	used := map[string]bool{"Signal": true}
	for _, g := range TypedGroups {
		if g.Type != "" {
			used[g.Type] = true
		}
	}
	for _, ty := range TypedEnums {
		used[ty] = true
	}
	seen := map[string]bool{}
	for _, ty := range Types {
		if seen[ty.Name] {
			t.Errorf("%s declared twice", ty.Name)
		}
		seen[ty.Name] = true
		switch ty.Underlying {
		case "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64":
		default:
			t.Errorf("%s: underlying %s is not a fixed-size integer", ty.Name, ty.Underlying)
		}
		if !strings.HasPrefix(ty.Doc, ty.Name+" ") {
			t.Errorf("%s: doc %q does not start with the name", ty.Name, ty.Doc)
		}
		if !used[ty.Name] {
			t.Errorf("%s is declared but no group uses it", ty.Name)
		}
	}
	for u := range used {
		if !seen[u] {
			t.Errorf("%s is used by a group but not in Types", u)
		}
	}
}

func TestFits(t *testing.T) {
	u8, _ := Lookup("IoUringOp")
	i32, _ := Lookup("OpenFlags")
	u64, _ := Lookup("CloneFlags")
	for _, c := range []struct {
		t    Type
		v    int64
		neg  bool
		want bool
	}{
		{u8, 255, false, true}, {u8, 256, false, false}, {u8, -1, true, false},
		{i32, 0x7fffffff, false, true}, {i32, 0x80000000, false, false}, {i32, -0x80000000, true, true}, {i32, -0x80000001, true, false},
		{u64, -1, false, true}, // a 64-bit pattern with the top bit set, not negative in C
		{u64, -1, true, false},
	} {
		if got := c.t.Fits(c.v, c.neg); got != c.want {
			t.Errorf("%s.Fits(%#x, %v) = %v, want %v", c.t.Name, c.v, c.neg, got, c.want)
		}
	}
}

func TestUnionViewsAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for k, v := range UnionViews {
		u, _, _ := strings.Cut(k, ".")
		if o, ok := seen[u+"."+v]; ok {
			t.Errorf("%s and %s are both %s", k, o, v)
		}
		seen[u+"."+v] = k
		if Camel(v) != v {
			t.Errorf("view %s is not CamelCase", v)
		}
	}
}
