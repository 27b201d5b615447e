package seccomp

import "github.com/rawlinux/linux/systab"

// The errno numbers of every arch, for policies written for an arch other than the
// running one: the generic numbering (asm-generic/errno-base.h and asm-generic/errno.h,
// every arch but mips; powerpc differs only in EDEADLOCK, 58) and mips's own
// (arch/mips/include/uapi/asm/errno.h), as Linux 7.2.13's UAPI headers define them, with
// glibc's ENOTSUP (EOPNOTSUPP). Tests check the table against those headers and, on each
// arch, against package raw's errno names.

// errnoNums maps a name to its generic and mips numbers (0: the numbering has no such name).
var errnoNums = map[string][2]uint16{
	"E2BIG":           {7, 7},
	"EACCES":          {13, 13},
	"EADDRINUSE":      {98, 125},
	"EADDRNOTAVAIL":   {99, 126},
	"EADV":            {68, 68},
	"EAFNOSUPPORT":    {97, 124},
	"EAGAIN":          {11, 11},
	"EALREADY":        {114, 149},
	"EBADE":           {52, 50},
	"EBADF":           {9, 9},
	"EBADFD":          {77, 81},
	"EBADMSG":         {74, 77},
	"EBADR":           {53, 51},
	"EBADRQC":         {56, 54},
	"EBADSLT":         {57, 55},
	"EBFONT":          {59, 59},
	"EBUSY":           {16, 16},
	"ECANCELED":       {125, 158},
	"ECHILD":          {10, 10},
	"ECHRNG":          {44, 37},
	"ECOMM":           {70, 70},
	"ECONNABORTED":    {103, 130},
	"ECONNREFUSED":    {111, 146},
	"ECONNRESET":      {104, 131},
	"EDEADLK":         {35, 45},
	"EDEADLOCK":       {35, 56},
	"EDESTADDRREQ":    {89, 96},
	"EDOM":            {33, 33},
	"EDOTDOT":         {73, 73},
	"EDQUOT":          {122, 1133},
	"EEXIST":          {17, 17},
	"EFAULT":          {14, 14},
	"EFBIG":           {27, 27},
	"EFSBADCRC":       {74, 77},
	"EFSCORRUPTED":    {117, 135},
	"EFTYPE":          {134, 169},
	"EHOSTDOWN":       {112, 147},
	"EHOSTUNREACH":    {113, 148},
	"EHWPOISON":       {133, 168},
	"EIDRM":           {43, 36},
	"EILSEQ":          {84, 88},
	"EINIT":           {0, 141},
	"EINPROGRESS":     {115, 150},
	"EINTR":           {4, 4},
	"EINVAL":          {22, 22},
	"EIO":             {5, 5},
	"EISCONN":         {106, 133},
	"EISDIR":          {21, 21},
	"EISNAM":          {120, 139},
	"EKEYEXPIRED":     {127, 162},
	"EKEYREJECTED":    {129, 164},
	"EKEYREVOKED":     {128, 163},
	"EL2HLT":          {51, 44},
	"EL2NSYNC":        {45, 38},
	"EL3HLT":          {46, 39},
	"EL3RST":          {47, 40},
	"ELIBACC":         {79, 83},
	"ELIBBAD":         {80, 84},
	"ELIBEXEC":        {83, 87},
	"ELIBMAX":         {82, 86},
	"ELIBSCN":         {81, 85},
	"ELNRNG":          {48, 41},
	"ELOOP":           {40, 90},
	"EMEDIUMTYPE":     {124, 160},
	"EMFILE":          {24, 24},
	"EMLINK":          {31, 31},
	"EMSGSIZE":        {90, 97},
	"EMULTIHOP":       {72, 74},
	"ENAMETOOLONG":    {36, 78},
	"ENAVAIL":         {119, 138},
	"ENETDOWN":        {100, 127},
	"ENETRESET":       {102, 129},
	"ENETUNREACH":     {101, 128},
	"ENFILE":          {23, 23},
	"ENOANO":          {55, 53},
	"ENOBUFS":         {105, 132},
	"ENOCSI":          {50, 43},
	"ENODATA":         {61, 61},
	"ENODEV":          {19, 19},
	"ENOENT":          {2, 2},
	"ENOEXEC":         {8, 8},
	"ENOKEY":          {126, 161},
	"ENOLCK":          {37, 46},
	"ENOLINK":         {67, 67},
	"ENOMEDIUM":       {123, 159},
	"ENOMEM":          {12, 12},
	"ENOMSG":          {42, 35},
	"ENONET":          {64, 64},
	"ENOPKG":          {65, 65},
	"ENOPROTOOPT":     {92, 99},
	"ENOSPC":          {28, 28},
	"ENOSR":           {63, 63},
	"ENOSTR":          {60, 60},
	"ENOSYS":          {38, 89},
	"ENOTBLK":         {15, 15},
	"ENOTCONN":        {107, 134},
	"ENOTDIR":         {20, 20},
	"ENOTEMPTY":       {39, 93},
	"ENOTNAM":         {118, 137},
	"ENOTRECOVERABLE": {131, 166},
	"ENOTSOCK":        {88, 95},
	"ENOTTY":          {25, 25},
	"ENOTUNIQ":        {76, 80},
	"ENXIO":           {6, 6},
	"EOPNOTSUPP":      {95, 122},
	"EOVERFLOW":       {75, 79},
	"EOWNERDEAD":      {130, 165},
	"EPERM":           {1, 1},
	"EPFNOSUPPORT":    {96, 123},
	"EPIPE":           {32, 32},
	"EPROTO":          {71, 71},
	"EPROTONOSUPPORT": {93, 120},
	"EPROTOTYPE":      {91, 98},
	"ERANGE":          {34, 34},
	"EREMCHG":         {78, 82},
	"EREMDEV":         {0, 142},
	"EREMOTE":         {66, 66},
	"EREMOTEIO":       {121, 140},
	"ERESTART":        {85, 91},
	"ERFKILL":         {132, 167},
	"EROFS":           {30, 30},
	"ESHUTDOWN":       {108, 143},
	"ESOCKTNOSUPPORT": {94, 121},
	"ESPIPE":          {29, 29},
	"ESRCH":           {3, 3},
	"ESRMNT":          {69, 69},
	"ESTALE":          {116, 151},
	"ESTRPIPE":        {86, 92},
	"ETIME":           {62, 62},
	"ETIMEDOUT":       {110, 145},
	"ETOOMANYREFS":    {109, 144},
	"ETXTBSY":         {26, 26},
	"EUCLEAN":         {117, 135},
	"EUNATCH":         {49, 42},
	"EUSERS":          {87, 94},
	"EWOULDBLOCK":     {11, 11},
	"EXDEV":           {18, 18},
	"EXFULL":          {54, 52},
	"ENOTSUP":         {95, 122},
}

