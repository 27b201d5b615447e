//go:build linux && !race

package linux

const raceEnabled = false
