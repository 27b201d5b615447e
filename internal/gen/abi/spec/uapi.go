package spec

// The families of issue 14: netlink and its protocols, network devices, terminals, ioctl
// requests, capabilities, ptrace register sets and the device interfaces users reach for.
// Their headers come after Headers in the translation unit; every struct and union they
// declare gets a Go type (StructHeaders), and every _IO/_IOR/_IOW/_IOWR request of any
// header is an IoctlCmd (IoctlRequests, and the rule in internal/gen/abi/ioctl.go).

// FamilyHeaders are included after Headers, in this order (an <asm/...> header they
// include is read for the arch, like the others).
var FamilyHeaders = []string{
	// Network devices and addresses.
	"linux/if.h", // ifreq, IFF_*, IFNAMSIZ
	"linux/if_ether.h",
	"linux/if_arp.h",
	"linux/if_tun.h",
	"linux/if_bridge.h",
	"linux/if_vlan.h",
	"linux/if_alg.h",
	"linux/if_pppox.h",
	"linux/if_xdp.h",
	"linux/virtio_net.h",
	"linux/ipv6.h",
	"linux/ip.h",
	"linux/icmp.h",
	"linux/icmpv6.h",
	"linux/udp.h",
	"linux/net_tstamp.h",
	"linux/errqueue.h",
	"linux/kcm.h",
	"linux/tls.h",
	"linux/l2tp.h",
	"linux/can.h",
	"linux/can/raw.h",
	"linux/can/bcm.h",
	"linux/can/error.h",
	"linux/can/j1939.h",
	"linux/can/isotp.h",
	"linux/can/netlink.h",
	"linux/tipc.h",
	"linux/tipc_netlink.h",
	"linux/route.h", // rtentry (SIOCADDRT), RTF_*
	"linux/ipv6_route.h",
	"linux/in_route.h",
	"linux/mroute.h",
	"linux/mroute6.h",
	"linux/ppp-ioctl.h",
	// Netlink: rtnetlink and its attribute families, generic netlink and its families,
	// socket diagnostics, netfilter, audit, the connector, xfrm.
	"linux/if_addr.h",
	"linux/if_link.h",
	"linux/neighbour.h",
	"linux/rtnetlink.h",
	"linux/fib_rules.h",
	"linux/nexthop.h",
	"linux/lwtunnel.h",
	"linux/mpls_iptunnel.h",
	"linux/if_addrlabel.h",
	"linux/net_namespace.h",
	"linux/netconf.h",
	"linux/pkt_sched.h",
	"linux/pkt_cls.h",
	"linux/genetlink.h",
	"linux/sock_diag.h",
	"linux/inet_diag.h",
	"linux/unix_diag.h",
	"linux/packet_diag.h",
	"linux/netlink_diag.h",
	"linux/netfilter.h",
	"linux/netfilter/nfnetlink.h",
	"linux/netfilter/nfnetlink_compat.h", // NF_NETLINK_CONNTRACK_* groups, NFNL_NFA_NEST, struct nfattr
	"linux/netfilter/nf_tables.h",
	"linux/netfilter/nfnetlink_conntrack.h",
	"linux/netfilter/nfnetlink_queue.h",
	"linux/netfilter/nfnetlink_log.h",
	"linux/netfilter/nf_tables_compat.h",
	"linux/netfilter/nf_conntrack_common.h",
	"linux/netfilter/nf_nat.h",
	"linux/netfilter/x_tables.h",
	"linux/netfilter_ipv4.h",
	"linux/netfilter_ipv6.h",
	"linux/tcp_metrics.h",
	"linux/audit.h",
	"linux/connector.h",
	"linux/cn_proc.h",
	"linux/xfrm.h",
	"linux/nl80211.h",
	"linux/ethtool.h",
	"linux/ethtool_netlink.h",
	"linux/ethtool_netlink_generated.h",
	"linux/devlink.h",
	"linux/taskstats.h",
	"linux/cgroupstats.h",
	"linux/cryptouser.h",
	"linux/wireguard.h",
	"linux/ncsi.h",
	"linux/nfc.h",
	// Terminals: termios, termios2, winsize, the B* speeds (asm/termbits.h, asm/termios.h).
	"linux/termios.h",
	"linux/serial.h",
	"linux/vt.h",
	"linux/kd.h",
	// Block devices, files, file systems.
	"linux/loop.h",
	"linux/blkpg.h",
	"linux/blktrace_api.h",
	"linux/auto_fs.h",
	"linux/hdreg.h",
	"linux/fiemap.h",
	"linux/fscrypt.h",
	"linux/fsverity.h",
	"linux/magic.h",
	"linux/dm-ioctl.h",
	"mtd/mtd-abi.h",
	"mtd/ubi-user.h",
	// Credentials, executables.
	"linux/securebits.h",
	"linux/elf-em.h",
	"linux/elf.h",
	// Devices.
	"linux/rtc.h",
	"linux/watchdog.h",
	"linux/input.h",
	"linux/input-event-codes.h",
	"linux/uinput.h",
	"linux/hid.h", // HID_MAX_DESCRIPTOR_SIZE, the report types of hidraw's requests
	"linux/hidraw.h",
	"linux/gpio.h",
	"linux/i2c.h",
	"linux/i2c-dev.h",
	"linux/spi/spi.h",
	"linux/spi/spidev.h",
	"linux/ptp_clock.h",
	"linux/pps.h",
	"linux/hdlc/ioctl.h",
	"linux/ipmi.h",
	"linux/mei.h",
}

