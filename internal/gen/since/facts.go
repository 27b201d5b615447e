package main

// What the sources cannot say alone. Every entry gives its reason; where a man page says
// it, page and quote name the page ("socketcall", "landlock.7") and the words, which the
// generator requires the pinned page to contain.

// A fact is a release that facts.go asserts, and why.
type fact struct {
	v     string // the release ("" where only the note is added)
	why   string
	page  string // a man page that says it, "name" (section 2) or "name.7"
	quote string
	// headers are the snapshots ("5.10", "5.10 6.1") that disagree, which why explains
	// (constants).
	headers string
	// lo..hi: a row no source dates, bounded (rowFacts without v).
	lo, hi string
}

// archFirsts are the first releases of the ports; "" for ports older than 2.6.12.
var archFirsts = map[string]fact{
	"amd64":    {why: "the x86-64 port predates 2.6.12, where the kernel's git history starts"},
	"386":      {why: "the i386 port is the original one"},
	"arm":      {why: "the ARM port predates 2.6.12 (EABI, which Go uses, came in 2.6.16: every call Go needs is newer)"},
	"arm64":    {v: "3.7", why: "arch/arm64 was merged for Linux 3.7, with the generic syscall table of that release"},
	"riscv64":  {v: "4.15", why: "arch/riscv was merged for Linux 4.15 (syscalls(2) dates riscv_flush_icache, RISC-V only, 4.15)"},
	"loong64":  {v: "5.19", why: "arch/loongarch was merged for Linux 5.19"},
	"ppc64":    {why: "the ppc64 port predates 2.6.12"},
	"ppc64le":  {why: "little-endian ppc64 uses ppc64's table; its own first release is not dated here"},
	"s390x":    {why: "the s390x port predates 2.6.12"},
	"mips":     {why: "the mips port predates 2.6.12"},
	"mipsle":   {why: "the mips port predates 2.6.12"},
	"mips64":   {why: "the mips64 port predates 2.6.12"},
	"mips64le": {why: "the mips64 port predates 2.6.12"},
}

// manAlias names the page (and HISTORY item) of a row whose name is not the page's.
var manAlias = map[string]string{
	"newfstatat": "fstatat",
	"fstatat64":  "fstatat",
	"prlimit64":  "prlimit",
}

// nrAlias names the __NR_ macro of a row whose name differs from it in the headers.
var nrAlias = map[string]string{}

// callFacts settle a call's release where the sources disagree or say nothing.
var callFacts = map[string]fact{
	"membarrier": {v: "4.3", why: "syscalls(2) says 3.17, a slip: membarrier(2) HISTORY says 4.3, and so do the numbers (x86_64 324 follows userfaultfd 323, 4.3; every arch numbers it after userfaultfd)"},
	"pkey_alloc": {v: "4.9", why: pkeyWhy}, "pkey_free": {v: "4.9", why: pkeyWhy}, "pkey_mprotect": {v: "4.9", why: pkeyWhy},
}

const loongStat = "loongarch's port came without fstat and newfstatat (statx only); they were added back later, by 6.12 (the trixie snapshot has them); no source here dates it more closely"

const pkeyWhy = "syscalls(2) says 4.8; the pages say 4.9, which the headers cannot tell apart; the x86_64 numbers (329-331) follow pwritev2 (328, 4.6) and precede statx (332, 4.11): 4.9 is the page's, the release that merged protection keys"

