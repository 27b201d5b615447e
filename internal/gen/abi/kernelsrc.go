package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/rawlinux/linux/internal/gen/arches"
)

// Some constants that system calls take are not in the UAPI headers at all: the socket
// families, levels and message flags (include/linux/socket.h) and the socket types
// (include/linux/net.h; mips has its own order in arch/mips/include/asm/socket.h). They are
// read from the pinned kernel source (the parts internal/gen/kernel.sh extracts): their
// #define lines and the enum sock_type body are copied into the C prelude of every arch and
// evaluated by clang like the rest.

// kernelSrcFiles are the kernel files read, relative to the tree (kernel.sh extracts them).
var kernelSrcFiles = []string{
	"include/linux/socket.h",
	"include/linux/net.h",
	"arch/mips/include/asm/socket.h",
	"include/linux/splice.h",
	"include/linux/stat.h",
	"include/linux/exportfs.h",
	"include/linux/fs_dirent.h",
	// issue 10: syslog(2)'s actions, swapon's flags, umount2's flags
	"include/linux/syslog.h",
	"include/linux/swap.h",
	"include/linux/fs.h",
}

// kernelSrcEnums are enums of those files whose members are taken as well (enum sock_type is
// taken from the arch's own file on mips, see kernelPrelude).
var kernelSrcEnums = []struct{ file, tag string }{
	{"include/linux/net.h", "sock_shutdown_cmd"}, // shutdown's SHUT_RD, SHUT_WR, SHUT_RDWR
}

// kernelSrcDefine selects the #defines taken from those files.
var kernelSrcDefine = regexp.MustCompile(`^(AF_|PF_|SOL_|MSG_|SCM_|SOMAXCONN$|SOCK_|SPLICE_F_|UTIME_NOW$|UTIME_OMIT$|MAX_HANDLE_SZ$|DT_` +
	`|SYSLOG_ACTION_|SWAP_FLAG_|SWAP_FLAGS_VALID$|MNT_FORCE$|MNT_DETACH$|MNT_EXPIRE$|UMOUNT_NOFOLLOW$)`)

// kernelSrcSkip are kernel-only names among them.
var kernelSrcSkip = map[string]bool{"MSG_CMSG_COMPAT": true, "SOCK_MAX": true, "SOCK_TYPE_MASK": true,
	"SOCK_ASYNC_NOSPACE": true, "SOCK_ASYNC_WAITDATA": true, "SOCK_NOSPACE": true, "SOCK_PASSCRED": true,
	"SOCK_PASSSEC": true, "DT_MAX": true, "SOCK_SUPPORT_ZC": true, "SOCK_CUSTOM_SOCKOPT": true, "SOCK_PASSPIDFD": true}

var (
	srcDefine = regexp.MustCompile(`(?m)^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([^\n]+)$`)
	sockEnum  = regexp.MustCompile(`(?s)enum sock_type \{(.*?)\};`)
)

// kernelPrelude is the C text for arch a and the names it defines, with the file each
// comes from.
func kernelPrelude(a arches.Arch, dir string) (string, map[string]string, []string, error) {
	read := func(f string) (string, error) {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return "", err
		}
		text := strings.ReplaceAll(string(data), "\\\n", " ")
		return comments.ReplaceAllString(text, " "), nil
	}
	var b strings.Builder
	where := map[string]string{}
	var order []string
	files := []string{"include/linux/socket.h", "include/linux/net.h", "include/linux/splice.h",
		"include/linux/stat.h", "include/linux/exportfs.h", "include/linux/fs_dirent.h",
		"include/linux/syslog.h", "include/linux/swap.h", "include/linux/fs.h"}
	enumFile := "include/linux/net.h"
	if strings.HasPrefix(a.GOARCH, "mips") {
		files = append([]string{"arch/mips/include/asm/socket.h"}, files...)
		enumFile = "arch/mips/include/asm/socket.h"
	}
	et, err := read(enumFile)
	if err != nil {
		return "", nil, nil, err
	}
	m := sockEnum.FindStringSubmatch(et)
	if m == nil {
		return "", nil, nil, fmt.Errorf("no enum sock_type in %s", enumFile)
	}
	fmt.Fprintf(&b, "/* %s */\nenum rl_sock_type {%s};\n", enumFile, m[1])
	for _, item := range strings.Split(m[1], ",") {
		if e := enumItem.FindStringSubmatch(item); e != nil {
			where[e[1]] = enumFile
			order = append(order, e[1])
		}
	}
	for _, ke := range kernelSrcEnums {
		text, err := read(ke.file)
		if err != nil {
			return "", nil, nil, err
		}
		m := regexp.MustCompile(`(?s)enum ` + ke.tag + ` \{(.*?)\};`).FindStringSubmatch(text)
		if m == nil {
			return "", nil, nil, fmt.Errorf("no enum %s in %s", ke.tag, ke.file)
		}
		fmt.Fprintf(&b, "/* %s */\nenum rl_%s {%s};\n", ke.file, ke.tag, m[1])
		for _, item := range strings.Split(m[1], ",") {
			if e := enumItem.FindStringSubmatch(item); e != nil {
				where[e[1]] = ke.file
				order = append(order, e[1])
			}
		}
	}
	for _, f := range files {
		text, err := read(f)
		if err != nil {
			return "", nil, nil, err
		}
		for _, d := range srcDefine.FindAllStringSubmatch(text, -1) {
			name, val := d[1], strings.TrimSpace(d[2])
			if !kernelSrcDefine.MatchString(name) || kernelSrcSkip[name] || strings.HasPrefix(name, "_") {
				continue
			}
			if _, dup := where[name]; dup {
				continue
			}
			where[name] = f
			order = append(order, name)
			fmt.Fprintf(&b, "#ifndef %s\n#define %s %s /* %s */\n#endif\n", name, name, val, f)
		}
	}
	return b.String(), where, order, nil
}
