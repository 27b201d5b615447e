//go:build linux

package netlink

import (
	"errors"
	"testing"

	"github.com/rawlinux/linux"
)

// TestGenlNlctrl looks the controller family itself up by name, lists the families and
// asks for one that does not exist.
func TestGenlNlctrl(t *testing.T) {
	c := dial(t, linux.NETLINK_GENERIC)
	f, err := ResolveFamily(c, "nlctrl")
	if err != nil {
		t.Fatalf("nlctrl: %v", err)
	}
	if f.ID != linux.GENL_ID_CTRL || f.Name != "nlctrl" || f.Version == 0 {
		t.Errorf("nlctrl: %+v", f)
	}
	if _, ok := f.Groups["notify"]; !ok {
		t.Errorf("nlctrl's groups %v have no notify", f.Groups)
	}
	if flags, ok := f.Ops[linux.CTRL_CMD_GETFAMILY]; !ok || flags&linux.GENL_CMD_CAP_DUMP == 0 {
		t.Errorf("CTRL_CMD_GETFAMILY's flags %#x (present %v)", flags, ok)
	}
	fams, err := ListFamilies(c)
	if err != nil {
		t.Fatalf("family dump: %v", err)
	}
	names := map[string]uint16{}
	for _, x := range fams {
		names[x.Name] = x.ID
	}
	if names["nlctrl"] != linux.GENL_ID_CTRL {
		t.Errorf("the dump of %d families lacks nlctrl: %v", len(fams), names)
	}
	t.Logf("%d generic families: %v", len(fams), names)
	for _, name := range []string{linux.ETHTOOL_GENL_NAME, linux.TASKSTATS_GENL_NAME, linux.DEVLINK_GENL_NAME} {
		if id, ok := names[name]; ok {
			if g, err := ResolveFamily(c, name); err != nil || g.ID != id {
				t.Errorf("%s: %+v %v, the dump says id %d", name, g, err, id)
			}
		}
	}
	_, err = ResolveFamily(c, "rl-nofamily")
	if !errors.Is(err, linux.ENOENT) {
		t.Errorf("a missing family: %v, want ENOENT", err)
	}
	// A name longer than GENL_NAMSIZ fails the attribute's policy: the extended
	// acknowledgement says so and where.
	_, err = ResolveFamily(c, "rawlinux-no-such-family")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, linux.EINVAL) {
		t.Errorf("a name of 23 bytes: %v, want EINVAL", err)
	} else if e.Message == "" || !e.HasOffset {
		t.Logf("no extended acknowledgement: %+v", e)
	}
}
