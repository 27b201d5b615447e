package bench

import "testing"

func BenchmarkNet(b *testing.B) {
	f, err := NewNetFixture()
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.NetPairs() {
		b.Run(p.Name+"/rawlinux", p.Rawlinux)
		b.Run(p.Name+"/xsys", p.XSys)
	}
}
