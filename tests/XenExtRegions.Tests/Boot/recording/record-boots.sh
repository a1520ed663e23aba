#!/usr/bin/env bash
# Records real Xen on Arm boot logs under QEMU, as test fixtures for the log parser and the `boot` command.
# Optional and NOT run in CI: CI replays the committed fixtures in ../Fixtures/real/<xen>-<case>/.
#
# What it does, step by step (each step is a function below):
#   1. download: fetch Debian's arm64 Xen 4.17 (bookworm) and 4.20 (trixie) hypervisors and an arm64 Linux kernel
#      with a PRIVATE apt configuration under $WORK (the machine's own apt setup is not touched), extract them.
#   2. base_tree: dump QEMU's own virt tree (devices, GIC, timer, UART, PCIe) with dumpdtb, decompile it, and drop
#      /memory, /chosen and the per-run random seeds: every case adds its own RAM banks, /memreserve/,
#      /reserved-memory and /chosen (Xen command line, boot modules, dom0less domains) to that base.
#   3. per case: write host.dts, compile host.dtb, write a 12-instruction stub (x0 = DTB address, x1..x3 = 0,
#      branch to Xen), and start QEMU WITHOUT -kernel: Xen, the DTB, the kernels and the stub are placed with
#      `-device loader`, and the stub's loader sets CPU 0's PC (cpu-num=0). The CPU starts in EL2
#      (virtualization=on, no firmware), so Xen gets exactly our tree (with -kernel QEMU would rewrite /memory).
#   4. drive.py watches the serial log; ~1 s after Xen prints "Freed ...kB init memory" (every domain is built by
#      then, extended regions included) it stops the VM, dumps the top of every RAM bank with the monitor's
#      pmemsave, and quits. Release builds of Xen print RAM/MODULE/RESVD/"Command line" before the serial console
#      is up; those lines are only in Xen's console ring, found in the dump by its banner (ring.log).
#   5. writes the fixture: host.dts, host.dtb, serial.log (raw bytes as the UART printed them, CRLF), ring.log
#      (the ring's text, NULs stripped), case.json.
#
# Usage: record-boots.sh [case-name ...]     (no argument: every case; names as in the CASES list at the end)
#   WORK=/tmp/xen-record (downloads, scratch)   OUT=../Fixtures/real (where fixtures go)
# Needs: qemu-system-aarch64 (recorded with 7.2), dtc, python3, apt-get, dpkg-deb.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/xen-record}
OUT=${OUT:-$HERE/../Fixtures/real}
mkdir -p "$WORK"

# Guest-physical load addresses. QEMU virt RAM starts at 0x40000000; every layout below describes RAM there, and
# Xen, the DTB and the kernels sit inside the first bank (Xen keeps boot modules out of the domains' memory).
STUB_ADDR=0x47f00000
XEN_ADDR=0x48000000
DTB_ADDR=0x4a000000
DOM0_KERNEL_ADDR=0x4c000000
DOMU_KERNEL_ADDRS=(0x50000000 0x54000000 0x58000000)

XEN_417_PKG=xen-hypervisor-4.17-arm64
XEN_420_PKG=xen-hypervisor-4.20-arm64
KERNEL_PKG=linux-image-6.1.0-50-cloud-arm64-unsigned   # bookworm; any arm64 Image works, Dom0 is stopped early
KERNEL32_PKG=linux-image-6.1.0-50-armmp-lpae           # bookworm armhf zImage, for a 32-bit dom0less domU

