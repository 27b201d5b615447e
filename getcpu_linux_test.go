//go:build linux

package linux

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// cpuMask is a sched_setaffinity mask: unsigned longs (bit i of word i/wordBits is CPU i,
// whatever the byte order), for up to 4096 CPUs on 32-bit arches and 8192 on 64-bit ones.
type cpuMask [128]uintptr

const maskWordBits = int(8 * unsafe.Sizeof(uintptr(0)))

func getAffinity() (cpuMask, raw.Errno) {
	var m cpuMask
	_, _, e := raw.RawSyscall(SYS_SCHED_GETAFFINITY, 0, unsafe.Sizeof(m), uintptr(unsafe.Pointer(&m)))
	return m, e
}

func setAffinity(m *cpuMask) raw.Errno {
	_, _, e := raw.RawSyscall(SYS_SCHED_SETAFFINITY, 0, unsafe.Sizeof(*m), uintptr(unsafe.Pointer(m)))
	return e
}

// statCPU returns field 39 of /proc/self/task/TID/stat, the CPU the thread last ran on (the
// task's own file: qemu-user fakes /proc/self/stat, not this one).
func statCPU(t *testing.T, tid int) int {
	path := "/proc/self/task/" + strconv.Itoa(tid) + "/stat"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	f := strings.Fields(s[i+1:]) // from field 3
	if i < 0 || len(f) < 39-2 {
		t.Fatalf("%s: %q", path, s)
	}
	n, err := strconv.Atoi(f[39-3])
	if err != nil {
		t.Fatalf("%s: field 39 %q: %v", path, f[39-3], err)
	}
	return n
}

// TestGetcpuPinned pins this thread to each CPU it may run on in turn (sched_setaffinity) and
// checks that Getcpu names that CPU, as the kernel's getcpu system call and the thread's
// /proc stat (field 39) do, and that the node agrees with the system call's.
func TestGetcpuPinned(t *testing.T) {
	runtime.LockOSThread()
	orig, e := getAffinity()
	if e != 0 {
		t.Fatalf("sched_getaffinity: %v", e)
	}
	restored := false
	defer func() {
		if restored {
			runtime.UnlockOSThread()
		} // else the thread stays locked and ends with the test, pinned
	}()
	var cpus []int
	for i := 0; i < maskWordBits*len(orig); i++ {
		if orig[i/maskWordBits]>>(i%maskWordBits)&1 != 0 {
			cpus = append(cpus, i)
		}
	}
	if len(cpus) == 1 && cpus[0] == 0 {
		t.Skip("this thread may run on CPU 0 only: a Getcpu that always says 0 could not be told apart")
	}
	if len(cpus) > 16 {
		cpus = append(cpus[:8], cpus[len(cpus)-8:]...) // both ends of a large machine
	}
	tid := syscall.Gettid()
	for _, cpu := range cpus {
		var m cpuMask
		m[cpu/maskWordBits] = 1 << (cpu % maskWordBits)
		if e := setAffinity(&m); e != 0 {
			t.Fatalf("sched_setaffinity(CPU %d): %v", cpu, e)
		}
		for k := 0; k < 5; k++ {
			got, node, err := Getcpu()
			if err != nil {
				t.Fatalf("Getcpu pinned to CPU %d: %v", cpu, err)
			}
			var sc, sn uint32
			if e := sysGetcpu(&sc, &sn); e != 0 {
				t.Fatalf("getcpu system call: %v", e)
			}
			st := statCPU(t, tid)
			if got != cpu || int(sc) != cpu || st != cpu {
				t.Errorf("pinned to CPU %d: Getcpu() = %d, getcpu system call %d, /proc stat field 39 %d", cpu, got, sc, st)
			}
			if uint32(node) != sn {
				t.Errorf("pinned to CPU %d: Getcpu node %d, system call node %d", cpu, node, sn)
			}
		}
	}
	if e := setAffinity(&orig); e != 0 {
		t.Errorf("restoring the affinity: %v", e)
	} else {
		restored = true
	}
	t.Logf("Getcpu named each of CPUs %v while pinned to it", cpus)
}
