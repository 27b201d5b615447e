//go:build linux && (amd64 || 386 || arm64 || riscv64 || loong64 || s390x)

package linux

import (
	"errors"
	"testing"
)

// memfd_secret exists on amd64, 386, arm64, riscv64, loong64 and s390x.
func TestMemfdSecret(t *testing.T) {
	fd, err := MemfdSecret(O_CLOEXEC)
	skipUnsupported(t, "memfd_secret", err)
	if errors.Is(err, ENOSYS) {
		t.Skip("memfd_secret: ENOSYS: this kernel runs without secretmem (secretmem.enable=0, or not built)")
	}
	fd = mustFD(t, "memfd_secret", fd, err)
	must(t, "ftruncate", Ftruncate(fd, int64(pageSize)))
	b, err := Mmap(fd, 0, int(pageSize), PROT_READ|PROT_WRITE, MAP_SHARED)
	must(t, "mmap of the secret memory", err)
	defer Munmap(b)
	copy(b, "secret")
	if string(b[:6]) != "secret" {
		t.Fatal("secret memory lost a write")
	}
	_, err = MemfdSecret(O_NONBLOCK)
	wantErrno(t, "memfd_secret with a flag other than O_CLOEXEC", err, EINVAL)
}
