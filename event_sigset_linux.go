//go:build linux

package linux

import "unsafe"

// The kernel's sigset_t (Sigset): bit n-1 of the unsigned longs for signal n.

const sigsetWordBits = uint(unsafe.Sizeof(Sigset{}.Sig[0]) * 8)

// SigsetOf returns the set of sigs.
func SigsetOf(sigs ...Signal) Sigset {
	var s Sigset
	for _, sig := range sigs {
		s.Add(sig)
	}
	return s
}

// Add adds sig to s; a number outside [1, the arch's _NSIG] is ignored.
func (s *Sigset) Add(sig Signal) {
	if w, b, ok := sigBit(sig); ok {
		s.Sig[w] |= 1 << b
	}
}

// Del removes sig from s.
func (s *Sigset) Del(sig Signal) {
	if w, b, ok := sigBit(sig); ok {
		s.Sig[w] &^= 1 << b
	}
}

// Has reports whether sig is in s.
func (s *Sigset) Has(sig Signal) bool {
	w, b, ok := sigBit(sig)
	return ok && s.Sig[w]&(1<<b) != 0
}

func sigBit(sig Signal) (word int, bit uint, ok bool) {
	n := uint(sig) - 1
	if sig < 1 || n >= sigsetWordBits*uint(len(Sigset{}.Sig)) {
		return 0, 0, false
	}
	return int(n / sigsetWordBits), n % sigsetWordBits, true
}
