// Package cvdso runs the C side of the benchmarks: glibc's clock_gettime, and the vDSO's
// getcpu and getrandom called directly from C through function pointers that package
// vdso found (no dlsym). Each function runs the call n times in a C loop, so one cgo
// crossing is spread over n calls: divide the benchmark's time by b.N as usual.
package cvdso

/*
#cgo CFLAGS: -O2
#include <stdint.h>
#include <stddef.h>
#include <time.h>
#include <sys/mman.h>

static volatile long sink;

static void loop_clock_gettime(int id, long n) {
	struct timespec ts;
	long s = 0;
	for (long i = 0; i < n; i++) {
		clock_gettime(id, &ts);
		s += ts.tv_nsec;
	}
	sink = s;
}

typedef long (*clock_fn)(int, struct timespec *);

static void loop_vdso_clock(uintptr_t fn, int id, long n) {
	struct timespec ts;
	long s = 0;
	for (long i = 0; i < n; i++) {
		((clock_fn)fn)(id, &ts);
		s += ts.tv_nsec;
	}
	sink = s;
}

typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

static long loop_vdso_getcpu(uintptr_t fn, long n) {
	unsigned cpu = 0, node = 0;
	long s = 0, r = 0;
	for (long i = 0; i < n; i++) {
		r |= ((getcpu_fn)fn)(&cpu, &node, NULL);
		s += cpu;
	}
	sink = s;
	return r;
}

// The kernel's vgetrandom ABI (include/vdso/getrandom.h, tools/testing/selftests/vDSO/
// vdso_test_getrandom.c): called with an opaque state; called with a NULL buffer, length 0
// and ~0UL as the state size, it fills struct vgetrandom_opaque_params.
struct vgetrandom_opaque_params {
	uint32_t size_of_opaque_state, mmap_prot, mmap_flags, reserved[13];
};
typedef long (*getrandom_fn)(void *, size_t, unsigned int, void *, size_t);

static void *vgr_state;
static size_t vgr_size;

// vgetrandom_setup allocates one state as vgetrandom_alloc does: mmap with the kernel's
// protection and flags. Returns 0 on success.
static int vgetrandom_setup(uintptr_t fn) {
	struct vgetrandom_opaque_params p;
	if (((getrandom_fn)fn)(NULL, 0, 0, &p, ~0UL) != 0)
		return -1;
	void *m = mmap(NULL, 4096 > p.size_of_opaque_state ? 4096 : p.size_of_opaque_state,
		p.mmap_prot, p.mmap_flags, -1, 0);
	if (m == MAP_FAILED)
		return -2;
	vgr_state = m;
	vgr_size = p.size_of_opaque_state;
	return 0;
}

static long loop_vgetrandom(uintptr_t fn, long n, long len) {
	unsigned char buf[256];
	long r = 0, s = 0;
	for (long i = 0; i < n; i++) {
		r = ((getrandom_fn)fn)(buf, len, 0, vgr_state, vgr_size);
		s += buf[0];
	}
	sink = s;
	return r;
}
*/
import "C"

import "errors"

// ClockGettime runs glibc's clock_gettime(id) n times.
func ClockGettime(id int, n int) { C.loop_clock_gettime(C.int(id), C.long(n)) }

// VDSOClock runs the vDSO's clock_gettime at fn n times, called from C.
func VDSOClock(fn uintptr, id int, n int) { C.loop_vdso_clock(C.uintptr_t(fn), C.int(id), C.long(n)) }

// VDSOGetcpu runs the vDSO's getcpu at fn n times, called from C.
func VDSOGetcpu(fn uintptr, n int) int { return int(C.loop_vdso_getcpu(C.uintptr_t(fn), C.long(n))) }

// VGetrandomSetup allocates the C side's vgetrandom state for the vDSO function at fn.
func VGetrandomSetup(fn uintptr) error {
	if r := C.vgetrandom_setup(C.uintptr_t(fn)); r != 0 {
		return errors.New("vgetrandom state allocation failed")
	}
	return nil
}

// VGetrandom runs the vDSO's getrandom of length bytes n times with the C side's state and
// returns the last result.
func VGetrandom(fn uintptr, n, length int) int {
	return int(C.loop_vgetrandom(C.uintptr_t(fn), C.long(n), C.long(length)))
}
