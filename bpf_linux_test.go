//go:build linux

package linux

import (
	"reflect"
	"testing"
	"unsafe"
)

// bpf: an array map created, updated, looked up, walked; a socket filter loaded and
// attached with SO_ATTACH_BPF; the helpers' attribute layouts against the generated views.

func TestBpfAttrLayouts(t *testing.T) {
	check := func(name string, got, want uintptr) {
		t.Helper()
		if got != want {
			t.Errorf("%s at %d, bpf_attr has it at %d", name, got, want)
		}
	}
	var e bpfElemAttr
	var ev BpfAttrMapElem
	check("key", unsafe.Offsetof(e.key), unsafe.Offsetof(ev.Key))
	check("value", unsafe.Offsetof(e.value), unsafe.Offsetof(ev.Value))
	check("flags", unsafe.Offsetof(e.flags), unsafe.Offsetof(ev.Flags))
	var p bpfProgLoadAttr
	var pv BpfAttrProgLoad
	check("insns", unsafe.Offsetof(p.insns), unsafe.Offsetof(pv.Insns))
	check("license", unsafe.Offsetof(p.license), unsafe.Offsetof(pv.License))
	check("log_level", unsafe.Offsetof(p.logLevel), unsafe.Offsetof(pv.LogLevel))
	check("log_buf", unsafe.Offsetof(p.logBuf), unsafe.Offsetof(pv.LogBuf))
	check("kern_version", unsafe.Offsetof(p.kernVersion), unsafe.Offsetof(pv.KernVersion))
	check("prog_name", unsafe.Offsetof(p.progName), unsafe.Offsetof(pv.ProgName))
	check("expected_attach_type", unsafe.Offsetof(p.expectedAttachType), unsafe.Offsetof(pv.ExpectedAttachType))
	var o bpfObjAttr
	var ov BpfAttrObj
	check("bpf_fd", unsafe.Offsetof(o.bpfFD), unsafe.Offsetof(ov.BpfFD))
	check("path_fd", unsafe.Offsetof(o.pathFD), unsafe.Offsetof(ov.PathFD))
	var i bpfInfoAttr
	var iv BpfAttrInfo
	check("info", unsafe.Offsetof(i.info), unsafe.Offsetof(iv.Info))
	// A pointer lands where the kernel reads the 64-bit field's value.
	x := 1
	ptr := newBpfPtr(unsafe.Pointer(&x))
	if *(*uint64)(unsafe.Pointer(&ptr)) != uint64(uintptr(unsafe.Pointer(&x))) || unsafe.Sizeof(ptr) != 8 {
		t.Fatalf("bpfPtr holds %#x for %p", *(*uint64)(unsafe.Pointer(&ptr)), &x)
	}
}

func TestBpfArrayMap(t *testing.T) {
	attr := BpfAttrMapCreate{MapType: uint32(BPF_MAP_TYPE_ARRAY), KeySize: 4, ValueSize: 8, MaxEntries: 4}
	copy(attr.MapName[:], "rawlinux_test")
	fd, err := BpfMapCreate(&attr)
	skipUnsupported(t, "bpf", err)
	if err == EPERM {
		t.Skip("bpf needs CAP_BPF")
	}
	fd = mustFD(t, "BPF_MAP_CREATE", fd, err)
	key, val := uint32(2), uint64(0x1122334455667788)
	must(t, "update", BpfMapUpdateElem(fd, unsafe.Pointer(&key), unsafe.Pointer(&val), BPF_ANY))
	var got uint64
	must(t, "lookup", BpfMapLookupElem(fd, unsafe.Pointer(&key), unsafe.Pointer(&got)))
	if got != val {
		t.Fatalf("lookup: %#x, want %#x", got, val)
	}
	key = 9
	err = BpfMapLookupElem(fd, unsafe.Pointer(&key), unsafe.Pointer(&got))
	wantErrno(t, "lookup out of range", err, ENOENT)
	wantErrno(t, "update with BPF_NOEXIST", BpfMapUpdateElem(fd, unsafe.Pointer(new(uint32)), unsafe.Pointer(&val), BPF_NOEXIST), EEXIST)
	wantErrno(t, "delete from an array", BpfMapDeleteElem(fd, unsafe.Pointer(new(uint32))), EINVAL)
	// Walking the keys: 0, 1, 2, 3, then ENOENT.
	var next uint32
	must(t, "first key", BpfMapGetNextKey(fd, nil, unsafe.Pointer(&next)))
	keys := []uint32{next}
	for {
		cur := next
		if err := BpfMapGetNextKey(fd, unsafe.Pointer(&cur), unsafe.Pointer(&next)); err == ENOENT {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, next)
	}
	if !reflect.DeepEqual(keys, []uint32{0, 1, 2, 3}) {
		t.Fatalf("keys %v", keys)
	}
	info, err := BpfMapGetInfo(fd)
	must(t, "info", err)
	if info.Type != uint32(BPF_MAP_TYPE_ARRAY) || info.KeySize != 4 || info.ValueSize != 8 || info.MaxEntries != 4 || info.ID == 0 {
		t.Fatalf("map info %+v", info)
	}
	// The generic Bpf with the union and its view: the same lookup.
	var a BpfAttr
	key = 2
	got = 0
	el := a.MapElem()
	el.MapFD, el.Key, el.Value = uint32(fd), uint64(uintptr(unsafe.Pointer(&key))), uint64(uintptr(unsafe.Pointer(&got)))
	if _, err := Bpf(BPF_MAP_LOOKUP_ELEM, &a, nil); err != nil || got != val {
		t.Fatalf("Bpf(BPF_MAP_LOOKUP_ELEM): %#x %v", got, err)
	}
}

