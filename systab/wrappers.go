package systab

// Status says how package linux covers one row of an arch's syscall table.
type Status uint8

const (
	// Pending: the row belongs to a group of wrappers that has not landed yet.
	Pending Status = iota
	// Typed: a typed wrapper of package linux makes this call (Wrapper.Go names it).
	Typed
	// RawOnly: no typed wrapper makes it, for the reason in Wrapper.Reason; the number is
	// still reachable through package raw (linux.SYS_*).
	RawOnly
	// Unimplemented: the kernel answers ENOSYS for this number on this arch.
	Unimplemented
)

// String is the status as the coverage report spells it: "typed", "raw_only",
// "unimplemented" or "pending".
func (s Status) String() string {
	switch s {
	case Typed:
		return "typed"
	case RawOnly:
		return "raw_only"
	case Unimplemented:
		return "unimplemented"
	}
	return "pending"
}

// Wrapper is how package linux covers one row of a table.
type Wrapper struct {
	Entry  Entry
	Status Status
	Go     string // the function of package linux that makes the call (Typed)
	Reason string // why no typed wrapper makes it (RawOnly, Unimplemented)
	// Group is the wrapper group (spec file) the row belongs to: "file" for spec/file.spec;
	// "" for a row of no group yet (Pending).
	Group string
}

type wrapperRow struct {
	status Status
	goName string
	reason string
	group  string
}

// Wrappers returns, for every row of arch's table in Table order, how package linux covers
// it; nil for an unknown arch.
func Wrappers(arch Arch) []Wrapper {
	for i, t := range archTables {
		if t.arch != arch {
			continue
		}
		rows := wrapperTables[i]
		out := make([]Wrapper, len(t.entries))
		for j, e := range t.entries {
			out[j] = Wrapper{Entry: e}
			if j < len(rows) {
				out[j].Status, out[j].Go, out[j].Reason, out[j].Group = rows[j].status, rows[j].goName, rows[j].reason, rows[j].group
			}
		}
		return out
	}
	return nil
}

// WrapperOf returns how package linux covers the row named name of arch's table.
func WrapperOf(arch Arch, name string) (Wrapper, bool) {
	x := indexes()[arch]
	if x == nil {
		return Wrapper{}, false
	}
	j, ok := x.byName[name]
	if !ok {
		return Wrapper{}, false
	}
	for i := range archTables {
		if &archTables[i] == x.t {
			w := Wrapper{Entry: x.t.entries[j]}
			if rows := wrapperTables[i]; int(j) < len(rows) {
				w.Status, w.Go, w.Reason, w.Group = rows[j].status, rows[j].goName, rows[j].reason, rows[j].group
			}
			return w, true
		}
	}
	return Wrapper{}, false
}