download() {
    local apt="$WORK/apt" root="$WORK/root"
    [ -e "$root/.done" ] && return 0
    mkdir -p "$apt"/{state/lists/partial,cache/archives/partial} "$WORK/deb" "$root"
    cat > "$apt/sources.list" <<EOF
deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
EOF
    : > "$apt/state/status"
    APT_OPTS=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=/nonexistent
        -o Dir::State="$apt/state" -o Dir::State::status="$apt/state/status" -o Dir::Cache="$apt/cache"
        -o APT::Architecture=arm64 -o APT::Architectures=arm64 -o Debug::NoLocking=1)
    apt-get "${APT_OPTS[@]}" update
    (cd "$WORK/deb" && apt-get "${APT_OPTS[@]}" download "$XEN_417_PKG" "$XEN_420_PKG" "$KERNEL_PKG")
    for deb in "$WORK"/deb/*.deb; do dpkg-deb -x "$deb" "$root"; done
    # The armhf kernel: a second private configuration (one architecture each); only its /boot is extracted.
    sed 's/arch=arm64/arch=armhf/; /trixie/d' "$apt/sources.list" > "$apt/sources-armhf.list"
    mkdir -p "$apt"/armhf/{state/lists/partial,cache/archives/partial} "$WORK/deb-armhf" "$WORK/root-armhf"
    : > "$apt/armhf/state/status"
    APT_OPTS=(-o Dir::Etc::sourcelist="$apt/sources-armhf.list" -o Dir::Etc::sourceparts=/nonexistent
        -o Dir::State="$apt/armhf/state" -o Dir::State::status="$apt/armhf/state/status"
        -o Dir::Cache="$apt/armhf/cache" -o APT::Architecture=armhf -o APT::Architectures=armhf -o Debug::NoLocking=1)
    apt-get "${APT_OPTS[@]}" update
    (cd "$WORK/deb-armhf" && apt-get "${APT_OPTS[@]}" download "$KERNEL32_PKG")
    dpkg-deb --fsys-tarfile "$WORK"/deb-armhf/*.deb | tar -x -C "$WORK/root-armhf" ./boot
    touch "$root/.done"
}

xen_image() { echo "$WORK/root/boot/xen-$1-arm64"; }          # an arm64 Image (MZ header), raw-loadable
kernel_image() { ls "$WORK"/root/boot/vmlinuz-* | head -n1; }  # arm64 Image, uncompressed in this package
kernel32_image() { ls "$WORK"/root-armhf/boot/vmlinuz-* | head -n1; }  # arm zImage (magic 0x016f2818 at 0x24)

# QEMU's tree minus /memory, /chosen and the random seeds, without the root node's closing "};".
base_tree() {
    [ -e "$WORK/base.dtsi" ] && return 0
    qemu-system-aarch64 -machine virt,virtualization=on,gic-version=3,dumpdtb="$WORK/virt.dtb" \
        -cpu cortex-a57 -smp 2 -m 8G -nographic
    dtc -q -I dtb -O dts -o "$WORK/virt.dts" "$WORK/virt.dtb"
    python3 - "$WORK/virt.dts" "$WORK/base.dtsi" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'\n\tmemory@40000000 \{.*?\n\t\};', '', s, flags=re.S)
s = re.sub(r'\n\tchosen \{.*?\n\t\};', '', s, flags=re.S)
s = s.rstrip()
assert s.endswith('};'), 'unexpected end of QEMU tree'
open(sys.argv[2], 'w').write(s[:-2].rstrip() + '\n')
EOF
}

# stub.bin: movz/movk x0 = DTB; x1 = x2 = x3 = 0; movz/movk x4 = Xen entry; br x4 (Linux arm64 boot protocol).
write_stub() {
    python3 - "$1" "$DTB_ADDR" "$XEN_ADDR" <<'EOF'
import struct, sys
def mov64(rd, v):
    ins = [0xD2800000 | ((v & 0xffff) << 5) | rd]                                   # movz xRd, #v[15:0]
    ins += [0xF2800000 | (hw << 21) | (((v >> (16 * hw)) & 0xffff) << 5) | rd for hw in (1, 2, 3)]  # movk
    return ins
code = mov64(0, int(sys.argv[2], 0)) + [0xAA1F03E1, 0xAA1F03E2, 0xAA1F03E3]        # mov x1..x3, xzr
code += mov64(4, int(sys.argv[3], 0)) + [0xD61F0080]                                # br x4
open(sys.argv[1], 'wb').write(b''.join(struct.pack('<I', i) for i in code))
EOF
}

hexsize() { printf '0x%x' "$(stat -c %s "$1")"; }

# Case description, set by each case function before calling `record`:
#   VER (4.17|4.20)  NAME  EXPECT (one sentence)  QEMU_MEM (-m)  MEMORY (DTS memory node(s))
#   MEMRESERVE (DTS /memreserve/ lines)  RESMEM (DTS /reserved-memory node)  XEN_EXTRA (added to Xen's command line)
#   DOMUS (DTS dom0less nodes under /chosen; @DOMU_KERNEL_n@ (load address of domU kernel n), @KERNEL_SIZE_n@
#   (size of DOMU_FILES[n]) and @KERNEL_SIZE@ (size of the arm64 kernel) are substituted)  DOMU_FILES (kernel files)
#   DEVICES (DTS nodes added at the root)  AMEND (top-level DTS amending existing nodes)  EXTRA_LOADERS (more -device loader arguments)
reset_case() {
    DOMU_FILES=("$(kernel_image)" "$(kernel_image)" "$(kernel_image)")
    VER= NAME= EXPECT= QEMU_MEM=8G MEMRESERVE= RESMEM= XEN_EXTRA= DOMUS= DEVICES= AMEND= EXTRA_LOADERS=()
    DOM0_MEM=512M
    MEMORY='	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x40000000>,
		      <0x0 0xa0000000 0x0 0x20000000>,
		      <0x1 0x00000000 0x0 0x80000000>;
	};'
}

write_dts() {
    local ksize; ksize=$(hexsize "$(kernel_image)")
    BOOTARGS="console=dtuart dtuart=/pl011@9000000 dom0_mem=$DOM0_MEM loglvl=all guest_loglvl=all${XEN_EXTRA:+ $XEN_EXTRA}"
    local domus=$DOMUS i
    for i in 0 1 2; do
        domus=${domus//@DOMU_KERNEL_$i@/$(printf '0x%x' "${DOMU_KERNEL_ADDRS[$i]}")}
        domus=${domus//@KERNEL_SIZE_$i@/$(hexsize "${DOMU_FILES[$i]}")}
    done
    domus=${domus//@KERNEL_SIZE@/$ksize}
    {
        echo '/dts-v1/;'
        if [ -n "$MEMRESERVE" ]; then echo "$MEMRESERVE"; fi
        tail -n +2 "$WORK/base.dtsi"
        echo
        echo "$MEMORY"
        if [ -n "$RESMEM" ]; then echo; echo "$RESMEM"; fi
        if [ -n "$DEVICES" ]; then echo; echo "$DEVICES"; fi
        cat <<EOF

	chosen {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		stdout-path = "/pl011@9000000";
		xen,xen-bootargs = "$BOOTARGS";
		xen,dom0-bootargs = "console=hvc0 earlycon=xen rdinit=/bin/sh";

		module@${DOM0_KERNEL_ADDR#0x} {
			compatible = "multiboot,kernel", "multiboot,module";
			reg = <0x0 $DOM0_KERNEL_ADDR 0x0 $ksize>;
		};
EOF
        if [ -n "$domus" ]; then echo; echo "$domus"; fi
        echo '	};'
        echo '};'
        if [ -n "$AMEND" ]; then echo; echo "$AMEND"; fi
    } > "$1"
}

# Every /memory reg tuple of host.dts as an "addr+size" list for drive.py, which looks there for Xen's console ring.
ring_windows() {
    python3 - "$1" <<'EOF'
import re, sys
src = open(sys.argv[1]).read()
out = []
for node in re.findall(r'memory@[0-9a-f]+ \{(.*?)\};', src, flags=re.S):
    cells = [int(c, 16) for c in re.findall(r'0x[0-9a-f]+', re.search(r'reg = (.*?);', node, re.S).group(1))]
    for i in range(0, len(cells), 4):
        base, size = cells[i] << 32 | cells[i + 1], cells[i + 2] << 32 | cells[i + 3]
        out.append('0x%x+0x%x' % (base, size))
print(','.join(out))
EOF
}

record() {
    local dir="$OUT/$VER-$NAME" scratch="$WORK/run/$VER-$NAME"
    rm -rf "$scratch"; mkdir -p "$scratch" "$dir"
    write_dts "$dir/host.dts"
    dtc -q -I dts -O dtb -o "$dir/host.dtb" "$dir/host.dts"
    write_stub "$scratch/stub.bin"
    local xen; xen=$(xen_image "$VER")
    local kernel; kernel=$(kernel_image)
    local loaders=(-device "loader,file=$xen,addr=$XEN_ADDR,force-raw=on"
        -device "loader,file=$dir/host.dtb,addr=$DTB_ADDR,force-raw=on"
        -device "loader,file=$kernel,addr=$DOM0_KERNEL_ADDR,force-raw=on")
    local i
    for i in 0 1 2; do
        if grep -q "@DOMU_KERNEL_$i@" <<<"$DOMUS"; then
            loaders+=(-device "loader,file=${DOMU_FILES[$i]},addr=${DOMU_KERNEL_ADDRS[$i]},force-raw=on")
        fi
    done
    loaders+=("${EXTRA_LOADERS[@]}" -device "loader,file=$scratch/stub.bin,addr=$STUB_ADDR,force-raw=on,cpu-num=0")
    local qemu=(qemu-system-aarch64 -machine virt,virtualization=on,gic-version=3 -cpu cortex-a57 -smp 2
        -m "$QEMU_MEM" -display none "${loaders[@]}")
    python3 "$HERE/drive.py" "$scratch" 'Freed ' 240 "$(ring_windows "$dir/host.dts")" -- "${qemu[@]}"
    cp "$scratch/serial.log" "$dir/serial.log"
    python3 "$HERE/extract-ring.py" "$scratch" "$dir/serial.log" "$dir/ring.log" || rm -f "$dir/ring.log"
    [ -n "${KEEP_DUMPS:-}" ] || rm -f "$scratch"/mem-*.bin
    local shown="${qemu[*]} -serial file:serial.log -monitor unix:mon.sock,server=on,wait=off"
    shown=${shown//$dir\//}; shown=${shown//$scratch\//}; shown=${shown//$WORK\/root\/boot\//}; shown=${shown//$WORK\/root-armhf\/boot\//}
    python3 - "$dir" "$shown" "$BOOTARGS" "$EXPECT" <<'EOF'
import json, re, subprocess, sys
d, command, bootargs, expect = sys.argv[1:]
banner = re.search(rb'Xen version (.*?) \(pkg-xen', open(d + '/serial.log', 'rb').read())
qemu = subprocess.run(['qemu-system-aarch64', '--version'], capture_output=True, text=True).stdout.split('\n')[0]
case = {'xen': banner.group(1).decode() if banner else 'unknown (no banner)',
        'qemu': qemu.replace('QEMU emulator version ', ''),
        'command': command, 'bootargs': bootargs, 'expect': expect,
        'stopped': 'about 1 s after Xen printed "Freed ...kB init memory" (every domain built); Dom0 output after that is not recorded'}
json.dump(case, open(d + '/case.json', 'w'), indent=2); open(d + '/case.json', 'a').write('\n')
EOF
    echo "== $VER-$NAME"; grep -a -E 'extended region|I/O virt' "$dir/serial.log" | tr -d '\r' || true
}

# ---------------------------------------------------------------------------------------------------------------
# Cases. Each sets the variables of reset_case for one Xen version ($1) and calls record.

case_p1_3banks() { reset_case; VER=$1 NAME=p1-3banks
    EXPECT='Dom0 (512 MiB, direct-mapped), IOMMU off: regions are the host RAM of three banks that Dom0 does not get, minus Xen and the grant-table window'
    record; }

case_ext_regions_off() { reset_case; VER=$1 NAME=ext-regions-off XEN_EXTRA='ext_regions=0'
    EXPECT='ext_regions=0 on the Xen command line: "d0: extended regions support is disabled", no region'
    record; }

case_memreserve() { reset_case; VER=$1 NAME=memreserve
    MEMRESERVE='/memreserve/ 0x90000000 0x4000000;'
    MEMORY='	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x80000000>,
		      <0x1 0x00000000 0x0 0x40000000>;
	};'
    EXPECT='a 64 MiB /memreserve/ entry at 0x90000000 inside RAM: 4.17 prints it as RESVD but does not cut it out of Dom0 regions, 4.20 does'
    record; }

case_reserved_memory() { reset_case; VER=$1 NAME=reserved-memory
    RESMEM='	reserved-memory {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		ranges;

		carveout@70000000 {
			reg = <0x0 0x70000000 0x0 0x1000000>;
			no-map;
		};
		shmem@a8100000 {
			compatible = "shared-dma-pool";
			reg = <0x0 0xa8100000 0x0 0x100000>;
		};
		pool {
			compatible = "shared-dma-pool";
			size = <0x0 0x400000>;
			reusable;
		};
		fw@140000000 {
			reg = <0x1 0x40000000 0x0 0x200000>, <0x1 0x50000000 0x0 0x10000>;
		};
	};'
    EXPECT='/reserved-memory children (16 MiB no-map, 1 MiB pool, a size-only pool Xen ignores, a node with two reg tuples) are cut out of the Dom0 regions'
    record; }

case_p1_odd_banks() { reset_case; VER=$1 NAME=p1-odd-banks
    MEMORY='	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x40000000>;
	};

	memory@c0000000 {
		device_type = "memory";
		reg = <0x0 0xc0000000 0x0 0x4000000>;
	};

	memory@100000000 {
		device_type = "memory";
		reg = <0x1 0x00000000 0x0 0x3f0f0000>;
	};'
    EXPECT='three /memory nodes: a bank of exactly 64 MiB (0xc0000000) and a bank whose end is not 2 MiB aligned (0x13f0f0000); 4.20 drops the exact-64 MiB gap that 4.17 keeps and shortens regions by 2 MiB'
    record; }

case_dom0_2g() { reset_case; VER=$1 NAME=dom0-2g DOM0_MEM=2G
    MEMORY='	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x40000000>,
		      <0x0 0x90000000 0x0 0x30000000>,
		      <0x1 0x00000000 0x0 0x80000000>;
	};'
    EXPECT='dom0_mem=2G over three banks: Dom0 gets several BANK[n] lines; regions are the rest of host RAM'
    record; }

DOMU_ENHANCED='		domU1 {
			compatible = "xen,domain";
			#address-cells = <0x2>;
			#size-cells = <0x2>;
			memory = <0x0 0x40000>;
			cpus = <0x1>;
			xen,enhanced = "enabled";

			module@@DOMU_KERNEL_0@ {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 @DOMU_KERNEL_0@ 0x0 @KERNEL_SIZE@>;
				bootargs = "console=ttyAMA0";
			};
		};'

case_dom0less() { reset_case; VER=$1 NAME=dom0less QEMU_MEM=12G
    MEMORY='	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x80000000>,
		      <0x1 0x00000000 0x2 0x00000000>;
	};'
    DOMUS="$DOMU_ENHANCED"'

		domU2 {
			compatible = "xen,domain";
			#address-cells = <0x2>;
			#size-cells = <0x2>;
			memory = <0x0 0x100000>;
			cpus = <0x1>;

			module@@DOMU_KERNEL_1@ {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 @DOMU_KERNEL_1@ 0x0 @KERNEL_SIZE@>;
				bootargs = "console=ttyAMA0";
			};
		};

		domU3 {
			compatible = "xen,domain";
			#address-cells = <0x2>;
			#size-cells = <0x2>;
			memory = <0x0 0x380000>;
			cpus = <0x1>;
			xen,enhanced = "enabled";

			module@@DOMU_KERNEL_2@ {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 @DOMU_KERNEL_2@ 0x0 @KERNEL_SIZE@>;
				bootargs = "console=ttyAMA0";
			};
		};'
    EXPECT='Dom0 plus three dom0less domUs: d1 256 MiB with xen,enhanced (regions from the guest layout), d2 1 GiB without xen,enhanced (no hypervisor node, no region line), d3 3.5 GiB with xen,enhanced (guest RAM bank 1 used)'
    record; }

# IOMMU on (P2). Debian's Xen has the SMMUv1/v2 driver only and QEMU's virt machine emulates only SMMUv3, so the
# "SMMU" here is plain QEMU RAM that /memory does not describe, pre-filled with ID registers that pass the driver's
# probe (arm_smmu_device_cfg_probe): ID0 = stage-2 only, coherent walk, stream indexing with 16 stream IDs;
# ID1 = 4 KiB pages, 64 KiB register space, one context bank (one stage-2); ID2 = 40-bit IAS/OAS, 4 KiB granule.
# Registers read back what was written, and the TLB-sync status reads 0 (not busy), so the probe and reset finish.
# The 40-bit IAS makes Xen restrict the IPA size (p2m_restrict_ipa_bits), as a real MMU-500 would.
SMMU_ADDR=0x23ff00000
write_smmu_ids() {
    python3 - "$1" <<'EOF2'
import struct, sys
regs = bytearray(0x30)
struct.pack_into('<III', regs, 0x20,
                 (1 << 29) | (1 << 14) | (4 << 9),          # ID0: S2TS, CTTW, NUMSIDB = 4
                 (2 << 28) | (1 << 16) | 1,                 # ID1: NUMPAGENDXB = 2, NUMS2CB = 1, NUMCB = 1
                 (1 << 12) | (2 << 4) | 2)                  # ID2: PTFS_4K, OAS = 40 bits, IAS = 40 bits
open(sys.argv[1], 'wb').write(regs)
EOF2
}

case_iommu_setup() { reset_case; VER=$1 NAME=iommu
    write_smmu_ids "$WORK/smmu-ids.bin"
    EXTRA_LOADERS=(-device "loader,file=$WORK/smmu-ids.bin,addr=$SMMU_ADDR,force-raw=on")
    DEVICES='	iommu@23ff00000 {
		compatible = "arm,mmu-500", "arm,smmu-v2";
		reg = <0x2 0x3ff00000 0x0 0x10000>;
		#global-interrupts = <0x1>;
		interrupts = <0x0 0x64 0x4>, <0x0 0x65 0x4>;
		mmu-masters = <&{/virtio_mmio@a003e00} 0x1>;
	};'
    AMEND='&{/virtio_mmio@a003e00} {
	#stream-id-cells = <0x1>;
};'
}

case_iommu() { case_iommu_setup "$1"
    EXPECT='IOMMU on ("I/O virtualisation enabled", an MMU-500 with a 40-bit input size): Dom0 regions are the holes of the host device tree below 2^40, not unused RAM'
    record; }

case_resvd_in_gap() { reset_case; VER=$1 NAME=resvd-in-gap
    RESMEM='	reserved-memory {
		#address-cells = <0x2>;
		#size-cells = <0x2>;
		ranges;

		straddle@90000000 {
			reg = <0x0 0x90000000 0x0 0x18000000>;
			no-map;
		};
	};'
    EXPECT='a /reserved-memory child that starts in the RAM gap 0x80000000-0xa0000000 and ends inside the bank at 0xa0000000 (0x90000000-0xa8000000): how much of that bank Xen still offers'
    record; }

# The IOMMU case plus a device whose reg has size 0 (as bootloader-filled placeholders have): with the IOMMU on,
# Xen removes every device reg from the holes, this one as an inverted range.
case_iommu_zero_size() { case_iommu_setup "$1"; NAME=iommu-zero-size
    DEVICES="$DEVICES"'

	placeholder@88000000 {
		compatible = "vendor,placeholder";
		reg = <0x0 0x88000000 0x0 0x0>;
	};'
    EXPECT='IOMMU on as in the iommu case, plus a device node with a size-0 reg at 0x88000000 (inside the RAM gap 0x80000000-0xa0000000, a hole of its own): what Xen makes of the inverted range it removes'
    record; }

domu_node() { # name memory-KiB-hex enhanced(yes|no) kernel-index
    local enhanced=
    if [ "$3" = yes ]; then enhanced='
			xen,enhanced = "enabled";'; fi
    cat <<EOF
		$1 {
			compatible = "xen,domain";
			#address-cells = <0x2>;
			#size-cells = <0x2>;
			memory = <0x0 $2>;
			cpus = <0x1>;$enhanced

			module@@DOMU_KERNEL_$4@ {
				compatible = "multiboot,kernel", "multiboot,module";
				reg = <0x0 @DOMU_KERNEL_$4@ 0x0 @KERNEL_SIZE_$4@>;
				bootargs = "console=ttyAMA0";
			};
		};
EOF
}

case_dom0less_ext_regions_off() { reset_case; VER=$1 NAME=dom0less-ext-regions-off XEN_EXTRA='ext_regions=0'
    DOMUS=$(domu_node domU1 0x40000 yes 0)
    EXPECT='ext_regions=0 with a dom0less domU that has xen,enhanced: both d0 and d1 print "extended regions support is disabled"'
    record; }

case_dom0less_arm32() { reset_case; VER=$1 NAME=dom0less-arm32
    DOMU_FILES[1]=$(kernel32_image)
    DOMUS="$(domu_node domU1 0x40000 yes 0)

$(domu_node domU2 0x40000 yes 1)"
    EXPECT='two dom0less domUs with xen,enhanced, 256 MiB each: d1 a 64-bit kernel (regions), d2 a 32-bit arm zImage ("extended regions not supported for 32-bit guests")'
    record; }

case_dom0less_iommu() { case_iommu_setup "$1"; NAME=dom0less-iommu
    DOMUS="$(domu_node domU1 0x40000 yes 0)

$(domu_node domU2 0x100000 yes 1)"
    EXPECT='IOMMU on with two dom0less domUs (256 MiB and 1 GiB, both xen,enhanced): Dom0 regions from the host device-tree holes, domU regions from the guest layout as without IOMMU'
    record; }

CASES=(p1_3banks ext_regions_off memreserve reserved_memory p1_odd_banks dom0_2g dom0less iommu resvd_in_gap iommu_zero_size dom0less_ext_regions_off dom0less_arm32 dom0less_iommu)
VERSIONS=(4.17 4.20)

download
base_tree
want=("$@")
for c in "${CASES[@]}"; do
    for v in "${VERSIONS[@]}"; do
        if [ ${#want[@]} -eq 0 ] || printf '%s\n' "${want[@]}" | grep -qx -e "$c" -e "${c//_/-}" -e "$v-${c//_/-}"; then
            "case_$c" "$v"
        fi
    done
done
