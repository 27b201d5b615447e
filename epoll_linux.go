//go:build linux

package linux

// NewEpollEvent returns the event of EpollCtl for the events of mask (EPOLLIN, EPOLLOUT,
// EPOLLET...) with data, the 64 bits the kernel hands back with each event (typically the
// descriptor, or an index into the caller's table: never a Go pointer, which the garbage
// collector would not see).
func NewEpollEvent(mask EpollEvents, data uint64) EpollEvent {
	var ev EpollEvent
	ev.Events = mask
	ev.SetData(data)
	return ev
}
