using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>P1, find_unallocated_memory (spec §5.1): which banks it adds, and the order of its removals.</summary>
public sealed class HostUnallocatedProducerTests
{
    private static ExtendedRegionsInput OneGiB(string release) => new()
    {
        Release = XenRelease.Parse(release), IpaBits = 40, HostRam = [Incl(0x40000000, 0x7FFFFFFF, MemoryBankKind.HostRam)],
    };

    [Theory]
    [InlineData("4.16.1")]
    [InlineData("4.21")]
    public void A_host_RAM_bank_of_size_0_is_ignored_with_a_finding(string release)
    {
        // Added as Xen would compute it, [0, 0 - 1] would be the whole 64-bit space.
        ExtendedRegionsResult result = Run(OneGiB(release) with
        {
            HostRam = [new MemoryBank(0, 0, MemoryBankKind.HostRam, "/memory@0 reg[0]"), Incl(0x40000000, 0x7FFFFFFF, MemoryBankKind.HostRam)],
        });
        Assert.Equal("0x40000000->0x80000000", Format(result));
        EngineDiagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(EngineDiagnosticId.EmptyHostRamBankIgnored, d.Id);
        Assert.Equal("/memory@0 reg[0]", d.Subject);
        Assert.Contains("size 0", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_bank_without_a_source_is_named_by_its_value()
    {
        ExtendedRegionsResult result = Run(OneGiB("4.21") with { HostRam = [new MemoryBank(0x80000000, 0), Incl(0x40000000, 0x7FFFFFFF)] });
        Assert.Equal(new MemoryBank(0x80000000, 0).ToString(), Assert.Single(result.Diagnostics).Subject);
    }

    // From 4.19 /memreserve/ entries come first in bootinfo.reserved_mem. With the old subtraction (4.19.0) the order
    // shows: the reserved bank then starts in the gap the /memreserve/ entry left and extends the range before it.
    [Theory]
    [InlineData("4.19.0", "0x40000000->0x57e00000, 0x70000000->0x7fe00000")]
    [InlineData("4.19.3", "0x40000000->0x4fe00000, 0x70000000->0x7fe00000")]
    public void Memreserve_entries_are_removed_before_the_reserved_banks(string release, string expected)
    {
        ExtendedRegionsResult result = Run(OneGiB(release) with
        {
            MemoryReservations = [Incl(0x50000000, 0x5FFFFFFF, MemoryBankKind.MemoryReservation)],
            ReservedMemory = [Incl(0x58000000, 0x6FFFFFFF, MemoryBankKind.ReservedMemory)],
        });
        Assert.Equal(expected, Format(result));
    }

    // 4.17–4.18 keep static shm host banks in the reserved list (after the reserved banks, before the grant window);
    // from 4.19 they are removed after the grant window.
    [Theory]
    [InlineData("4.18", "0x40000000->0x4fe00000, 0x70000000->0x7fe00000")]
    [InlineData("4.19.0", "0x40000000->0x57e00000, 0x70000000->0x7fe00000")]
    public void Static_shm_host_banks_go_with_the_reserved_banks_before_4_19_and_after_the_grant_window_from_4_19(string release, string expected)
    {
        ExtendedRegionsResult result = Run(OneGiB(release) with
        {
            GrantWindow = Incl(0x50000000, 0x5FFFFFFF, MemoryBankKind.GrantTable),
            HostSharedMemory = [Incl(0x58000000, 0x6FFFFFFF, MemoryBankKind.StaticSharedMemory)],
        });
        Assert.Equal(expected, Format(result));
    }

    [Theory]
    [InlineData("4.18")]
    [InlineData("4.20.1")]
    [InlineData("4.21")]
    public void Reserved_banks_at_INVALID_PADDR_are_skipped_from_4_19(string release)
    {
        ExtendedRegionsResult result = Run(OneGiB(release) with { ReservedMemory = [new MemoryBank(XenConstants.InvalidPaddr, 0x1000)] });
        bool skips = XenRelease.Parse(release).Profile.SkipsInvalidPaddrBanks;
        Assert.Equal(skips, !result.Diagnostics.Any(d => d.Id == EngineDiagnosticId.RangeWrapsAround));
        Assert.NotEmpty(result.Regions);
    }
}
