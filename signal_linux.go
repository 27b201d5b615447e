//go:build linux

package linux

import "unsafe"

// sigsetWordBits is the width of one word of a Sigset (the arch's unsigned long).
const sigsetWordBits = uint(8 * unsafe.Sizeof(Sigset{}.Sig[0]))

// Add adds sig (1 to the arch's number of signals) to the set.
func (s *Sigset) Add(sig Signal) {
	if n := uint(sig) - 1; sig > 0 && n < uint(len(s.Sig))*sigsetWordBits {
		s.Sig[n/sigsetWordBits] |= 1 << (n % sigsetWordBits)
	}
}

// Del removes sig from the set.
func (s *Sigset) Del(sig Signal) {
	if n := uint(sig) - 1; sig > 0 && n < uint(len(s.Sig))*sigsetWordBits {
		s.Sig[n/sigsetWordBits] &^= 1 << (n % sigsetWordBits)
	}
}

// Has reports whether sig is in the set.
func (s *Sigset) Has(sig Signal) bool {
	n := uint(sig) - 1
	if sig <= 0 || n >= uint(len(s.Sig))*sigsetWordBits {
		return false
	}
	return s.Sig[n/sigsetWordBits]&(1<<(n%sigsetWordBits)) != 0
}

// Fill adds every signal to the set.
func (s *Sigset) Fill() {
	for i := range s.Sig {
		s.Sig[i] = 0
		s.Sig[i]-- // all ones, whatever the word's width
	}
}

// Empty removes every signal from the set.
func (s *Sigset) Empty() { clear(s.Sig[:]) }

// SigsetOf returns the set of sigs.
func SigsetOf(sigs ...Signal) Sigset {
	var s Sigset
	for _, sig := range sigs {
		s.Add(sig)
	}
	return s
}
