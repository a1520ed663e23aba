using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// P4, libxl's finalize_hypervisor_node (spec §5.4): clipping to gpaddr_bits, the 64 MiB floor, iomem splitting and its
/// cap, the wrap diagnostic and the per-candidate explanation.
/// </summary>
public sealed class ToolstackProducerTests
{
    private const string BothBanks = "0x60000000->0x100000000, 0x200000000->0x10000000000";

    private static ExtendedRegionsInput Libxl(string release, int gpaddrBits, ulong ram0 = 0x20000000, IoMemRange[]? iomem = null) => new()
    {
        Release = XenRelease.Parse(release), Kind = DomainKind.ToolstackDomU, DomainName = "d1", IpaBits = gpaddrBits,
        GuestRamBankSizes = [ram0], IoMem = iomem ?? [],
    };

    // Each width clips a different bank end: 36 bits cuts bank 1, 33 bits leaves it empty, 31 bits cuts bank 0;
    // gpaddr_bits 0 and 64 both compute ~0 >> 0 (no clipping).
    [Theory]
    [InlineData("4.20.1", 40, BothBanks)]
    [InlineData("4.20.1", 36, "0x60000000->0x100000000, 0x200000000->0x1000000000")]
    [InlineData("4.20.1", 33, "0x60000000->0x100000000")]
    [InlineData("4.20.1", 31, "0x60000000->0x80000000")]
    [InlineData("4.20.1", 0, BothBanks)]
    [InlineData("4.20.1", 64, BothBanks)]
    [InlineData("4.21", 36, "0x60000000->0x100000000, 0x200000000->0x1000000000")]
    [InlineData("4.21", 33, "0x60000000->0x100000000")]
    [InlineData("4.21", 31, "0x60000000->0x80000000")]
    [InlineData("4.21", 0, BothBanks)]
    [InlineData("4.21", 64, BothBanks)]
    public void Bank_tails_are_clipped_to_gpaddr_bits(string release, int gpaddrBits, string expected) =>
        Assert.Equal(expected, Format(Run(Libxl(release, gpaddrBits))));

    // 0xBC000000 bytes of RAM leave exactly 64 MiB of bank 0 (kept); 2 MiB more leave 62 MiB (dropped, explained).
    [Theory]
    [InlineData("4.20.1")]
    [InlineData("4.21")]
    public void A_bank_tail_of_exactly_64_MiB_is_kept_and_one_2_MiB_smaller_is_dropped(string release)
    {
        ExtendedRegionsResult exact = Run(Libxl(release, 32, 0xBC000000));
        Assert.Equal("0xfc000000->0x100000000", Format(exact));

        ExtendedRegionsResult smaller = Run(Libxl(release, 32, 0xBC200000));
        Assert.Empty(smaller.Regions);
        FreeRangeFate fate = Assert.Single(smaller.Explanation);
        Assert.Equal(FreeRangeFateKind.DroppedTooSmall, fate.Kind);
        Assert.Equal((0xFC200000UL, 0xFFFFFFFFUL), (fate.FreeRange.First, fate.FreeRange.Last));
        Assert.Equal((0xFC200000UL, 0x3E00000UL), (fate.RegionStart, fate.RegionSize));
        Assert.Equal(-1, fate.RegionIndex);
    }

    [Fact]
    public void A_64_MiB_tail_with_iomem_inside_is_split_and_both_pieces_are_too_small()
    {
        // 4.21 skips a bank only when its whole tail is under 64 MiB; at exactly 64 MiB the iomem still splits it.
        ExtendedRegionsResult result = Run(Libxl("4.21", 32, 0xBC000000, [new IoMemRange(0xFE000, 1)]));
        Assert.Empty(result.Regions);
        Assert.Equal(
            [(0xFC000000UL, 0xFDFFFFFFUL, 0x2000000UL), (0xFE001000UL, 0xFFFFFFFFUL, 0x1FFF000UL)],
            result.Explanation.Select(f => (f.FreeRange.First, f.FreeRange.Last, f.RegionSize)).ToArray());
        Assert.All(result.Explanation, f => Assert.Equal(FreeRangeFateKind.DroppedTooSmall, f.Kind));
    }