// orderExceptions are rows (arch/name) that break their table's time order, and why; they
// are left out of the order's inferences.
var orderExceptions = map[string]string{
	"amd64/uretprobe": uprobeWhy,
	"amd64/uprobe":    uprobeWhy,
	// timerfd came in 2.6.22 with the number timerfd_create reused when the interface was
	// redone in 2.6.25 (timerfd_create(2) HISTORY), so the number is 2.6.22's.
	"*/timerfd_create":    "its number was timerfd's (2.6.22), reused for timerfd_create in 2.6.25",
	"*/close_range":       "numbered 436 when it was first proposed (the 5.6 cycle), merged in 5.9: close_range(2) and syscalls(2) say 5.9",
	"*/quotactl_fd":       "443 was quotactl_path, merged in 5.13 and disabled before that release; quotactl_fd took the number in 5.14 (quotactl(2) HISTORY, syscalls(2))",
	"amd64/accept4":       "numbered (288) before the 2.6.27 calls that take flags (289-294), merged one release later, in 2.6.28",
	"amd64/fanotify_init": "numbered (300) in 2.6.36, when fanotify was merged but not yet enabled; syscalls(2) and the page date the call 2.6.37, when it was",
	"amd64/fanotify_mark": "numbered (301) in 2.6.36, when fanotify was merged but not yet enabled; syscalls(2) and the page date the call 2.6.37, when it was",
}

const uprobeWhy = "x86_64 numbers its own new calls in the free numbers below 424 (335, 336) after the shared range 424 up began in 5.1"

// rowFacts date a row on one arch (arch/name) where the arch wired the call up later.
var rowFacts = func() map[string]fact {
	m := map[string]fact{
		"386/arch_prctl": {v: "4.12", page: "syscalls", quote: "x86_64, x86 since 4.12", why: "syscalls(2): on x86-32 since 4.12"},
		// The loongarch port (5.19) had statx only, not the generic table's newstat calls
		// (its asm/unistd.h now defines __ARCH_WANT_NEW_STAT); no snapshot of these sources
		// lies between 5.19 and 6.12, which has them.
		"loong64/fstat":      {lo: "5.19", hi: "6.12", why: loongStat},
		"loong64/newfstatat": {lo: "5.19", hi: "6.12", why: loongStat},
	}
	// x86-32 reached the socket calls through socketcall(2) only, until 4.3.
	for _, n := range []string{"socket", "socketpair", "bind", "connect", "listen", "accept4", "getsockopt", "setsockopt",
		"getsockname", "getpeername", "sendto", "sendmsg", "recvfrom", "recvmsg", "shutdown"} {
		m["386/"+n] = fact{v: "4.3", page: "socketcall", quote: "starting in Linux 4.3, direct system calls are provided on x86-32 for the sockets API",
			why: "before 4.3, x86-32 reached it only through socketcall(2)"}
	}
	return m
}()

// headerFacts explain a header snapshot that disagrees with the other sources (arch/name).
var headerFacts = map[string]string{}

// constFacts settle a constant's release.
var constFacts = func() map[string]fact {
	m := map[string]fact{}
	// Debian's 5.10 is 5.10.223: the 5.10 stable series took io_uring back from 5.15 (with
	// RESOLVE_CACHED, which its openat uses), so these are in its headers though the
	// pages date them later.
	for _, n := range []string{"IORING_FEAT_RSRC_TAGS", "IORING_OP_POLL_ADD", "IORING_OP_POLL_REMOVE", "IORING_OP_RENAMEAT",
		"IORING_OP_SHUTDOWN", "IORING_OP_UNLINKAT", "IORING_REGISTER_BUFFERS2", "IORING_REGISTER_BUFFERS_UPDATE",
		"IORING_REGISTER_FILES2", "IORING_REGISTER_FILES_UPDATE2", "IORING_REGISTER_FILES_UPDATE", "IORING_REGISTER_IOWQ_AFF",
		"IORING_REGISTER_IOWQ_MAX_WORKERS", "IORING_UNREGISTER_IOWQ_AFF", "RESOLVE_CACHED"} {
		m[n] = fact{headers: "5.10", why: ioUring510}
	}
	return m
}()

const ioUring510 = "the 5.10 header snapshot is 5.10.223, a stable release that took io_uring (and RESOLVE_CACHED, which io_uring's openat uses) back from a later mainline: its presence there does not date it"

// uapiLate are constant families the kernel had before its UAPI headers did: a snapshot
// without them says nothing.
var uapiLate = map[string]string{
	"EFD_": "the EFD_* flags were the kernel's and glibc's only until linux/eventfd.h joined the UAPI headers (after 6.1): the older snapshots lack them",
}
