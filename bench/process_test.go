package bench

import "testing"

func BenchmarkProcess(b *testing.B) {
	for _, p := range ProcessPairs() {
		b.Run(p.Name+"/rawlinux", p.Rawlinux)
		b.Run(p.Name+"/xsys", p.XSys)
	}
}
