//go:build linux

package linux

// TimerID is the id of a POSIX per-process timer (timer_t), from TimerCreate.
type TimerID int32