    // Less than 2 MiB after RAM, down to one byte: the aligned start lies past the bank, nothing is left.
    [Theory]
    [InlineData("4.20.1", 0xBFF00000UL)]
    [InlineData("4.20.1", 0xBFFFFFFFUL)]
    [InlineData("4.21", 0xBFF00000UL)]
    [InlineData("4.21", 0xBFFFFFFFUL)]
    public void A_tail_under_2_MiB_is_explained_as_nothing_left_after_alignment(string release, ulong ram0)
    {
        ExtendedRegionsResult result = Run(Libxl(release, 32, ram0));
        FreeRangeFate fate = Assert.Single(result.Explanation);
        Assert.Equal(FreeRangeFateKind.DroppedNothingAfterAlignment, fate.Kind);
        Assert.Equal((XenConstants.GuestRam0Base + ram0, 0xFFFFFFFFUL), (fate.FreeRange.First, fate.FreeRange.Last));
        Assert.Equal((0x100000000UL, 0UL), (fate.RegionStart, fate.RegionSize));
    }

    [Theory]
    [InlineData("4.20.1")]
    [InlineData("4.21")]
    public void A_full_bank_leaves_nothing_and_libxl_warns(string release)
    {
        ExtendedRegionsResult result = Run(Libxl(release, 32, 0xC0000000));
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Equal(XenError.None, result.Error);
        XenLogLine line = Assert.Single(result.LogLines);
        Assert.Equal(XenLogLevel.Warning, line.Level);
        Assert.Equal(XenLogMessage.ToolstackNoSpace, line.Message);
        Assert.Equal("The extended regions cannot be allocated, not enough space", line.Text);
        Assert.Empty(result.Explanation);
    }

    // The explanation keeps the free range from the end of RAM (unaligned here) and the region from the aligned start.
    [Theory]
    [InlineData("4.20.1")]
    [InlineData("4.21")]
    public void The_explanation_shows_the_free_range_from_the_end_of_RAM_and_the_2_MiB_aligned_region(string release)
    {
        ExtendedRegionsResult result = Run(Libxl(release, 40, 0x20100000));
        Assert.Equal("0x60200000->0x100000000, 0x200000000->0x10000000000", Format(result));
        FreeRangeFate first = result.Explanation[0];
        Assert.Equal(FreeRangeFateKind.Kept, first.Kind);
        Assert.Equal(0, first.RegionIndex);
        Assert.Equal((0x60100000UL, 0xFFFFFFFFUL), (first.FreeRange.First, first.FreeRange.Last));
        Assert.Equal(0x100000UL, first.StartRoundedUpBy);
        Assert.Equal(1, result.Explanation[1].RegionIndex);
        Assert.Equal(0x200000000UL, result.Explanation[1].FreeRange.First);
    }

    [Theory]
    [InlineData("4.20.1", "Extended region 0: 0x60000000->0x100000000", "Extended region 1: 0x200000000->0x10000000000")]
    [InlineData("4.21", "Extended region 0: 0x60000000->0xffffffff", "Extended region 1: 0x200000000->0xffffffffff")]
    public void Each_region_is_logged_at_debug_level_with_the_release_s_end(string release, string line0, string line1)
    {
        ExtendedRegionsResult result = Run(Libxl(release, 40));
        Assert.Equal([line0, line1], result.LogLines.Select(l => l.Text).ToArray());
        Assert.All(result.LogLines, l => Assert.Equal(XenLogMessage.ToolstackRegion, l.Message));
        Assert.All(result.LogLines, l => Assert.Equal(XenLogLevel.Debug, l.Level));
    }

    [Fact]
    public void Iomem_is_sorted_by_guest_frame_before_splitting()
    {
        // Both in bank 0, given high first: unsorted, the higher one would move the start past the lower one.
        IoMemRange low = new(0x90000, 16);
        IoMemRange high = new(0xA0000, 16);
        const string expected = "0x60000000->0x90000000, 0x90010000->0xa0000000, 0xa0010000->0x100000000, 0x200000000->0x10000000000";
        Assert.Equal(expected, Format(Run(Libxl("4.21", 40, iomem: [high, low]))));
        Assert.Equal(expected, Format(Run(Libxl("4.21", 40, iomem: [low, high]))));
    }

    [Fact]
    public void Iomem_starting_where_the_free_space_starts_leaves_no_empty_piece()
    {
        // RAM ends 1 MiB below the aligned start 0x60000000, where the iomem begins: no piece before it is considered.
        ExtendedRegionsResult result = Run(Libxl("4.21", 40, 0x1FF00000, [new IoMemRange(0x60000, 0x1000)]));
        Assert.Equal("0x61000000->0x100000000, 0x200000000->0x10000000000", Format(result));
        Assert.Equal([FreeRangeFateKind.Kept, FreeRangeFateKind.Kept], result.Explanation.Select(f => f.Kind).ToArray());
        Assert.Equal(0x61000000UL, result.Explanation[0].FreeRange.First);
    }

