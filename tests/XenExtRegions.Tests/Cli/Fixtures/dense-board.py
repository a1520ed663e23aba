#!/usr/bin/env python3
# Writes dense-board.dts (run it in this folder): a made-up board with 119 device reg windows, for the SVG tests
# and docs/images/dom0-iommu-dense-example.svg. Not a real SoC; nothing copied from any vendor tree.
out = []
w = out.append
w("/dts-v1/;")
w("")
w("// A made-up SoC, dense on purpose: one packed peripheral block, then small device clusters spread over the")
w("// 40-bit address space so that an IOMMU Dom0 gets about 30 extended regions. Used for the dense SVG example.")
w("/ {")
w('\tcompatible = "example,dense-soc";')
w("\t#address-cells = <2>;")
w("\t#size-cells = <2>;")
w("")
w("\tmemory@80000000 {")
w('\t\tdevice_type = "memory";')
w("\t\treg = <0x0 0x80000000 0x0 0x80000000>, <0x8 0x80000000 0x1 0x80000000>;")
w("\t};")
w("")
w("\treserved-memory {")
w("\t\t#address-cells = <2>;")
w("\t\t#size-cells = <2>;")
w("\t\tranges;")
for i in range(4):
    a = 0x9e000000 + i * 0x400000
    w(f"\t\tfirmware@{a:x} {{")
    w(f"\t\t\treg = <0x0 0x{a:x} 0x0 0x400000>;")
    w("\t\t\tno-map;")
    w("\t\t};")
w("\t};")
w("")
w("\tsoc {")
w('\t\tcompatible = "simple-bus";')
w("\t\t#address-cells = <2>;")
w("\t\t#size-cells = <2>;")
w("\t\tranges;")
n = 0
def dev(name, addr, size, indent="\t\t"):
    global n
    n += 1
    w(f"{indent}{name}@{addr:x} {{")
    w(f'{indent}\tcompatible = "example,{name}";')
    w(f"{indent}\treg = <0x{addr >> 32:x} 0x{addr & 0xffffffff:x} 0x0 0x{size:x}>;")
    w(f"{indent}}};")
# A packed peripheral block at 0x0100_0000: 64 windows of 4 KiB, 64 KiB apart.
kinds = ["uart", "i2c", "spi", "gpio", "timer", "pwm", "watchdog", "mailbox"]
for i in range(64):
    dev(kinds[i % len(kinds)], 0x01000000 + i * 0x10000, 0x1000)
# Clusters of two windows in the low 2 GiB (DMA engines, IOMMUs), 256 MiB apart.
for c in range(1, 8):
    base = c * 0x10000000
    if 0x78000000 <= base < 0x80000000:
        continue
    dev("dma-controller", base, 0x10000)
    dev("iommu", base + 0x100000, 0x10000)
# Clusters of two above RAM, 16 GiB apart.
c = 0
addr = 0x1000000000
while n < 119:
    dev("accelerator", addr, 0x1000000)
    if n < 119:
        dev("accelerator-regs", addr + 0x2000000, 0x100000)
    addr += 0x400000000
w("\t};")
w("")
w("\tpcie@7f00000000 {")
w('\t\tcompatible = "example,pcie-host";')
w('\t\tdevice_type = "pci";')
w("\t\t#address-cells = <3>;")
w("\t\t#size-cells = <2>;")
w("\t\treg = <0x7f 0x0 0x0 0x10000000>;")
w("\t\tranges = <0x01000000 0x0 0x0 0x7f 0x10000000 0x0 0x100000>,")
w("\t\t         <0x02000000 0x0 0x20000000 0x7f 0x20000000 0x0 0x20000000>,")
w("\t\t         <0x43000000 0x80 0x0 0x80 0x0 0x10 0x0>;")
w("\t};")
w("};")
open("dense-board.dts", "w").write("\n".join(out) + "\n")
print(n, "windows")
