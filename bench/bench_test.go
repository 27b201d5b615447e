package bench

import "testing"

func BenchmarkClockGettime(b *testing.B) {
	for _, c := range Clocks {
		b.Run(c.Name+"/rawlinux", Rawlinux(c.ID))
		b.Run(c.Name+"/glibc", Glibc(c.ID))
		b.Run(c.Name+"/xsys", XSys(c.ID))
	}
}

func BenchmarkGetcpu(b *testing.B) {
	b.Run("rawlinux", GetcpuRawlinux)
	b.Run("vdso-from-C", GetcpuC)
	b.Run("syscall", GetcpuXSys)
}

func BenchmarkGetrandom16(b *testing.B) {
	b.Run("rawlinux", GetrandomRawlinux)
	b.Run("vgetrandom-from-C", GetrandomC)
	b.Run("xsys", GetrandomXSys)
	b.Run("syscall", GetrandomSyscall)
}