    [Fact]
    public void Iomem_covering_the_rest_of_a_bank_ends_it()
    {
        // From 0x80000000 to beyond bank 0: the piece before it is kept, nothing after it.
        ExtendedRegionsResult result = Run(Libxl("4.21", 40, iomem: [new IoMemRange(0x80000, 0x100000), new IoMemRange(0x90000, 1)]));
        Assert.Equal("0x60000000->0x80000000, 0x200000000->0x10000000000", Format(result));
    }

    [Fact]
    public void Iomem_splitting_stops_at_256_regions()
    {
        // One frame every 128 MiB in bank 1: far more than 256 pieces of 128 MiB - 4 KiB.
        IoMemRange[] iomem = Enumerable.Range(1, 400).Select(k => new IoMemRange(0x200000 + ((ulong)k * 0x8000), 1)).ToArray();
        ExtendedRegionsResult result = Run(Libxl("4.21", 40, iomem: iomem));
        Assert.Equal(XenConstants.MaxRegions, result.Regions.Count);
        Assert.Equal(0x60000000UL, result.Regions[0].Start);
        Assert.Equal((0x200000000UL, 0x8000000UL), (result.Regions[1].Start, result.Regions[1].Size));
        Assert.Equal((0x208001000UL, 0x7FFF000UL), (result.Regions[2].Start, result.Regions[2].Size));
        Assert.Equal(XenConstants.MaxRegions, result.LogLines.Count);
    }

    // gfn + number reaching 2^52 frames puts the iomem's end at 2^64 - 1, so libxl's next free start wraps to 0; past
    // it the end itself wraps; a gfn above 2^52 - 1 loses its top bits in gfn << 12. Each case says which happened.
    [Theory]
    [InlineData(0xFFFFFFFFFFFFEUL, 1UL, null)]
    [InlineData(0xFFFFFFFFFFFFEUL, 2UL, "ends at 2^64 - 1")]
    [InlineData(0xFFFFFFFFFFFFFUL, 1UL, "ends at 2^64 - 1")]
    [InlineData(0x1UL, 0xFFFFFFFFFFFFFUL, "ends at 2^64 - 1")]
    [InlineData(0xFFFFFFFFFFFFFUL, 2UL, "runs past 2^64 - 1: libxl's end address wraps to 0xfff")]
    [InlineData(0xFFFFFFFFFFFFEUL, ulong.MaxValue, "runs past 2^64 - 1: libxl's end address wraps to 0xffffffffffffcfff")]
    [InlineData(0xFFFFFFFFFFFFFUL, 0UL, null)]
    [InlineData(0x10000000000000UL, 0UL, "starts past 2^64 - 1: libxl's gfn << 12 drops the top bits, so it excludes 0->0xffffffffffffffff instead")]
    [InlineData(0x10000000090000UL, 16UL, "starts past 2^64 - 1: libxl's gfn << 12 drops the top bits, so it excludes 0x90000000->0x9000ffff instead")]
    [InlineData(ulong.MaxValue, 1UL, "starts past 2^64 - 1")]
    [InlineData(0x90000UL, 16UL, null)]
    public void Iomem_reaching_2_pow_64_is_diagnosed(ulong gfn, ulong count, string? expected)
    {
        var io = new IoMemRange(gfn, count);
        ExtendedRegionsResult result = Run(Libxl("4.21", 40, iomem: [io]));
        EngineDiagnostic[] found = result.Diagnostics.Where(d => d.Id == EngineDiagnosticId.IoMemWraps).ToArray();
        Assert.Equal(expected is null ? 0 : 1, found.Length);
        if (expected is not null)
        {
            Assert.Equal(io.ToString(), found[0].Subject);
            Assert.Contains(expected, found[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Iomem_above_the_last_frame_is_excluded_where_libxl_places_it()
    {
        // gfn 2^52 + 0x90000 lands at 0x90000000 after libxl's shift: bank 0's tail is split there as for gfn 0x90000.
        ExtendedRegionsResult wrapped = Run(Libxl("4.21", 40, iomem: [new IoMemRange(0x10000000090000UL, 16)]));
        ExtendedRegionsResult plain = Run(Libxl("4.21", 40, iomem: [new IoMemRange(0x90000UL, 16)]));
        Assert.Equal(Format(plain), Format(wrapped));
        Assert.NotEqual(BothBanks, Format(wrapped));
    }

    [Fact]
    public void Iomem_before_4_21_is_ignored_even_when_it_wraps()
    {
        ExtendedRegionsResult result = Run(Libxl("4.20.1", 40, iomem: [new IoMemRange(0xFFFFFFFFFFFFFUL, 1)]));
        Assert.Equal(BothBanks, Format(result));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == EngineDiagnosticId.IoMemWraps);
    }
}