// ErrnoNamed returns the number of the errno called name ("EPERM", "ENOSYS") on arch; with
// arch "" only the names whose number is the same on every arch.
func ErrnoNamed(arch systab.Arch, name string) (uint16, bool) {
	v, ok := errnoNums[name]
	if !ok {
		return 0, false
	}
	switch arch {
	case "mips", "mipsle", "mips64", "mips64le":
		return v[1], v[1] != 0
	case "ppc64", "ppc64le":
		if name == "EDEADLOCK" {
			return 58, true
		}
	case "":
		if v[0] != v[1] || name == "EDEADLOCK" {
			return 0, false // the number depends on the arch
		}
	}
	return v[0], v[0] != 0
}

// ErrnoName returns the name of errno number e on arch ("" if none): the first name in
// alphabetical order of those that have the number, except that the name the kernel
// defines first (EAGAIN, EDEADLK, EOPNOTSUPP, EUCLEAN) is preferred to its aliases, as
// package raw's Errno.Name has it.
func ErrnoName(arch systab.Arch, e uint16) string {
	best := ""
	for name := range errnoNums {
		if v, ok := ErrnoNamed(arch, name); ok && v == e {
			switch {
			case best == "", preferredErrno(name):
				best = name
			case preferredErrno(best):
			case name < best:
				best = name
			}
		}
	}
	return best
}

// preferredErrno reports whether name is the first of its number's names in the kernel's
// headers, where later ones alias it (EWOULDBLOCK, EDEADLOCK, glibc's ENOTSUP,
// EFSCORRUPTED).
func preferredErrno(name string) bool {
	switch name {
	case "EAGAIN", "EDEADLK", "EOPNOTSUPP", "EUCLEAN":
		return true
	}
	return false
}
