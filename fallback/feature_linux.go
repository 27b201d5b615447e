package fallback

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rawlinux/linux"
)

// ErrNotAvailable is what the errors wrap where the new call is not available and no
// fallback can do what was asked.
var ErrNotAvailable = errors.New("not available")

type state uint32

const (
	unknown     state = iota // not tried yet
	available                // the new call worked (or its probe said it would)
	unavailable              // refused: the fallback is used
)

// feature is one new call (or one new flag of a call) and what is known of it.
type feature struct {
	name     string  // "openat2", "close_range CLOSE_RANGE_CLOEXEC"
	fallback string  // what is used instead
	sysno    uintptr // the new call's number, for linux.Supports (0: no probe)
	// legitEPERM: the call can fail with EPERM of its own (not the owner, no capability);
	// such an EPERM is the filter's only if the probe gets EPERM too.
	legitEPERM bool
	// probe decides the feature without a real call (Probe); nil: linux.Supports(sysno).
	probe    func() (state, string)
	st       atomic.Uint32
	mu       sync.Mutex
	reason   string
	attempts atomic.Int64 // how many times the new call was made
}

var (
	registryMu sync.Mutex
	registry   = map[string]*feature{}
)

func newFeature(f *feature) *feature {
	registryMu.Lock()
	registry[f.name] = f
	registryMu.Unlock()
	return f
}

// use reports whether the new call should be tried, and counts the try.
func (f *feature) use() bool {
	if state(f.st.Load()) == unavailable {
		return false
	}
	f.attempts.Add(1)
	return true
}

func (f *feature) set(s state, why string) {
	f.mu.Lock()
	if state(f.st.Load()) != unavailable { // a refusal is final
		f.st.Store(uint32(s))
		f.reason = why
	}
	f.mu.Unlock()
}

func (f *feature) why() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reason
}

// refused records the new call's answer err and reports whether it means "not
// available" (then the caller falls back).
func (f *feature) refused(err error) bool {
	if err == nil {
		if state(f.st.Load()) == unknown {
			f.set(available, "the call worked")
		}
		return false
	}
	var e linux.Errno
	if !errors.As(err, &e) {
		return false
	}
	switch e {
	case linux.ENOSYS:
		f.set(unavailable, "ENOSYS: the kernel does not have it, or a seccomp filter refuses it so")
		return true
	case linux.EPERM:
		if f.seccompEPERM() {
			f.set(unavailable, "EPERM from a seccomp filter")
			return true
		}
	}
	if state(f.st.Load()) == unknown && e != linux.EINVAL {
		f.set(available, "the kernel answered "+e.Name())
	}
	return false
}

// refusedFlag records an EINVAL for a new flag: the flag is not available.
func (f *feature) refusedFlag(err error) bool {
	if errors.Is(err, linux.EINVAL) {
		f.set(unavailable, "EINVAL: the kernel does not know the flag")
		return true
	}
	return f.refused(err)
}

// seccompEPERM tells an EPERM of a filter from the call's own.
func (f *feature) seccompEPERM() bool {
	if !f.legitEPERM {
		return true
	}
	if f.sysno == 0 {
		return false
	}
	s := linux.Supports(f.sysno)
	return s.Errno == linux.EPERM
}

// decide settles an undecided feature with its probe.
func (f *feature) decide() {
	if state(f.st.Load()) != unknown {
		return
	}
	if f.probe != nil {
		s, why := f.probe()
		if s != unknown {
			f.set(s, why)
		}
		return
	}
	if f.sysno == 0 {
		return
	}
	s := linux.Supports(f.sysno)
	probe := s.Probe
	if i := strings.Index(probe, ":"); i > 0 {
		probe = probe[:i] // the call, without the reason
	}
	switch {
	case s.State == linux.NotSupported:
		f.set(unavailable, "ENOSYS to the probe "+probe)
	case s.State == linux.Supported && s.Errno == linux.EPERM && !f.permProbe():
		f.set(unavailable, "EPERM from a seccomp filter to the probe "+probe)
	case s.State == linux.Supported:
		f.set(available, "the probe "+probe+" got "+errName(s.Errno))
	}
}

// permProbe reports whether the call's probe can get a real EPERM (fsopen without
// CAP_SYS_ADMIN), which then says nothing about a filter.
func (f *feature) permProbe() bool {
	switch f.sysno {
	case linux.SYS_FSOPEN, linux.SYS_FSMOUNT, linux.SYS_MOVE_MOUNT, linux.SYS_OPEN_TREE:
		return true
	}
	return false
}

// errProbe decides a feature by a call whose invalid arguments the kernel refuses
// before it does anything (EINVAL or EBADF where the call exists; ENOSYS where not, or
// under a filter, with EPERM for a filter's refusal: calls whose own refusals are EPERM
// do not use it).
func errProbe(desc string, call func() error) func() (state, string) {
	return func() (state, string) {
		var e linux.Errno
		if err := call(); err != nil && !errors.As(err, &e) {
			return unknown, ""
		}
		switch e {
		case linux.ENOSYS:
			return unavailable, "ENOSYS to the probe " + desc
		case linux.EPERM:
			return unavailable, "EPERM from a seccomp filter to the probe " + desc
		}
		return available, "the probe " + desc + " got " + errName(e)
	}
}

func errName(e linux.Errno) string {
	if e == 0 {
		return "an answer"
	}
	return e.Name()
}

// notAvailable is the error of a request no fallback can serve.
func (f *feature) notAvailable(what string) error {
	return fmt.Errorf("%s is not available here (%s), and %s: %w", f.name, f.why(), what, ErrNotAvailable)
}

// Choice is what one fallback does in this process.
type Choice struct {
	Call     string `json:"call"`     // the new call (or call and flag)
	Fallback string `json:"fallback"` // what replaces it
	// Uses is "new" (the new call works), "fallback" (it was refused) or "unknown" (not
	// tried nor probed yet).
	Uses     string `json:"uses"`
	Reason   string `json:"reason"`
	Attempts int64  `json:"attempts"` // how many times the new call was made
}

// Choices returns what each fallback has decided so far, by call name.
func Choices() []Choice {
	registryMu.Lock()
	fs := make([]*feature, 0, len(registry))
	for _, f := range registry {
		fs = append(fs, f)
	}
	registryMu.Unlock()
	sort.Slice(fs, func(i, j int) bool { return fs[i].name < fs[j].name })
	out := make([]Choice, len(fs))
	for i, f := range fs {
		uses := [...]string{unknown: "unknown", available: "new", unavailable: "fallback"}[state(f.st.Load())]
		out[i] = Choice{Call: f.name, Fallback: f.fallback, Uses: uses, Reason: f.why(), Attempts: f.attempts.Load()}
	}
	return out
}

// Probe decides every fallback that has not decided yet, with package linux's probes
// (harmless calls the kernel refuses before acting), and returns Choices. A fallback that
// has no probe stays "unknown" until its first use.
func Probe() []Choice {
	registryMu.Lock()
	fs := make([]*feature, 0, len(registry))
	for _, f := range registry {
		fs = append(fs, f)
	}
	registryMu.Unlock()
	for _, f := range fs {
		f.decide()
	}
	return Choices()
}
