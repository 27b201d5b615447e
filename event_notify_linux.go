//go:build linux

package linux

import (
	"encoding/binary"
	"iter"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Reading eventfd, signalfd, inotify and fanotify descriptors: what each read returns, and
// decoders for the records that inotify and fanotify write, which check every length.

// EventfdRead reads eventfd fd's counter and resets it (with EFD_SEMAPHORE: returns 1 and
// decrements it); it blocks while the counter is 0 (EAGAIN with EFD_NONBLOCK).
func EventfdRead(fd FD) (uint64, error) {
	var v uint64
	n, _, errno := raw.Syscall(SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(&v)), 8)
	if errno != 0 {
		return 0, errno
	}
	if n != 8 {
		return 0, raw.EIO
	}
	return v, nil
}

// EventfdWrite adds v to eventfd fd's counter; it blocks while the sum would exceed
// 2^64-2 (EAGAIN with EFD_NONBLOCK).
func EventfdWrite(fd FD, v uint64) error {
	n, _, errno := raw.Syscall(SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&v)), 8)
	if errno != 0 {
		return errno
	}
	if n != 8 {
		return raw.EIO
	}
	return nil
}

// SignalfdRead reads signalfd fd's next pending signal (it blocks until there is one,
// EAGAIN with SFD_NONBLOCK).
func SignalfdRead(fd FD) (SignalfdSiginfo, error) {
	var si SignalfdSiginfo
	n, err := Read(fd, valueBytes(&si))
	if err != nil {
		return si, err
	}
	if n != int(unsafe.Sizeof(si)) {
		return si, raw.EIO
	}
	return si, nil
}

// InotifyRecord is one decoded inotify event: Name is a slice of the read buffer (for an
// event on a watched directory's entry; empty otherwise).
type InotifyRecord struct {
	Wd     int
	Mask   InotifyMask
	Cookie uint32 // relates the IN_MOVED_FROM and IN_MOVED_TO events of one rename
	Name   []byte
}

const inotifyHdrLen = int(unsafe.Sizeof(InotifyEvent{}))

// InotifyRecords iterates over the events in b (b[:n] after Read of an inotify
// descriptor). A record that does not fit ends the iteration with EINVAL.
func InotifyRecords(b []byte) iter.Seq2[InotifyRecord, error] {
	return func(yield func(InotifyRecord, error) bool) {
		for len(b) > 0 {
			if len(b) < inotifyHdrLen {
				yield(InotifyRecord{}, raw.EINVAL)
				return
			}
			n := binary.NativeEndian.Uint32(b[12:])
			if uint64(n) > uint64(len(b)-inotifyHdrLen) {
				yield(InotifyRecord{}, raw.EINVAL)
				return
			}
			name := b[inotifyHdrLen : inotifyHdrLen+int(n)]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			r := InotifyRecord{Wd: int(int32(binary.NativeEndian.Uint32(b))), Mask: InotifyMask(binary.NativeEndian.Uint32(b[4:])),
				Cookie: binary.NativeEndian.Uint32(b[8:]), Name: name[:len(name):len(name)]}
			if !yield(r, nil) {
				return
			}
			b = b[inotifyHdrLen+int(n):]
		}
	}
}

// FanotifyRecord is one decoded fanotify event: its metadata and the information records
// that follow it (FAN_REPORT_FID and the like; decode them with FanotifyInfos), a slice of
// the read buffer. Metadata.FD is a new descriptor of the object the caller owns (or
// FAN_NOFD).
type FanotifyRecord struct {
	Metadata FanotifyEventMetadata
	Info     []byte
}

const fanotifyMetaLen = int(unsafe.Sizeof(FanotifyEventMetadata{}))

// FanotifyRecords iterates over the events in b (b[:n] after Read of a fanotify group). A
// record that does not fit, or of another metadata version than FANOTIFY_METADATA_VERSION,
// ends the iteration with EINVAL.
func FanotifyRecords(b []byte) iter.Seq2[FanotifyRecord, error] {
	return func(yield func(FanotifyRecord, error) bool) {
		for len(b) > 0 {
			if len(b) < fanotifyMetaLen {
				yield(FanotifyRecord{}, raw.EINVAL)
				return
			}
			var r FanotifyRecord
			copy(valueBytes(&r.Metadata), b)
			m := &r.Metadata
			if m.Vers != FANOTIFY_METADATA_VERSION || int(m.MetadataLen) < fanotifyMetaLen ||
				uint64(m.EventLen) < uint64(m.MetadataLen) || uint64(m.EventLen) > uint64(len(b)) {
				yield(FanotifyRecord{}, raw.EINVAL)
				return
			}
			r.Info = b[m.MetadataLen:m.EventLen:m.EventLen]
			if !yield(r, nil) {
				return
			}
			b = b[m.EventLen:]
		}
	}
}

// FanotifyInfo is one information record of a fanotify event: Data follows its header.
type FanotifyInfo struct {
	Type uint8 // FAN_EVENT_INFO_TYPE_*
	Data []byte
}

const fanotifyInfoHdrLen = int(unsafe.Sizeof(FanotifyEventInfoHeader{}))

// FanotifyInfos iterates over the information records of an event (its Info).
func FanotifyInfos(b []byte) iter.Seq2[FanotifyInfo, error] {
	return func(yield func(FanotifyInfo, error) bool) {
		for len(b) > 0 {
			if len(b) < fanotifyInfoHdrLen {
				yield(FanotifyInfo{}, raw.EINVAL)
				return
			}
			n := int(binary.NativeEndian.Uint16(b[2:]))
			if n < fanotifyInfoHdrLen || n > len(b) {
				yield(FanotifyInfo{}, raw.EINVAL)
				return
			}
			if !yield(FanotifyInfo{Type: b[0], Data: b[fanotifyInfoHdrLen:n:n]}, nil) {
				return
			}
			b = b[n:]
		}
	}
}
