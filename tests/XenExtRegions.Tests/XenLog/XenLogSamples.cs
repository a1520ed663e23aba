using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// Synthetic boot logs in Xen's own wording, checked against the printk calls of RELEASE-4.16.0 … RELEASE-4.22.0
/// (domain_build.c, dom0less-build.c, bootfdt.c, setup.c, iommu.c, console.c), and in the order start_xen prints
/// them: create_dom0 first, then create_domUs in /chosen order.
/// </summary>
internal static class XenLogSamples
{
    /// <summary>4.17: Dom0 (1:1, IOMMU off) then d1 (xen,enhanced: regions) and d2 (no /hypervisor node: no region line).</summary>
    public static readonly string[] Xen417Dom0AndTwoDomUs =
    [
        "Checking for initrd in /chosen",
        "RAM: 0000000040000000 - 00000000bfffffff",
        "",
        "MODULE[0]: 0000000040200000 - 0000000040400000 Xen         ",
        "MODULE[1]: 0000000048000000 - 0000000048010000 Device Tree ",
        "MODULE[2]: 0000000049000000 - 000000004a000000 Kernel      ",
        "MODULE[3]: 000000004b000000 - 000000004c000000 Kernel      ",
        " RESVD[0]: 0000000090000000 - 0000000094000000",
        " RESVD[1]: 00000000a0000000 - 00000000a0ffffff",
        "",
        "CMDLINE[0000000049000000]:chosen console=hvc0 earlycon=xen",
        "",
        "Command line: console=dtuart dom0_mem=512M loglvl=all",
        "Domain heap initialised",
        "Booting using Device Tree",
        "Platform: Generic System",
        "Xen version 4.17.7 (pkg-xen-devel@lists.alioth.debian.org) (aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0) debug=n Mon Jul 29 12:00:00 UTC 2026",
        "Latest ChangeSet: ",
        "build-id: 5f0c0e0a1b2c3d4e5f60718293a4b5c6d7e8f901",
        "P2M: 40-bit IPA with 40-bit PA and 8-bit VMID",
        "P2M: 3 levels with order-1 root, VTCR 0x0000000080023558",
        "I/O virtualisation disabled",
        "*** LOADING DOMAIN 0 ***",
        "Loading d0 kernel from boot module @ 0000000049000000",
        "Allocating 1:1 mappings totalling 512MB for dom0:",
        "BANK[0] 0x00000060000000-0x00000080000000 (512MB)",
        "Grant table range: 0x00000040200000-0x00000040240000",
        "d0: extended region 0: 0x40400000->0x48000000",
        "d0: extended region 1: 0x80000000->0x90000000",
        "d0: extended region 2: 0x94000000->0xa0000000",
        "Loading zImage from 0000000049000000 to 0000000060000000-0000000061000000",
        "Loading d0 DTB to 0x0000000068000000-0x0000000068002000",
        "*** LOADING DOMU cpus=1 memory=40000KB ***",
        "Loading d1 kernel from boot module @ 000000004b000000",
        "Allocating mappings totalling 256MB for d1:",
        "d1 BANK[0] 0x00000040000000-0x00000050000000 (256MB)",
        "d1: extended region 0: 0x50000000->0x100000000",
        "d1: extended region 1: 0x200000000->0x10000000000",
        "Loading d1 DTB to 0x0000000048000000-0x0000000048001234",
        "*** LOADING DOMU cpus=1 memory=20000KB ***",
        "Loading d2 kernel from boot module @ 000000004b000000",
        "Allocating mappings totalling 128MB for d2:",
        "d2 BANK[0] 0x00000040000000-0x00000048000000 (128MB)",
        "Loading d2 DTB to 0x0000000048000000-0x0000000048001000",
        "Initial low memory virq threshold set at 0x4000 pages.",
        "Std. Loglevel: All",
        "*** Serial input to DOM0 (type 'CTRL-a' three times to switch input)",
        "Freed 356kB init memory.",
    ];

    /// <summary>
    /// 4.20 with IOMMU: Dom0's P2 fails on an untranslatable node, ext_regions on; the grant table comes before the
    /// Allocating line (find_gnttab_region moved ahead of allocate_memory_11 in 4.20).
    /// </summary>
    public static readonly string[] Xen420IommuFailure =
    [
        "Xen version 4.20.5-pre (Debian 4.20.4+39-g1234567-1) (aarch64-linux-gnu-gcc (Debian 14.2.0-19) 14.2.0) debug=n Tue Jul 29 2026",
        "Command line: console=dtuart dom0_mem=1G iommu=on",
        "P2M: 44-bit IPA with 44-bit PA and 16-bit VMID",
        "I/O virtualisation enabled",
        "*** LOADING DOMAIN 0 ***",
        "Loading d0 kernel from boot module @ 0000000080080000",
        "Grant table range: 0x00000080200000-0x00000080240000",
        "Allocating 1:1 mappings totalling 1024MB for dom0:",
        "BANK[0] 0x000000c0000000-0x00000100000000 (1024MB)",
        "Unable to retrieve address 0 for /bus@f4000/r5fss@78000000/r5f@78000000",
        "d0: failed to allocate extended regions",
        "*** LOADING DOMU cpus=2 memory=0x80000KB ***",
        "Loading d1 kernel from boot module @ 0000000090000000",
        "Allocating mappings totalling 512MB for d1:",
        "d1 BANK[0] 0x00000040000000-0x00000060000000 (512MB)",
        "d1: extended regions support is disabled",
        "Freed 640kB init memory.",
    ];

    /// <summary>Formats lines as a console does: <paramref name="prefix"/> before each, joined by <paramref name="newline"/>.</summary>
    public static string Render(IEnumerable<string> lines, string prefix = "(XEN) ", string newline = "\n") =>
        string.Join(newline, lines.Select(l => prefix + l)) + newline;

    /// <summary>Xen's boot timestamps (console_timestamps=boot): <c>(XEN) [    1.234567] message</c>.</summary>
    public static string RenderWithXenTimestamps(IEnumerable<string> lines) =>
        string.Concat(lines.Select((l, i) => FormattableString.Invariant($"(XEN) [{i / 1000.0,12:0.000000}] {l}\n")));

    /// <summary>A capture tool's timestamp before Xen's prefix, CRLF line ends and ANSI colours around some words.</summary>
    public static string RenderAsCaptured(IEnumerable<string> lines) =>
        string.Concat(lines.Select((l, i) => FormattableString.Invariant($"[2026-07-29 12:00:{i % 60:00}.{i:000}] \u001b[0;32m(XEN)\u001b[0m {l}\r\n")));

    /// <summary>
    /// Xen's console ring as dumped from RAM: NUL padding before it, the first line cut in the middle, the text, and
    /// the unused rest of the ring (NULs and stale bytes after a NUL).
    /// </summary>
    public static string RenderAsRingDump(IReadOnlyList<string> lines)
    {
        var sb = new StringBuilder();
        sb.Append('\0', 64);
        sb.Append("0000000 - 00000000bfffffff\n"); // the cut-off tail of an older line
        foreach (string l in lines)
        {
            sb.Append("(XEN) ").Append(l).Append('\n');
        }

        sb.Append('\0', 512);
        sb.Append("BANK[0] 0x00000010000000-0x00000020000000 (256MB)"); // stale tail of the ring, not a line of this boot
        sb.Append('\0', 128);
        return sb.ToString();
    }
}
