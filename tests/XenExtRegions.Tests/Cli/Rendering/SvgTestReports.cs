using System.Collections.Generic;
using System.Globalization;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>
/// Reports made up for the SVG tests, denser than any real board we looked at: a packed block of device windows
/// (like a TI K3 main bus), then clusters of windows with an extended region in every hole between them, some of
/// the regions tiny next to the axis' big pieces, plus RAM, reserved memory, PCI apertures and long messages.
/// </summary>
internal static class SvgTestReports
{
    public static RegionReport Dense(string subject = "Dom0", int windows = 120, int regions = 30)
    {
        var map = new List<MapItem>
        {
            new(MapLayer.HostRam, 0x80000000, 0x80000000, "/memory@80000000"),
            new(MapLayer.HostRam, 0x880000000, 0x180000000, "/memory@80000000"),
            new(MapLayer.Reserved, 0x9e000000, 0x400000, "/reserved-memory/optee@9e000000"),
            new(MapLayer.Reserved, 0x9e400000, 0x100000, "/reserved-memory/r5f-dma-memory@9e400000"),
            new(MapLayer.Reserved, 0x9e500000, 0xf00000, "/reserved-memory/r5f-memory@9e500000"),
            new(MapLayer.DomainRam, 0xa0000000, 0x20000000, "BANK[0]"),
            new(MapLayer.GrantTable, 0xc0000000, 0x40000, "grant table (reg[0])"),
            new(MapLayer.PciAperture, 0x4000000000, 0x100000, "/bus@100000/pcie@2900000 #0"),
            new(MapLayer.PciAperture, 0x4010000000, 0x10000000, "/bus@100000/pcie@2900000 #1"),
        };

        // The packed block: every window 4 KiB, 64 KiB apart, far too close to draw apart.
        const int TightTail = 10;
        int packed = windows - (2 * (regions - TightTail));
        for (int i = 0; i < packed; i++)
        {
            ulong a = 0x100000 + ((ulong)i * 0x10000);
            map.Add(new MapItem(MapLayer.Mmio, a, 0x1000, string.Create(CultureInfo.InvariantCulture, $"/bus@100000/bus@28380000/peripheral-with-a-long-name@{a:x} #0")));
        }

        // Then clusters of two windows, each followed by a region, most of them the minimum 64 MiB; the last ten
        // regions follow each other 4 KiB apart, so their numbers crowd one another under the lane.
        var regs = new List<MemoryBank>();
        ulong cursor = 0x10000000;
        for (int c = 0; c < regions; c++)
        {
            if (c < regions - TightTail)
            {
                map.Add(new MapItem(MapLayer.Mmio, cursor, 0x10000, string.Create(CultureInfo.InvariantCulture, $"/bus@100000/dma-controller@{cursor:x} #0")));
                map.Add(new MapItem(MapLayer.Mmio, cursor + 0x20000, 0x1000, string.Create(CultureInfo.InvariantCulture, $"/bus@100000/dma-controller@{cursor:x} #1")));
            }

            ulong start = cursor + (c < regions - TightTail ? 0x200000UL : 0);
            ulong size = c % 7 == 3 ? 0x400000000UL : 0x4000000UL;
            regs.Add(new MemoryBank(start, size, MemoryBankKind.ExtendedRegion));
            cursor = start + size + (c < regions - TightTail - 1 ? 0x100000UL : 0x1000UL);
            if (cursor is >= 0x80000000 and < 0x100000000)
            {
                cursor = 0x100000000;
            }
        }

        for (int i = 0; i < regs.Count; i++)
        {
            map.Add(new MapItem(MapLayer.ExtendedRegion, regs[i].Start, regs[i].Size, string.Create(CultureInfo.InvariantCulture, $"extended region {i} (reg[{i + 1}])")));
        }

        return new RegionReport
        {
            Subject = subject,
            XenVersion = "4.22.0",
            Producer = "P2: holes of the host device tree (IOMMU)",
            Regions = regs,
            GrantTable = new MemoryBank(0xc0000000, 0x40000, MemoryBankKind.GrantTable),
            XenLogLines = [],
            Inputs = [],
            InputFacts = new ReportInputs { Source = "a synthetic dense board with a source path long enough to need wrapping: /home/someone/boards/vendor/soc-family/evaluation-board/revision-c/with-daughter-card/arch/arm64/boot/dts/dense.dtb", Iommu = true, IpaBits = 40 },
            Map = map,
            Warnings =
            [
                "audit: Warning reg[2] (Xen's extended region 1): no whole memory section of this region is usable by Linux after section alignment",
                "a warning long enough to wrap: " + string.Join(" ", System.Linq.Enumerable.Repeat("/bus@100000/bus@28380000/peripheral@2b800000", 12)),
            ],
            Notes = ["audit: Note reg[5] (Xen's extended region 4): overlaps a boot module, which is by design"],
        };
    }

    public static RegionReport Small(string subject) => new()
    {
        Subject = subject,
        XenVersion = "4.20.0",
        Producer = "P3: unused guest RAM banks (dom0less)",
        Regions = [new MemoryBank(0x50000000, 0x10000000, MemoryBankKind.ExtendedRegion), new MemoryBank(0x200000000, 0x100000000, MemoryBankKind.ExtendedRegion)],
        GrantTable = new MemoryBank(0x38000000, 0x1000000, MemoryBankKind.GrantTable),
        XenLogLines = [],
        Inputs = [],
        InputFacts = new ReportInputs { Source = "host.dtb" },
        Map =
        [
            new(MapLayer.DomainRam, 0x40000000, 0x10000000, "/chosen/domU1 memory"),
            new(MapLayer.GrantTable, 0x38000000, 0x1000000, "grant table (reg[0])"),
        ],
        Warnings = [],
    };
}
