package bench

import "testing"

func BenchmarkMemory(b *testing.B) {
	f, err := NewMemFixture()
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Pairs() {
		b.Run(p.Name+"/rawlinux", p.Rawlinux)
		b.Run(p.Name+"/xsys", p.XSys)
	}
}