// FamilyArchHeaders are included after FamilyHeaders on the arches listed: KVM exists on
// every Go arch but arm (arch/arm has no asm/kvm.h).
var FamilyArchHeaders = func() map[string][]string {
	m := map[string][]string{}
	for _, a := range []string{"amd64", "386", "arm64", "riscv64", "ppc64", "ppc64le", "s390x",
		"mips", "mipsle", "mips64", "mips64le", "loong64"} {
		m[a] = []string{"linux/kvm.h"}
	}
	return m
}()

// StructHeaders are the headers whose every complete struct and union (with a tag, or a
// typedef name) gets a Go type on each arch that declares it, with the asm/ and asm-generic/
// headers they include: the families above, and the families of Headers that issue 14
// names (netlink, packet sockets, TCP with tcp_info, the inet addresses, vsock, capabilities,
// keys, ptrace with each arch's register sets, kcmp, namespaces, pidfds, random, files).
var StructHeaders = append([]string{
	"linux/netlink.h", "linux/if_packet.h", "linux/tcp.h", "linux/in.h", "linux/in6.h",
	"linux/vm_sockets.h", "linux/capability.h", "linux/keyctl.h", "linux/ptrace.h",
	"linux/kcmp.h", "linux/nsfs.h", "linux/pidfd.h", "linux/random.h", "linux/fs.h",
}, append(FamilyHeaders, "linux/kvm.h")...)

// SkipStructs are records of StructHeaders that get no Go type, and why.
var SkipStructs = map[string]string{}

// SameStructs are C records that are another record under a second name: a field of the
// first type gets the second's Go type. The generator checks that the two agree in size,
// alignment and every field's offset on every arch.
var SameStructs = map[string]string{
	// linux/time.h's struct timeval (input_event, ppdev...) is __kernel_old_timeval (Timeval).
	"struct timeval": "struct __kernel_old_timeval",
	// and its struct timespec (scm_timestamping) is __kernel_old_timespec (OldTimespec).
	"struct timespec": "struct __kernel_old_timespec",
}

// An IoctlLegacy is a header whose requests are also plain numbers (the ones older than
// the _IOC encoding, or written out by hand): a constant it declares whose value is 0xTTNN,
// with TT one of Types (the ioctl type the header's requests use, as
// Documentation/userspace-api/ioctl/ioctl-number.rst lists them), is a request.
type IoctlLegacy struct {
	Header string
	Types  []byte
}

// IoctlLegacyHeaders are the headers with plain-number requests. Every other request is
// recognised by its definition (an _IOC encoding, through _IO, _IOR, _IOW, _IOWR or any
// macro made of them).
var IoctlLegacyHeaders = []IoctlLegacy{
	{"asm/ioctls.h", []byte{'T', 't', 'f', 'F'}}, // TCGETS, TIOC*, FIO* (mips: 't', 'f', 'F')
	{"asm/sockios.h", []byte{0x89}},              // FIOSETOWN, SIOCSPGRP, SIOCGSTAMP_OLD...
	{"linux/sockios.h", []byte{0x89}},            // SIOC*
	{"linux/loop.h", []byte{'L'}},                // LOOP_*
	{"linux/kd.h", []byte{'K'}},                  // KD*, GIO_*, PIO_*, KIOCSOUND
	{"linux/vt.h", []byte{'V'}},                  // VT_*
	{"linux/i2c-dev.h", []byte{0x07}},            // I2C_SLAVE, I2C_RDWR...
	{"linux/hdreg.h", []byte{0x03}},              // HDIO_*
}

// NotRequests are names whose definition makes them look like requests on some arch but
// that are not requests where they mean what they mean everywhere, and why.
var NotRequests = map[string]string{
	"TCSANOW":   "tcsetattr's actions 0, 1, 2; mips' asm/termbits.h defines them as TCSETS, TCSETSW, TCSETSF",
	"TCSADRAIN": "as TCSANOW",
	"TCSAFLUSH": "as TCSANOW",
}

// PtraceRegs names, per arch, the C struct that is the arch's general-purpose register
// set as ptrace reads and writes it: what PTRACE_GETREGS fills, or PTRACE_GETREGSET with
// NT_PRSTATUS on the arches without PTRACE_GETREGS (arm64, riscv64, loong64, s390x). Its Go
// name is PtraceRegs on every arch (x86's user_regs_struct is not in the UAPI headers: the
// generator takes it from the kernel's asm/user_64.h and asm/user_32.h).
var PtraceRegs = map[string]string{
	"amd64": "rl_user_regs_struct", "386": "rl_user_regs_struct",
	"arm": "pt_regs", "arm64": "user_pt_regs", "riscv64": "user_regs_struct",
	"ppc64": "pt_regs", "ppc64le": "pt_regs", "s390x": "s390_regs",
	"mips": "pt_regs", "mipsle": "pt_regs", "mips64": "pt_regs", "mips64le": "pt_regs",
	"loong64": "user_pt_regs",
}

// init adds PtraceRegs to ArchRenames (each arch its own map: the 32-bit arches share
// theirs).
func init() {
	for a, tag := range PtraceRegs {
		m := map[string]string{tag: "PtraceRegs"}
		for k, v := range ArchRenames[a] {
			m[k] = v
		}
		ArchRenames[a] = m
	}
}

// AllHeaders are the headers of arch goarch's translation unit, in include order.
func AllHeaders(goarch string) []string {
	var hs []string
	hs = append(hs, Headers...)
	hs = append(hs, ArchHeaders[goarch]...)
	hs = append(hs, FamilyHeaders...)
	hs = append(hs, FamilyArchHeaders[goarch]...)
	return hs
}
