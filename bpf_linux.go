//go:build linux

package linux

import (
	"unsafe"

	"github.com/rawlinux/linux/raw"
)

// Helpers over bpf(2) for the common commands. The generated BpfAttr and its views carry
// user pointers as 64-bit integers; these helpers build the attributes with the pointers
// as pointers instead (bpfPtr), laid out as the kernel's union bpf_attr (the tests compare
// every offset with the generated views), so that keys, values, instructions and logs may
// live anywhere, the caller's stack included.

func bpf(cmd BpfCmd, attr unsafe.Pointer, size uintptr) (int, error) {
	r, _, errno := raw.Syscall6(SYS_BPF, uintptr(cmd), uintptr(attr), size, 0, 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}

// BpfMapCreate creates a map as attr describes (BPF_MAP_CREATE: MapType, KeySize,
// ValueSize, MaxEntries, MapFlags, MapName...) and returns its descriptor.
func BpfMapCreate(attr *BpfAttrMapCreate) (FD, error) {
	r, err := bpf(BPF_MAP_CREATE, unsafe.Pointer(attr), unsafe.Sizeof(*attr))
	if err != nil {
		return -1, err
	}
	return FD(r), nil
}

// bpfElemAttr is bpf_attr for the BPF_MAP_*_ELEM commands (BpfAttrMapElem).
type bpfElemAttr struct {
	mapFD uint32
	_     uint32
	key   bpfPtr
	value bpfPtr // next_key for BPF_MAP_GET_NEXT_KEY
	flags uint64
}

func bpfElem(cmd BpfCmd, fd FD, key, value unsafe.Pointer, flags uint64) error {
	a := bpfElemAttr{mapFD: uint32(fd), key: newBpfPtr(key), value: newBpfPtr(value), flags: flags}
	_, err := bpf(cmd, unsafe.Pointer(&a), unsafe.Sizeof(a))
	return err
}

// BpfMapLookupElem copies the value of map fd for the key at key (the map's KeySize
// bytes) to value (ValueSize bytes; per-CPU maps: one value per possible CPU, each
// rounded up to 8 bytes); ENOENT when there is none (BPF_MAP_LOOKUP_ELEM).
func BpfMapLookupElem(fd FD, key, value unsafe.Pointer) error {
	return bpfElem(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0)
}

// BpfMapUpdateElem sets the value of the key at key to the value at value, as flags say
// (BPF_ANY, BPF_NOEXIST: only a new key, BPF_EXIST: only an existing one, BPF_F_LOCK;
// BPF_MAP_UPDATE_ELEM).
func BpfMapUpdateElem(fd FD, key, value unsafe.Pointer, flags uint64) error {
	return bpfElem(BPF_MAP_UPDATE_ELEM, fd, key, value, flags)
}

// BpfMapDeleteElem removes the key at key from map fd (BPF_MAP_DELETE_ELEM).
func BpfMapDeleteElem(fd FD, key unsafe.Pointer) error {
	return bpfElem(BPF_MAP_DELETE_ELEM, fd, key, nil, 0)
}

// BpfMapGetNextKey writes the key after the key at key (nil: the first) to nextKey; ENOENT
// after the last (BPF_MAP_GET_NEXT_KEY).
func BpfMapGetNextKey(fd FD, key, nextKey unsafe.Pointer) error {
	return bpfElem(BPF_MAP_GET_NEXT_KEY, fd, key, nextKey, 0)
}

// BpfProgLoadOptions describe a program for BpfProgLoad.
type BpfProgLoadOptions struct {
	Type               BpfProgType
	Insns              []BpfInsn
	License            string // "GPL" for the GPL-only helpers
	LogLevel           uint32 // 0: no log, 1, 2: the verifier's
	Log                []byte // the verifier's log (with LogLevel > 0; on failure read it up to its NUL)
	Flags              uint32 // BPF_F_* of prog_flags
	Name               string // up to BPF_OBJ_NAME_LEN-1 bytes
	ExpectedAttachType BpfAttachType
	KernVersion        uint32
}

// bpfProgLoadAttr is the first part of bpf_attr for BPF_PROG_LOAD (BpfAttrProgLoad).
type bpfProgLoadAttr struct {
	progType           uint32
	insnCnt            uint32
	insns              bpfPtr
	license            bpfPtr
	logLevel           uint32
	logSize            uint32
	logBuf             bpfPtr
	kernVersion        uint32
	progFlags          uint32
	progName           [BPF_OBJ_NAME_LEN]byte
	progIfindex        uint32
	expectedAttachType uint32
}

// BpfProgLoad verifies and loads the program o describes and returns its descriptor
// (BPF_PROG_LOAD). The instructions, license and log go to the kernel as pointers to the
// caller's memory for the call's duration.
func BpfProgLoad(o *BpfProgLoadOptions) (FD, error) {
	if len(o.Insns) == 0 || len(o.Name) >= BPF_OBJ_NAME_LEN || uint64(len(o.Log)) > 1<<32-1 || uint64(len(o.Insns)) > 1<<32-1 {
		return -1, raw.EINVAL
	}
	var lb cbuf
	lic, err := cstring(o.License, &lb)
	if err != nil {
		return -1, err
	}
	a := bpfProgLoadAttr{progType: uint32(o.Type), insnCnt: uint32(len(o.Insns)), insns: newBpfPtr(unsafe.Pointer(&o.Insns[0])),
		license: newBpfPtr(lic), logLevel: o.LogLevel, kernVersion: o.KernVersion, progFlags: o.Flags,
		expectedAttachType: uint32(o.ExpectedAttachType)}
	if len(o.Log) > 0 {
		a.logBuf, a.logSize = newBpfPtr(unsafe.Pointer(&o.Log[0])), uint32(len(o.Log))
	}
	copy(a.progName[:], o.Name)
	r, err := bpf(BPF_PROG_LOAD, unsafe.Pointer(&a), unsafe.Sizeof(a))
	if err != nil {
		return -1, err
	}
	return FD(r), nil
}

// bpfObjAttr is bpf_attr for BPF_OBJ_PIN and BPF_OBJ_GET (BpfAttrObj).
type bpfObjAttr struct {
	pathname  bpfPtr
	bpfFD     uint32
	fileFlags uint32
	pathFD    int32
	_         uint32
}

// BpfObjPin pins map or program fd at path in a bpf file system (BPF_OBJ_PIN).
func BpfObjPin(fd FD, path string) error {
	var pb cbuf
	p, err := cstring(path, &pb)
	if err != nil {
		return err
	}
	a := bpfObjAttr{pathname: newBpfPtr(p), bpfFD: uint32(fd)}
	_, err = bpf(BPF_OBJ_PIN, unsafe.Pointer(&a), unsafe.Sizeof(a))
	return err
}

// BpfObjGet opens the map or program pinned at path (BPF_OBJ_GET; fileFlags BPF_F_RDONLY,
// BPF_F_WRONLY or 0).
func BpfObjGet(path string, fileFlags uint32) (FD, error) {
	var pb cbuf
	p, err := cstring(path, &pb)
	if err != nil {
		return -1, err
	}
	a := bpfObjAttr{pathname: newBpfPtr(p), fileFlags: fileFlags}
	r, err := bpf(BPF_OBJ_GET, unsafe.Pointer(&a), unsafe.Sizeof(a))
	if err != nil {
		return -1, err
	}
	return FD(r), nil
}

// bpfInfoAttr is bpf_attr for BPF_OBJ_GET_INFO_BY_FD (BpfAttrInfo).
type bpfInfoAttr struct {
	bpfFD   uint32
	infoLen uint32
	info    bpfPtr
}

// BpfObjGetInfoByFD writes the information about map, program, link or BTF object fd
// into info (a BpfMapInfo, BpfProgInfo... of info's length) and returns the length the
// kernel wrote (BPF_OBJ_GET_INFO_BY_FD).
func BpfObjGetInfoByFD(fd FD, info []byte) (int, error) {
	if len(info) == 0 || uint64(len(info)) > 1<<32-1 {
		return 0, raw.EINVAL
	}
	a := bpfInfoAttr{bpfFD: uint32(fd), infoLen: uint32(len(info)), info: newBpfPtr(unsafe.Pointer(&info[0]))}
	if _, err := bpf(BPF_OBJ_GET_INFO_BY_FD, unsafe.Pointer(&a), unsafe.Sizeof(a)); err != nil {
		return 0, err
	}
	return int(a.infoLen), nil
}

// BpfMapGetInfo returns the information about map fd (type, sizes, id, name...).
func BpfMapGetInfo(fd FD) (BpfMapInfo, error) {
	var m BpfMapInfo
	_, err := BpfObjGetInfoByFD(fd, valueBytes(&m))
	return m, err
}

// BpfProgGetInfo returns the information about program fd (type, id, tag, name...);
// the fields that describe arrays (JitedProgInsns...) stay zero.
func BpfProgGetInfo(fd FD) (BpfProgInfo, error) {
	var p BpfProgInfo
	_, err := BpfObjGetInfoByFD(fd, valueBytes(&p))
	return p, err
}

// BpfProgAttach attaches program prog to target (a cgroup, a socket map...) for attach
// type typ, with flags BPF_F_ALLOW_OVERRIDE, BPF_F_ALLOW_MULTI... (BPF_PROG_ATTACH).
func BpfProgAttach(target, prog FD, typ BpfAttachType, flags uint32) error {
	a := BpfAttrProgAttach{TargetFD: uint32(target), AttachBpfFD: uint32(prog), AttachType: uint32(typ), AttachFlags: flags}
	_, err := bpf(BPF_PROG_ATTACH, unsafe.Pointer(&a), unsafe.Sizeof(a))
	return err
}

// BpfProgDetach detaches program prog of attach type typ from target (BPF_PROG_DETACH).
func BpfProgDetach(target, prog FD, typ BpfAttachType) error {
	a := BpfAttrProgAttach{TargetFD: uint32(target), AttachBpfFD: uint32(prog), AttachType: uint32(typ)}
	_, err := bpf(BPF_PROG_DETACH, unsafe.Pointer(&a), unsafe.Sizeof(a))
	return err
}