// socketFilter returns a program that returns ret (the bytes of each packet to keep; 0
// drops it).
func socketFilter(ret int32) []BpfInsn {
	mov := BpfInsn{Code: BPF_ALU64 | BPF_MOV | BPF_K, Imm: ret} // r0 = ret
	exit := BpfInsn{Code: BPF_JMP | BPF_EXIT}
	return []BpfInsn{mov, exit}
}

func TestBpfSocketFilter(t *testing.T) {
	log := make([]byte, 4096)
	prog, err := BpfProgLoad(&BpfProgLoadOptions{Type: BPF_PROG_TYPE_SOCKET_FILTER, Insns: socketFilter(0),
		License: "GPL", LogLevel: 1, Log: log, Name: "drop_all"})
	skipUnsupported(t, "bpf", err)
	if err == EPERM {
		t.Skip("bpf needs CAP_BPF")
	}
	if err != nil {
		t.Fatalf("BPF_PROG_LOAD: %v; log %s", err, log)
	}
	prog = mustFD(t, "prog", prog, nil)
	if pi, err := BpfProgGetInfo(prog); err != nil || pi.Type != uint32(BPF_PROG_TYPE_SOCKET_FILTER) || string(pi.Name[:8]) != "drop_all" {
		t.Fatalf("prog info %+v %v", pi, err)
	}
	a, _ := udpSocket(t)
	b, bAddr := udpSocket(t)
	must(t, "SO_ATTACH_BPF", SetsockoptInt(b, SOL_SOCKET, SO_ATTACH_BPF, int(prog)))
	Sendto(a, []byte("dropped"), 0, &bAddr)
	buf := make([]byte, 16)
	_, _, err = Recvfrom(b, buf, MSG_DONTWAIT)
	wantErrno(t, "recv through the drop-all filter", err, EAGAIN)
	must(t, "SO_DETACH_BPF", SetsockoptInt(b, SOL_SOCKET, SO_DETACH_BPF, 0))
	Sendto(a, []byte("passed"), 0, &bAddr)
	if n, _, err := Recvfrom(b, buf, 0); err != nil || string(buf[:n]) != "passed" {
		t.Fatalf("recv without the filter: %q %v", buf[:n], err)
	}
	// A program the verifier refuses (no exit): EINVAL (or EACCES) with its reason logged.
	clear(log)
	_, err = BpfProgLoad(&BpfProgLoadOptions{Type: BPF_PROG_TYPE_SOCKET_FILTER, Insns: socketFilter(0)[:1],
		License: "GPL", LogLevel: 1, Log: log})
	if err != EINVAL && err != EACCES || log[0] == 0 {
		t.Fatalf("a program without exit: %v, log %q", err, log[:64])
	}
	// Pinning needs a bpf file system; where there is one, pin and get back.
	if st, err := Statfs("/sys/fs/bpf"); err == nil && st.Type == 0xcafe4a11 { // BPF_FS_MAGIC
		path := "/sys/fs/bpf/rawlinux-test-" + itoa(int(prog))
		if err := BpfObjPin(prog, path); err == nil {
			defer Unlink(path)
			p2, err := BpfObjGet(path, 0)
			p2 = mustFD(t, "BPF_OBJ_GET", p2, err)
			i1, _ := BpfProgGetInfo(prog)
			i2, _ := BpfProgGetInfo(p2)
			if i1.ID != i2.ID {
				t.Fatalf("pinned program id %d, got back %d", i1.ID, i2.ID)
			}
		}
	}
	_, err = BpfProgLoad(&BpfProgLoadOptions{Type: BPF_PROG_TYPE_SOCKET_FILTER})
	wantErrno(t, "no instructions", err, EINVAL)
}

func TestBpfProgAttachErrors(t *testing.T) {
	prog, err := BpfProgLoad(&BpfProgLoadOptions{Type: BPF_PROG_TYPE_SOCKET_FILTER, Insns: socketFilter(-1), License: "GPL"})
	skipUnsupported(t, "bpf", err)
	if err == EPERM {
		t.Skip("bpf needs CAP_BPF")
	}
	prog = mustFD(t, "load", prog, err)
	// A socket filter attaches to sockets (SO_ATTACH_BPF), not through BPF_PROG_ATTACH
	// to a cgroup: the kernel says so for a descriptor that is no cgroup.
	r, _ := testPipe(t, 0)
	if err := BpfProgAttach(r, prog, BPF_CGROUP_INET_INGRESS, 0); err == nil {
		t.Fatal("BPF_PROG_ATTACH of a socket filter to a pipe succeeded")
	}
	if err := BpfProgDetach(r, prog, BPF_CGROUP_INET_INGRESS); err == nil {
		t.Fatal("BPF_PROG_DETACH from a pipe succeeded")
	}
	var info [8]byte
	if _, err := BpfObjGetInfoByFD(r, info[:]); err == nil {
		t.Fatal("BPF_OBJ_GET_INFO_BY_FD of a pipe succeeded")
	}
	_, err = BpfObjGetInfoByFD(prog, nil)
	wantErrno(t, "no info buffer", err, EINVAL)
}
