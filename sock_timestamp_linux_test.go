//go:build linux

package linux

import (
	"testing"
	"time"
	"unsafe"
)

// TestSocketTimestamps: SO_TIMESTAMP and SO_TIMESTAMPNS (on 32-bit arches the _OLD numbers,
// sock_timestamp_linux_32bit.go) make the kernel attach an SCM_TIMESTAMP control message of
// a Timeval and an SCM_TIMESTAMPNS one of an OldTimespec to a received datagram: the
// numbers and the sizes agree with the structs the package has.
func TestSocketTimestamps(t *testing.T) {
	for _, c := range []struct {
		name      string
		opt, scm  int
		size      uintptr
		secondsAt func([]byte) int64
	}{
		{"SO_TIMESTAMP", SO_TIMESTAMP, SCM_TIMESTAMP, unsafe.Sizeof(Timeval{}), func(b []byte) int64 {
			return int64((*Timeval)(unsafe.Pointer(&b[0])).Sec)
		}},
		{"SO_TIMESTAMPNS", SO_TIMESTAMPNS, SCM_TIMESTAMPNS, unsafe.Sizeof(OldTimespec{}), func(b []byte) int64 {
			return int64((*OldTimespec)(unsafe.Pointer(&b[0])).Sec)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, _ := udpSocket(t)
			b, bAddr := udpSocket(t)
			err := SetsockoptInt(b, SOL_SOCKET, c.opt, 1)
			if err == ENOPROTOOPT && qemuUser() {
				t.Skipf("%s: ENOPROTOOPT under qemu-user (qemu does not translate the option)", c.name)
			}
			must(t, c.name, err)
			if v, err := GetsockoptInt(b, SOL_SOCKET, c.opt); err != nil || v != 1 {
				t.Fatalf("getsockopt %s = %d, %v", c.name, v, err)
			}
			if _, err := Sendto(a, []byte("ts"), 0, &bAddr); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 16)
			oob := make([]byte, 128)
			_, oobn, _, _, err := RecvmsgBuffers(b, [][]byte{buf}, oob, 0)
			must(t, "recvmsg", err)
			found := false
			for m, err := range Cmsgs(oob[:oobn]) {
				must(t, "cmsgs", err)
				if m.Level != SOL_SOCKET || m.Type != c.scm {
					t.Logf("control message level %v type %d", m.Level, m.Type)
					continue
				}
				found = true
				if uintptr(len(m.Data)) != c.size {
					t.Fatalf("%s: %d bytes, the struct has %d", c.name, len(m.Data), c.size)
				}
				if s, now := c.secondsAt(m.Data), time.Now().Unix(); s < now-60 || s > now+60 {
					t.Errorf("%s: seconds %d, now %d", c.name, s, now)
				}
			}
			if !found {
				if qemuUser() {
					t.Skipf("no control message %d under qemu-user (%d bytes of control data)", c.scm, oobn)
				}
				t.Fatalf("no control message %d (%d bytes of control data)", c.scm, oobn)
			}
		})
	}
}
