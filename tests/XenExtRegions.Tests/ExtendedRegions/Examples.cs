using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Inputs of the spec's worked examples (§13) and small helpers shared by the engine tests.</summary>
internal static class Examples
{
    public static readonly string[] V16 = ["4.16.0", "4.16.1", "4.16.5", "4.17", "4.17.7"];
    public static readonly string[] V18Buggy = ["4.18", "4.18.3", "4.19.0", "4.19.2", "4.20.0"];
    public static readonly string[] V18Fixed = ["4.19.3", "4.19.4", "4.20.1", "4.20.2"];
    public static readonly string[] V21 = ["4.21", "4.21.1", "4.22", "latest"];

    public static IEnumerable<string> V18 => V18Buggy.Concat(V18Fixed);

    public static MemoryBank Bank(ulong start, ulong size, MemoryBankKind kind = MemoryBankKind.Unspecified) => new(start, size, kind);

    /// <summary>A bank from inclusive bounds.</summary>
    public static MemoryBank Incl(ulong first, ulong last, MemoryBankKind kind = MemoryBankKind.Unspecified) => new(first, last - first + 1, kind);

    public static string Format(ExtendedRegionsResult result) =>
        string.Join(", ", result.Regions.Select(r => FormattableString.Invariant($"0x{r.Start:x}->0x{r.Start + r.Size:x}")));

    public static ExtendedRegionsResult Run(ExtendedRegionsInput input) => new ExtendedRegionsEngine().Compute(input);

    public static ExtendedRegionsInput E1(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IpaBits = 40,
        HostRam = [Incl(0x48000000, 0xBFFFFFFF), Incl(0x500000000, 0x57FFFFFFF), Incl(0x600000000, 0x67FFFFFFF), Incl(0x700000000, 0x77FFFFFFF)],
        ReservedMemory = [Incl(0x54000000, 0x56FFFFFF)],
        DomainRam = [Incl(0x60000000, 0x6FFFFFFF)],
        GrantWindow = Incl(0x78080000, 0x780BFFFF, MemoryBankKind.GrantTable),
    };

    public static ExtendedRegionsInput E2(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IommuEnabled = true,
        IpaBits = 40,
        DescribedWindows =
        [
            DescribedWindow.Reg("/interrupt-controller@8000000", 0, 0x08000000, 0x10000),
            DescribedWindow.Reg("/interrupt-controller@8000000", 1, 0x08010000, 0x10000),
            DescribedWindow.Reg("/pl011@9000000", 0, 0x09000000, 0x1000),
            DescribedWindow.Reg("/pl031@9010000", 0, 0x09010123, 0x10),
            DescribedWindow.Reg("/memory@40000000", 0, 0x40000000, 0x80000000),
            DescribedWindow.Reg("/memory@40000000", 1, 0x880000000, 0x80000000),
            DescribedWindow.Reg("/pcie@3eff0000", 0, 0x3EFF0000, 0x10000),
            DescribedWindow.PciRange("/pcie@3eff0000", 0, 0x3F000000, 0x1000000),
            DescribedWindow.PciRange("/pcie@3eff0000", 1, 0x10000000, 0x2EFF0000),
            DescribedWindow.PciRange("/pcie@3eff0000", 2, 0x8000000000, 0x8000000000),
        ],
    };

    public static ExtendedRegionsInput E4(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IommuEnabled = true,
        IpaBits = 48,
        DescribedWindows =
        [
            DescribedWindow.Reg("/a", 0, 0, 0x10000000),
            DescribedWindow.Reg("/b", 0, 0x13000000, 0x1000),
            DescribedWindow.Reg("/c", 0, 0x13E00000, 0x1000),
            DescribedWindow.Reg("/d", 0, 0x17FFF000, 0x4001000),
            DescribedWindow.Reg("/e", 0, 0x20000000, 0xFFFFFFFFE0000000),
        ],
    };

    public static ExtendedRegionsInput E5(string release, bool reversed = false)
    {
        DescribedWindow a = DescribedWindow.Reg("/a@8000000", 0, 0x08000000, 0x08000000);
        DescribedWindow b = DescribedWindow.Reg("/b@c000000", 0, 0x0C000000, 0x08000000);
        DescribedWindow memory = DescribedWindow.Reg("/memory@40000000", 0, 0x40000000, 0xC0000000);
        return new()
        {
            Release = XenRelease.Parse(release),
            IommuEnabled = true,
            IpaBits = 32,
            DescribedWindows = reversed ? [b, a, memory] : [a, b, memory],
        };
    }

    public static ExtendedRegionsInput E6(string release)
    {
        var windows = new List<DescribedWindow> { DescribedWindow.Reg("/low", 0, 0, 0x100000000) };
        for (int k = 0; k < 300; k++)
        {
            windows.Add(DescribedWindow.Reg(FormattableString.Invariant($"/dev{k}"), 0, 0x104000000 + ((ulong)k * 0x4200000), 0x200000));
        }

        ulong top = 0x100000000 + (300UL * 0x4200000);
        windows.Add(DescribedWindow.Reg("/high", 0, top, (1UL << 48) - top));
        return new() { Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 48, DescribedWindows = windows };
    }

    public static ExtendedRegionsInput DomU(string release, ulong bank0, ulong bank1, int ipaBits, DomainKind kind = DomainKind.Dom0lessDomU) => new()
    {
        Release = XenRelease.Parse(release),
        DomainName = "d1",
        Kind = kind,
        IpaBits = ipaBits,
        GuestRamBankSizes = [bank0, bank1],
    };

    public static ExtendedRegionsInput E11(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IpaBits = 48,
        HostRam = [Incl(0x80000000, 0xFFFFFFFF), Incl(0xFF0000000000, ulong.MaxValue)],
        DomainRam = [Incl(0x80000000, 0xBFFFFFFF)],
        GrantWindow = Incl(0xC0000000, 0xC003FFFF),
    };

    public static ExtendedRegionsInput E13(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IpaBits = 40,
        HostRam = [Incl(0x40000000, 0x7FFFFFFF), Incl(0x84000000, 0xBFFFFFFF)],
        DomainRam = [Incl(0xA0000000, 0xBFFFFFFF)],
        ReservedMemory = [Incl(0x82000000, 0x84FFFFFF)],
    };

    public static ExtendedRegionsInput E14(string release) => new()
    {
        Release = XenRelease.Parse(release),
        IpaBits = 40,
        HostRam = [Incl(0x40000000, 0x7FFFFFFF)],
        DomainRam = [Incl(0x40000000, 0x7DFFFFFF)],
        GrantWindow = Bank(0x7E000000, 0x40000),
    };
}
