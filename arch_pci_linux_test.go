//go:build linux && (arm || ppc64 || ppc64le)

package linux

import "testing"

// The PCI configuration calls of arm and powerpc: no PCI device 0 on bus 0 here.
func TestPciconfig(t *testing.T) {
	var b [4]byte
	err := PciconfigRead(0, 0, 0, b[:])
	skipUnsupported(t, "pciconfig_read", err)
	if err != ENODEV && err != EPERM {
		t.Fatalf("pciconfig_read of a missing device: %v", err)
	}
	err = PciconfigWrite(0, 0, 0, b[:])
	if err != ENODEV && err != EPERM {
		t.Fatalf("pciconfig_write of a missing device: %v", err)
	}
	_, err = PciconfigIobase(99, 0, 0)
	skipUnsupported(t, "pciconfig_iobase", err)
	if err == nil {
		t.Fatal("pciconfig_iobase of an unknown which succeeded")
	}
}
