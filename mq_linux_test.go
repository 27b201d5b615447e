//go:build linux

package linux

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestMqueue(t *testing.T) {
	name := "rawlinux-test-" + itoa(os.Getpid())
	attr := MqAttr{Maxmsg: 4, Msgsize: 64}
	mqd, err := MqOpen(name, O_CREAT|O_EXCL|O_RDWR|O_CLOEXEC, 0o600, &attr)
	skipUnsupported(t, "mq_open", err)
	mqd = mustFD(t, "mq_open", mqd, err)
	defer MqUnlink(name)
	old, err := MqGetsetattr(mqd, nil)
	must(t, "mq_getsetattr", err)
	if old.Maxmsg != 4 || old.Msgsize != 64 || old.Curmsgs != 0 || old.Flags != 0 {
		t.Fatalf("mq_getsetattr of a new queue: %+v", old)
	}
	must(t, "mq_timedsend", MqTimedsend(mqd, []byte("low"), 1, nil))
	must(t, "mq_timedsend", MqTimedsend(mqd, []byte("high"), 5, nil))
	if a, _ := MqGetsetattr(mqd, nil); a.Curmsgs != 2 {
		t.Fatalf("%d messages queued, want 2", a.Curmsgs)
	}
	buf := make([]byte, 64)
	n, prio, err := MqTimedreceive(mqd, buf, nil)
	if err != nil || prio != 5 || string(buf[:n]) != "high" {
		t.Fatalf("mq_timedreceive: %q prio %d, %v (want the higher priority first)", buf[:n], prio, err)
	}
	_, _, err = MqTimedreceive(mqd, buf[:32], nil)
	wantErrno(t, "mq_timedreceive into a buffer shorter than Msgsize", err, EMSGSIZE)
	n, prio, err = MqTimedreceive(mqd, buf, nil)
	if err != nil || prio != 1 || string(buf[:n]) != "low" {
		t.Fatalf("mq_timedreceive: %q prio %d, %v", buf[:n], prio, err)
	}
	// Empty: an absolute timeout that has passed.
	past := Timespec{Sec: 1}
	_, _, err = MqTimedreceive(mqd, buf, &past)
	wantErrno(t, "mq_timedreceive with an expired timeout", err, ETIMEDOUT)
	wantErrno(t, "mq_timedsend of a message longer than Msgsize", MqTimedsend(mqd, make([]byte, 65), 0, nil), EMSGSIZE)
	// O_NONBLOCK through mq_getsetattr.
	var nb MqAttr
	setInt(&nb.Flags, int64(O_NONBLOCK))
	old, err = MqGetsetattr(mqd, &nb)
	if a := runtime.GOARCH; err != nil && qemuUser() && strings.HasPrefix(a, "mips") && errors.Is(err, EINVAL) {
		// qemu hands mq_flags to the host untranslated, and mips's O_NONBLOCK (0x80) is not
		// the host's.
		t.Logf("mq_getsetattr O_NONBLOCK under qemu-%s: %v (qemu does not translate mq_flags): not checked", a, err)
	} else {
		must(t, "mq_getsetattr O_NONBLOCK", err)
		if old.Flags != 0 {
			t.Fatalf("the old flags: %#x", old.Flags)
		}
		_, _, err = MqTimedreceive(mqd, buf, nil)
		wantErrno(t, "mq_timedreceive of an empty non-blocking queue", err, EAGAIN)
	}
	// One notification registration per queue.
	if err := MqNotify(mqd, &Sigevent{Notify: SIGEV_NONE}); !qemuLacks(t, "mq_notify", err) {
		must(t, "mq_notify", err)
		wantErrno(t, "mq_notify twice", MqNotify(mqd, &Sigevent{Notify: SIGEV_NONE}), EBUSY)
		must(t, "mq_notify nil", MqNotify(mqd, nil))
		must(t, "mq_notify again", MqNotify(mqd, &Sigevent{Notify: SIGEV_NONE}))
	}
	_, err = MqOpen(name, O_CREAT|O_EXCL|O_RDWR, 0o600, &attr)
	wantErrno(t, "mq_open O_EXCL of an existing queue", err, EEXIST)
	must(t, "mq_unlink", MqUnlink(name))
	wantErrno(t, "mq_unlink twice", MqUnlink(name), ENOENT)
	_, err = MqOpen(name, O_RDWR, 0, nil)
	wantErrno(t, "mq_open of a removed queue", err, ENOENT)
}
