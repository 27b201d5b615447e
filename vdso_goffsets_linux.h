// Offsets of the runtime's g and m fields that the direct vDSO calls read and write (on the
// register-g arches to make them safe, on amd64 and 386 for m.vdsoPC/m.vdsoSP only), for the Go release in vdsoRuntimeRelease (vdso_validate_linux_notmips.go),
// where the same numbers appear again: the runtime's go_asm.h for that release, printed by
//
//	for a in 386 arm arm64 ...; do W=$(GOARCH=$a go build -work -a runtime 2>&1 | sed -n 's/^WORK=//p');
//	grep -hE '^#define (g_m|g_stack|g_sched|gobuf_sp|stack_lo|stack_hi|m_g0|m_gsignal|m_curg|m_procid|m_vdsoSP|m_vdsoPC) ' $W/*/go_asm.h; done
//
// vdsoValidate checks them against independent facts at init before any direct call.

#ifdef GOARCH_arm
#define VG_32BIT
#endif
#ifdef GOARCH_386
#define VG_32BIT
#endif

#ifdef VG_32BIT
#define VG_g_m 24
#define VG_g_sched_sp 28
#define VG_m_g0 0
#define VG_m_procid 32
#define VG_m_gsignal 40
#define VG_m_curg 100
#define VG_m_vdsoSP 508
#define VG_m_vdsoPC 512
#define VG_stack_lo 0
#else
#define VG_g_m 48
#define VG_g_sched_sp 56
#define VG_m_g0 0
#define VG_m_procid 64
#define VG_m_gsignal 72
#define VG_m_curg 184
#define VG_m_vdsoSP 896
#define VG_m_vdsoPC 904
#define VG_stack_lo 0
#endif

// The callee gets at least this much of the g0 stack below the trampoline's frame, else the
// trampoline refuses the call (returns 1) and the caller makes the system call.
#define VG_ROOM 5120
