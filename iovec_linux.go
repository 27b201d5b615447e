//go:build linux

package linux

import "unsafe"

// IovecOf returns the Iovec that describes b, for Readv, Writev, Vmsplice and the socket
// calls. The Iovec keeps b alive; an empty b gives a zero Iovec.
func IovecOf(b []byte) Iovec {
	var v Iovec
	if len(b) > 0 {
		v.Base = unsafe.SliceData(b)
		v.SetLen(len(b))
	}
	return v
}

// IovecsOf returns one Iovec per buffer.
func IovecsOf(bufs ...[]byte) []Iovec {
	iov := make([]Iovec, len(bufs))
	for i, b := range bufs {
		iov[i] = IovecOf(b)
	}
	return iov
}

// SetLen sets v.Len, whose width is the arch's size_t.
func (v *Iovec) SetLen(n int) { setUint(&v.Len, uint64(n)) }

func setUint[T ~uint32 | ~uint64](p *T, v uint64) { *p = T(v) }
