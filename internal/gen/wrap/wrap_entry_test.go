package main

import (
	"strings"
	"testing"

	"github.com/rawlinux/linux/systab"
)

// TestEntryPointMapping: a mapping qualified by an entry point applies only where the row's
// entry point is that one, and wins over the plain mapping of the same C argument.
func TestEntryPointMapping(t *testing.T) {
	st := stanzaOf(t, "func Msgctl(msqid int, cmd IpcCmd, buf *Msqid64Ds) (int, error)\n"+
		"\tsys_old_msgctl.cmd = cmd|IPC_64\n")
	proto := []systab.Arg{{Type: "int", Name: "msqid"}, {Type: "int", Name: "cmd"},
		{Type: "struct msqid_ds __user *", Name: "buf"}}
	used := map[string]bool{}
	old, err := emit(st, arch(t, "arm"), systab.Entry{Name: "msgctl", EntryPoint: "sys_old_msgctl"}, proto, used)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(old, "int(cmd|IPC_64)") || !used["sys_old_msgctl.cmd"] {
		t.Fatalf("sys_old_msgctl: the qualified mapping was not used (used %v):\n%s", used, old)
	}
	used = map[string]bool{}
	cur, err := emit(st, arch(t, "amd64"), systab.Entry{Name: "msgctl", EntryPoint: "sys_msgctl"}, proto, used)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(cur, "IPC_64") || !strings.Contains(cur, "uintptr(cmd)") || len(used) != 0 {
		t.Fatalf("sys_msgctl: the mapping of sys_old_msgctl leaked (used %v):\n%s", used, cur)
	}
	// With a plain mapping too, the qualified one wins on its entry point only.
	st = stanzaOf(t, "func F(msqid int, cmd IpcCmd, buf *Msqid64Ds) (int, error)\n"+
		"\tcmd = cmd|1\n\tsys_old_msgctl.cmd = cmd|IPC_64\n")
	if b, _ := emit(st, arch(t, "arm"), systab.Entry{Name: "msgctl", EntryPoint: "sys_old_msgctl"}, proto, map[string]bool{}); !strings.Contains(b, "cmd|IPC_64") || strings.Contains(b, "cmd|1") {
		t.Fatalf("qualified mapping did not win:\n%s", b)
	}
	if b, _ := emit(st, arch(t, "amd64"), systab.Entry{Name: "msgctl", EntryPoint: "sys_msgctl"}, proto, map[string]bool{}); !strings.Contains(b, "cmd|1") {
		t.Fatalf("plain mapping not used:\n%s", b)
	}
}

// TestHandwrittenResults: a hand-written declaration may group results of one type, as
// gofmt writes them.
func TestHandwrittenResults(t *testing.T) {
	st := stanzaOf(t, "func Getcpu() (cpu, node int, err error)\n\thandwritten x.go\n")
	handwrittenDecls["Getcpu"] = map[string]string{"x.go": "func Getcpu() (cpu, node int, err error) "}
	defer delete(handwrittenDecls, "Getcpu")
	if err := checkHandwritten(st); err != nil {
		t.Fatal(err)
	}
	handwrittenDecls["Getcpu"] = map[string]string{"x.go": "func Getcpu() (cpu int, node int, err error) "} // grouped differently
	if err := checkHandwritten(st); err != nil {
		t.Fatal(err)
	}
	handwrittenDecls["Getcpu"] = map[string]string{"x.go": "func Getcpu() (cpu, node int32, err error) "}
	if err := checkHandwritten(st); err == nil {
		t.Fatal("a different result type was accepted")
	}
}
