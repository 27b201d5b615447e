package bench

import (
	"testing"

	"github.com/rawlinux/linux"
	"golang.org/x/sys/unix"
)

// The net group's calls (sockets, epoll, eventfd) of rawlinux against golang.org/x/sys/unix
// on the same descriptors in the same process. Each Pair is one job done both ways; the
// setup (sockets, a listener) is shared and made with x/sys.

// NetFixture holds the descriptors the net benchmarks use.
type NetFixture struct {
	Pair         [2]int // a unix stream socketpair
	UDPA, UDPB   int    // two UDP sockets on 127.0.0.1
	UDPBPort     int
	Epoll, EvR   int // an epoll instance watching EvR, a pipe's read end with a byte in it
	EvW          int
	Eventfd      int
	Listener     int // a TCP listener on 127.0.0.1
	ListenerPort int
	buf          []byte
}

// NewNetFixture makes the descriptors; Close closes them.
func NewNetFixture() (*NetFixture, error) {
	f := &NetFixture{buf: make([]byte, 4096)}
	var err error
	if f.Pair, err = unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0); err != nil {
		return nil, err
	}
	udp := func() (int, int, error) {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return 0, 0, err
		}
		if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
			return 0, 0, err
		}
		sa, err := unix.Getsockname(fd)
		if err != nil {
			return 0, 0, err
		}
		return fd, sa.(*unix.SockaddrInet4).Port, nil
	}
	if f.UDPA, _, err = udp(); err != nil {
		return nil, err
	}
	if f.UDPB, f.UDPBPort, err = udp(); err != nil {
		return nil, err
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	f.EvR, f.EvW = p[0], p[1]
	if _, err := unix.Write(f.EvW, []byte{1}); err != nil {
		return nil, err
	}
	if f.Epoll, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return nil, err
	}
	if err := unix.EpollCtl(f.Epoll, unix.EPOLL_CTL_ADD, f.EvR, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(f.EvR)}); err != nil {
		return nil, err
	}
	if f.Eventfd, err = unix.Eventfd(0, unix.EFD_CLOEXEC); err != nil {
		return nil, err
	}
	if f.Listener, err = unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0); err != nil {
		return nil, err
	}
	if err := unix.Bind(f.Listener, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return nil, err
	}
	if err := unix.Listen(f.Listener, 128); err != nil {
		return nil, err
	}
	sa, err := unix.Getsockname(f.Listener)
	if err != nil {
		return nil, err
	}
	f.ListenerPort = sa.(*unix.SockaddrInet4).Port
	return f, nil
}

// Close closes the fixture's descriptors.
func (f *NetFixture) Close() {
	for _, fd := range []int{f.Pair[0], f.Pair[1], f.UDPA, f.UDPB, f.Epoll, f.EvR, f.EvW, f.Eventfd, f.Listener} {
		unix.Close(fd)
	}
}

// connectRaw makes a connection to the listener with the same code for both sides of a
// pair: the accept4 benchmarks measure the accept.
func (f *NetFixture) connectRaw() int {
	c, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		panic(err)
	}
	if err := unix.Connect(c, &unix.SockaddrInet4{Port: f.ListenerPort, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		panic(err)
	}
	return c
}

// NetPairs returns the jobs of the net benchmarks on f.
func (f *NetFixture) NetPairs() []Pair {
	one := f.buf[:1]
	small := f.buf[:64]
	loop := func(fn func()) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fn()
			}
		}
	}
	a0, a1 := linux.FD(f.Pair[0]), linux.FD(f.Pair[1])
	ua, ub := linux.FD(f.UDPA), linux.FD(f.UDPB)
	ep, efd := linux.FD(f.Epoll), linux.FD(f.Eventfd)
	l := linux.FD(f.Listener)
	events := make([]linux.EpollEvent, 4)
	xevents := make([]unix.EpollEvent, 4)
	port := uint16(f.UDPBPort)
	return []Pair{
		{"socketpair write+read 1 B", false,
			loop(func() { linux.Write(a0, one); linux.Read(a1, one) }),
			loop(func() { unix.Write(f.Pair[0], one); unix.Read(f.Pair[1], one) })},
		{"UDP sendto+recvfrom 64 B", false,
			loop(func() {
				linux.Sendto(ua, small, 0, &linux.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
				n, from, _ := linux.Recvfrom(ub, small, 0)
				isink += n + int(from.Len)
			}),
			loop(func() {
				unix.Sendto(f.UDPA, small, 0, &unix.SockaddrInet4{Port: int(port), Addr: [4]byte{127, 0, 0, 1}})
				n, from, _ := unix.Recvfrom(f.UDPB, small, 0)
				if from != nil {
					isink += n
				}
			})},
		{"epoll_wait 1 ready", false,
			loop(func() { n, _ := linux.EpollWait(ep, events, 0); isink += n }),
			loop(func() { n, _ := unix.EpollWait(f.Epoll, xevents, 0); isink += n })},
		{"eventfd write+read", false,
			loop(func() { linux.EventfdWrite(efd, 1); v, _ := linux.EventfdRead(efd); isink += int(v) }),
			loop(func() {
				var b [8]byte
				b[0] = 1
				unix.Write(f.Eventfd, b[:])
				unix.Read(f.Eventfd, b[:])
				isink += int(b[0])
			})},
		{"getsockopt SO_RCVBUF", false,
			loop(func() { v, _ := linux.GetsockoptInt(ua, linux.SOL_SOCKET, linux.SO_RCVBUF); isink += v }),
			loop(func() { v, _ := unix.GetsockoptInt(f.UDPA, unix.SOL_SOCKET, unix.SO_RCVBUF); isink += v })},
		{"accept4+close (connect outside the ratio's job, same code)", false,
			loop(func() {
				c := f.connectRaw()
				if s, _, err := linux.Accept4(l, linux.SOCK_CLOEXEC); err == nil {
					linux.Close(s)
				}
				unix.Close(c)
			}),
			loop(func() {
				c := f.connectRaw()
				if s, _, err := unix.Accept4(f.Listener, unix.SOCK_CLOEXEC); err == nil {
					unix.Close(s)
				}
				unix.Close(c)
			})},
	}
}
