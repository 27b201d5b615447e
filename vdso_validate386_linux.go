//go:build linux && 386

package linux

const vdsoRuntimeRelease = ""

func vdsoValidateAMD64() error { return nil }
