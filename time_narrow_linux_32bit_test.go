//go:build linux && (386 || arm || mips || mipsle)

package linux

import (
	"os"
	"testing"
	"time"
	"unsafe"
)

// The rows of 32-bit arches: the _time64 ones under their canonical names (which the
// portable names make too), and the old 32-bit-time ones (Time32).

func TestMemTime64Rows(t *testing.T) {
	ts, err := ClockGettime64(CLOCK_REALTIME)
	must(t, "clock_gettime64", err)
	if d := time.Since(ts.Time()); d < -2*time.Second || d > 2*time.Second {
		t.Errorf("clock_gettime64 is %v off time.Now", d)
	}
	res, err := ClockGetresTime64(CLOCK_MONOTONIC)
	if err != nil || nsOf(res) <= 0 {
		t.Errorf("clock_getres_time64: %v %v", res, err)
	}
	wantErrno(t, "clock_settime64 of CLOCK_MONOTONIC", ClockSettime64(CLOCK_MONOTONIC, &Timespec{Sec: -1, Nsec: -1}), EINVAL)
	var tx Timex
	if st, err := ClockAdjtime64(CLOCK_REALTIME, &tx); err != nil || st < TIME_OK || tx.Tick <= 0 {
		skipUnsupported(t, "clock_adjtime64", err)
		t.Errorf("clock_adjtime64: %v tick %d, %v", st, tx.Tick, err)
	}
	now, _ := ClockGettime64(CLOCK_MONOTONIC)
	deadline := NsecToTimespec(nsOf(now) + 5e6)
	must(t, "clock_nanosleep_time64", ClockNanosleepTime64(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil))
	if after, _ := ClockGettime64(CLOCK_MONOTONIC); nsOf(after) < nsOf(deadline) {
		t.Error("clock_nanosleep_time64 returned early")
	}

	timer, err := TimerCreate(CLOCK_MONOTONIC, &Sigevent{Notify: SIGEV_NONE})
	must(t, "timer_create", err)
	defer TimerDelete(timer)
	_, err = TimerSettime64(timer, 0, &Itimerspec{Value: Timespec{Sec: 10}})
	must(t, "timer_settime64", err)
	if cur, err := TimerGettime64(timer); err != nil || cur.Value.Sec < 9 || cur.Value.Sec > 10 {
		t.Errorf("timer_gettime64: %+v %v", cur, err)
	}
	fd, err := TimerfdCreate(CLOCK_REALTIME, TFD_CLOEXEC)
	fd = mustFD(t, "timerfd_create", fd, err)
	const after2038 = 1<<31 + 1000
	_, err = TimerfdSettime64(fd, TFD_TIMER_ABSTIME, &Itimerspec{Value: Timespec{Sec: after2038}})
	must(t, "timerfd_settime64 after 2038", err)
	if cur, err := TimerfdGettime64(fd); err != nil || cur.Value.Sec < after2038-time.Now().Unix()-2 {
		t.Errorf("timerfd_gettime64 after 2038: %+v %v", cur, err)
	}

	w := new(uint32)
	_, err = FutexTime64(w, FUTEX_WAIT_PRIVATE, 0, &Timespec{Nsec: 5e6}, nil, 0)
	wantErrno(t, "futex_time64 with a timeout", err, ETIMEDOUT)

	sem, err := Semget(IPC_PRIVATE, 1, IPC_CREAT|0o600)
	must(t, "semget", err)
	defer Semctl(sem, 0, IPC_RMID, 0)
	wantErrno(t, "semtimedop_time64", SemtimedopTime64(sem, []Sembuf{{Op: -1}}, &Timespec{Nsec: 5e6}), EAGAIN)

	name := "rawlinux-t64-" + itoa(os.Getpid())
	mqd, err := MqOpen(name, O_CREAT|O_RDWR|O_CLOEXEC, 0o600, &MqAttr{Maxmsg: 2, Msgsize: 16})
	skipUnsupported(t, "mq_open", err)
	mqd = mustFD(t, "mq_open", mqd, err)
	defer MqUnlink(name)
	must(t, "mq_timedsend_time64", MqTimedsendTime64(mqd, []byte("t64"), 3, nil))
	buf := make([]byte, 16)
	if n, prio, err := MqTimedreceiveTime64(mqd, buf, nil); err != nil || prio != 3 || string(buf[:n]) != "t64" {
		t.Errorf("mq_timedreceive_time64: %q %d %v", buf[:n], prio, err)
	}
	_, _, err = MqTimedreceiveTime64(mqd, buf, &Timespec{Sec: 1})
	wantErrno(t, "mq_timedreceive_time64 with an expired timeout", err, ETIMEDOUT)
}

