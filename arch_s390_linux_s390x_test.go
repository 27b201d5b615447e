//go:build linux

package linux

import "testing"

// The s390 calls: qemu-s390x implements none of them, and no s390 machine runs the
// native tests; each is checked for the kernel's answer where it gets one.
func TestS390Calls(t *testing.T) {
	var buf [4096]byte
	rc, err := S390Sthyi(STHYI_FC_CP_IFL_CAP, &buf, 0)
	skipUnsupported(t, "s390_sthyi", err)
	if err != nil || rc != 0 {
		t.Fatalf("s390_sthyi: rc %d, %v", rc, err)
	}
	_, err = S390Sthyi(STHYI_FC_CP_IFL_CAP, &buf, 1)
	wantErrno(t, "s390_sthyi with flags", err, EINVAL)
	err = S390GuardedStorage(99, nil)
	skipUnsupported(t, "s390_guarded_storage", err)
	wantErrno(t, "s390_guarded_storage with an unknown command", err, EINVAL)
	err = S390RuntimeInstr(S390_RUNTIME_INSTR_STOP, 0)
	skipUnsupported(t, "s390_runtime_instr", err)
	if err != nil && err != EINVAL {
		t.Fatalf("s390_runtime_instr stop: %v", err)
	}
	err = S390PciMmioRead(0, buf[:4])
	skipUnsupported(t, "s390_pci_mmio_read", err)
	if err == nil {
		t.Fatal("s390_pci_mmio_read of address 0 succeeded")
	}
	if err := S390PciMmioWrite(0, buf[:4]); err == nil {
		t.Fatal("s390_pci_mmio_write of address 0 succeeded")
	}
}
