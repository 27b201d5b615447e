//go:build linux

package linux

import (
	"strconv"
	"strings"
	"testing"
)

func TestFlagStrings(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{(O_RDONLY | O_CLOEXEC).String(), "O_RDONLY|O_CLOEXEC"},
		{(O_WRONLY | O_CREAT | O_TRUNC).String(), "O_WRONLY|O_CREAT|O_TRUNC"},
		{OpenFlags(0).String(), "O_RDONLY"},
		{CLOCK_MONOTONIC.String(), "CLOCK_MONOTONIC"},
		{ClockID(99).String(), "ClockID(99)"},
		{ClockID(-5).String(), "ClockID(-5)"},
		{(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH).String(), "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH"},
		{AtFlags(0).String(), "0"},
		{(RESOLVE_BENEATH | RESOLVE_CACHED).String(), "RESOLVE_BENEATH|RESOLVE_CACHED"},
		{(MAP_PRIVATE | MAP_ANONYMOUS).String(), "MAP_PRIVATE|MAP_ANONYMOUS"},
		{SEEK_HOLE.String(), "SEEK_HOLE"},
		{(LOCK_EX | LOCK_NB).String(), "LOCK_EX|LOCK_NB"},
		{(STATX_TYPE | STATX_MODE).String(), "STATX_TYPE|STATX_MODE"},
		{(RENAME_NOREPLACE | RenameFlags(1<<20)).String(), "RENAME_NOREPLACE|0x100000"},
		{F_OFD_SETLK.String(), "F_OFD_SETLK"},
		{FICLONE.String(), "FICLONE"},
		{Mode(S_IFDIR | 0o755).String(), "S_IFDIR|S_IRWXU|S_IRGRP|S_IXGRP|S_IROTH|S_IXOTH"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// O_SYNC contains O_DSYNC's bit: the wider name wins, the narrower is not repeated.
	if s := O_SYNC.String(); s != "O_RDONLY|O_SYNC" {
		t.Errorf("O_SYNC: %q", s)
	}
	// An unknown bit prints in hex after the names.
	unknown := OpenFlags(0)
	for b := 30; b >= 0; b-- {
		if strings.Contains(OpenFlags(1<<b).String(), "0x") {
			unknown = OpenFlags(1 << b)
			break
		}
	}
	if unknown == 0 {
		t.Fatal("every bit of OpenFlags has a name on this arch")
	}
	want := "O_RDONLY|O_CLOEXEC|0x" + strconv.FormatUint(uint64(unknown), 16)
	if s := (O_CLOEXEC | unknown).String(); s != want {
		t.Errorf("with an unknown bit: %q, want %q", s, want)
	}
}

// TestEnumTablesRoundTrip: every name of every enum table prints as itself (its first
// alias where several share a value), and every single-bit flag name appears in the
// string of its bit.
func TestEnumTablesRoundTrip(t *testing.T) {
	for _, c := range clockIDNames {
		if s := ClockID(c.v).String(); s != c.name {
			t.Errorf("ClockID(%d) = %q, want %q", c.v, s, c.name)
		}
	}
	for _, c := range ioctlCmdNames {
		if s := IoctlCmd(c.v).String(); s != c.name {
			t.Errorf("IoctlCmd(%#x) = %q, want %q", c.v, s, c.name)
		}
	}
	for _, c := range openFlagsNames {
		if c.v&(c.v-1) == 0 && !strings.Contains("|"+OpenFlags(c.v).String()+"|", "|"+c.name+"|") {
			t.Errorf("OpenFlags(%#x) = %q lacks %s", c.v, OpenFlags(c.v).String(), c.name)
		}
	}
}