func TestMemTime32Rows(t *testing.T) {
	ts, err := ClockGettimeTime32(CLOCK_REALTIME)
	must(t, "clock_gettime (32-bit time)", err)
	if d := time.Now().Unix() - int64(ts.Sec); d < -2 || d > 2 {
		t.Errorf("clock_gettime (32-bit time) = %d s, time.Now %d", ts.Sec, time.Now().Unix())
	}
	if res, err := ClockGetresTime32(CLOCK_MONOTONIC); err != nil || res.Sec != 0 || res.Nsec <= 0 {
		t.Errorf("clock_getres (32-bit time): %+v %v", res, err)
	}
	wantErrno(t, "clock_settime (32-bit time) of CLOCK_MONOTONIC",
		ClockSettimeTime32(CLOCK_MONOTONIC, &OldTimespec32{Sec: -1, Nsec: -1}), EINVAL)
	var tx OldTimex32
	st, err := AdjtimexTime32(&tx)
	skipUnsupported(t, "adjtimex (32-bit time)", err)
	if err != nil || st < TIME_OK || tx.Tick <= 0 {
		t.Errorf("adjtimex (32-bit time): %v tick %d, %v", st, tx.Tick, err)
	}
	var tx2 OldTimex32
	if st, err := ClockAdjtimeTime32(CLOCK_REALTIME, &tx2); err != nil || st < TIME_OK || tx2.Tick != tx.Tick {
		t.Errorf("clock_adjtime (32-bit time): %v tick %d, %v", st, tx2.Tick, err)
	}
	start := time.Now()
	must(t, "nanosleep (32-bit time)", NanosleepTime32(&OldTimespec32{Nsec: 5e6}, nil))
	must(t, "clock_nanosleep (32-bit time)", ClockNanosleepTime32(CLOCK_MONOTONIC, 0, &OldTimespec32{Nsec: 5e6}, nil))
	if time.Since(start) < 10*time.Millisecond {
		t.Error("the 32-bit-time sleeps returned early")
	}

	timer, err := TimerCreate(CLOCK_MONOTONIC, &Sigevent{Notify: SIGEV_NONE})
	must(t, "timer_create", err)
	defer TimerDelete(timer)
	_, err = TimerSettimeTime32(timer, 0, &OldItimerspec32{Value: OldTimespec32{Sec: 10}})
	must(t, "timer_settime (32-bit time)", err)
	if cur, err := TimerGettimeTime32(timer); err != nil || cur.Value.Sec < 9 || cur.Value.Sec > 10 {
		t.Errorf("timer_gettime (32-bit time): %+v %v", cur, err)
	}
	fd, err := TimerfdCreate(CLOCK_MONOTONIC, TFD_CLOEXEC)
	fd = mustFD(t, "timerfd_create", fd, err)
	_, err = TimerfdSettimeTime32(fd, 0, &OldItimerspec32{Value: OldTimespec32{Sec: 10}, Interval: OldTimespec32{Sec: 1}})
	must(t, "timerfd_settime (32-bit time)", err)
	if cur, err := TimerfdGettimeTime32(fd); err != nil || cur.Interval.Sec != 1 || cur.Value.Sec < 9 {
		t.Errorf("timerfd_gettime (32-bit time): %+v %v", cur, err)
	}

	w := new(uint32)
	_, err = FutexTime32(w, FUTEX_WAIT_PRIVATE, 0, &OldTimespec32{Nsec: 5e6}, nil, 0)
	wantErrno(t, "futex (32-bit time) with a timeout", err, ETIMEDOUT)

	name := "rawlinux-t32-" + itoa(os.Getpid())
	mqd, err := MqOpen(name, O_CREAT|O_RDWR|O_CLOEXEC, 0o600, &MqAttr{Maxmsg: 2, Msgsize: 16})
	skipUnsupported(t, "mq_open", err)
	mqd = mustFD(t, "mq_open", mqd, err)
	defer MqUnlink(name)
	must(t, "mq_timedsend (32-bit time)", MqTimedsendTime32(mqd, []byte("t32"), 2, nil))
	buf := make([]byte, 16)
	if n, prio, err := MqTimedreceiveTime32(mqd, buf, nil); err != nil || prio != 2 || string(buf[:n]) != "t32" {
		t.Errorf("mq_timedreceive (32-bit time): %q %d %v", buf[:n], prio, err)
	}
	_, _, err = MqTimedreceiveTime32(mqd, buf, &OldTimespec32{Sec: 1})
	wantErrno(t, "mq_timedreceive (32-bit time) with an expired timeout", err, ETIMEDOUT)
}

// TestMmap2 maps a page at 5 GiB of a sparse file through mmap2 itself (pgoff in 4096-byte
// units).
func TestMmap2(t *testing.T) {
	path := tempFile(t, "")
	fd, err := Open(path, O_RDWR|O_CLOEXEC, 0)
	fd = mustFD(t, "open", fd, err)
	if _, err := Pwrite(fd, []byte("mmap2"), 5<<30); err != nil {
		t.Skipf("a sparse file of 5 GiB: %v", err)
	}
	p, err := Mmap2(nil, 4096, PROT_READ, MAP_SHARED, fd, 5<<30/4096)
	must(t, "mmap2", err)
	if string(unsafe.Slice((*byte)(p), 5)) != "mmap2" {
		t.Fatalf("mmap2 at 5 GiB shows %q", unsafe.Slice((*byte)(p), 5))
	}
	must(t, "munmap", MunmapPtr(p, 4096))
	_, err = Mmap(fd, 5<<30+1, 4096, PROT_READ, MAP_SHARED)
	wantErrno(t, "Mmap at an offset that is no multiple of 4096", err, EINVAL)
}
