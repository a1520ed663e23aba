using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>add_ext_regions (spec §4) on single free ranges: its arithmetic per variant and the fate it records.</summary>
public sealed class ExtRegionNormaliserTests
{
    private static FreeRangeFate Single(NormaliserVariant variant, ulong first, ulong last)
    {
        var normaliser = new ExtRegionNormaliser(variant, 256);
        Assert.Equal(0, normaliser.Add(new AddressRange(first, last)));
        return Assert.Single(normaliser.Explanation);
    }

    [Theory]
    [InlineData(NormaliserVariant.Bytes, 0x40000000UL, 0x7FFFFFFFUL, 0x40000000UL)]
    [InlineData(NormaliserVariant.FramesTwoMiBShort, 0x40000UL, 0x7FFFFUL, 0x3FE00000UL)]
    [InlineData(NormaliserVariant.Frames, 0x40000UL, 0x7FFFFUL, 0x40000000UL)]
    public void Each_variant_converts_the_range_to_bytes_as_its_release_does(NormaliserVariant variant, ulong first, ulong last, ulong size)
    {
        FreeRangeFate fate = Single(variant, first, last);
        Assert.Equal(FreeRangeFateKind.Kept, fate.Kind);
        Assert.Equal((0x40000000UL, 0x7FFFFFFFUL), (fate.FreeRange.First, fate.FreeRange.Last));
        Assert.Equal((0, 0x40000000UL, size), (fate.RegionIndex, fate.RegionStart, fate.RegionSize));
    }

    [Fact]
    public void The_last_frame_of_the_address_space_ends_at_2_pow_64_minus_1()
    {
        FreeRangeFate fate = Single(NormaliserVariant.Frames, 0xFFFFFFFFFFFFFUL, 0xFFFFFFFFFFFFFUL);
        Assert.Equal((0xFFFFFFFFFFFFF000UL, ulong.MaxValue), (fate.FreeRange.First, fate.FreeRange.Last));
    }

    [Theory]
    [InlineData(0x0UL, 0x3FFFFFFUL, FreeRangeFateKind.Kept, 0x4000000UL)]
    [InlineData(0x0UL, 0x3FFFFFEUL, FreeRangeFateKind.DroppedTooSmall, 0x3E00000UL)]
    [InlineData(0x100000UL, 0x41FFFFFUL, FreeRangeFateKind.Kept, 0x4000000UL)]
    [InlineData(0x100000UL, 0x41FFFFEUL, FreeRangeFateKind.DroppedTooSmall, 0x3E00000UL)]
    public void Sixty_four_MiB_after_alignment_is_the_smallest_region(ulong first, ulong last, FreeRangeFateKind kind, ulong size)
    {
        FreeRangeFate fate = Single(NormaliserVariant.Bytes, first, last);
        Assert.Equal(kind, fate.Kind);
        Assert.Equal(size, fate.RegionSize);
        Assert.Equal(kind == FreeRangeFateKind.Kept ? 0 : -1, fate.RegionIndex);
    }

    // [1 MiB, 2 MiB]: the aligned start 2 MiB is the range's last byte, so one byte is left, which truncates to 0.
    [Theory]
    [InlineData(0x100000UL, 0x1FFFFFUL, FreeRangeFateKind.DroppedNothingAfterAlignment)]
    [InlineData(0x100000UL, 0x200000UL, FreeRangeFateKind.DroppedTooSmall)]
    public void A_range_that_ends_before_its_aligned_start_has_nothing_left(ulong first, ulong last, FreeRangeFateKind kind)
    {
        FreeRangeFate fate = Single(NormaliserVariant.Bytes, first, last);
        Assert.Equal(kind, fate.Kind);
        Assert.Equal((0x200000UL, 0UL), (fate.RegionStart, fate.RegionSize));
    }

    // align_up would wrap to 0 for a start in the last 2 MiB below 2^64: nothing is left, not a region at 0.
    [Theory]
    [InlineData(0xFFFFFFFFFFE00001UL, FreeRangeFateKind.DroppedNothingAfterAlignment, 0xFFFFFFFFFFE00001UL)]
    [InlineData(0xFFFFFFFFFFE00000UL, FreeRangeFateKind.DroppedTooSmall, 0xFFFFFFFFFFE00000UL)]
    public void A_start_in_the_last_2_MiB_is_not_aligned_up_past_2_pow_64(ulong first, FreeRangeFateKind kind, ulong regionStart)
    {
        FreeRangeFate fate = Single(NormaliserVariant.Bytes, first, ulong.MaxValue);
        Assert.Equal(kind, fate.Kind);
        Assert.Equal(regionStart, fate.RegionStart);
    }

    [Fact]
    public void A_full_list_drops_every_later_range_silently_and_counts_them()
    {
        var normaliser = new ExtRegionNormaliser(NormaliserVariant.Frames, 2);
        foreach (ulong start in new ulong[] { 0x40000, 0x80000, 0xC0000, 0x100000 })
        {
            Assert.Equal(0, normaliser.Add(new AddressRange(start, start + 0x3FFFF)));
        }

        Assert.Equal([0x40000000UL, 0x80000000UL], normaliser.Regions.Select(r => r.Start).ToArray());
        Assert.Equal(2, normaliser.DroppedBecauseFull);
        FreeRangeFate dropped = normaliser.Explanation[2];
        Assert.Equal(FreeRangeFateKind.DroppedListFull, dropped.Kind);
        Assert.Equal((0xC0000000UL, 0xFFFFFFFFUL), (dropped.FreeRange.First, dropped.FreeRange.Last));
        Assert.Equal((-1, 0UL, 0UL), (dropped.RegionIndex, dropped.RegionStart, dropped.RegionSize));
    }

    [Fact]
    public void Verbatim_and_dropped_candidates_are_recorded_as_given()
    {
        var normaliser = new ExtRegionNormaliser(NormaliserVariant.Frames, 256);
        normaliser.RecordDropped(new AddressRange(0x100, 0x1FF), FreeRangeFateKind.DroppedTooSmall, 0x200000, 0x100);
        normaliser.AppendVerbatim(new AddressRange(0x80000000, 0xFFFFFFFF), 0x80000000, 0x80000000);
        normaliser.AppendVerbatim(new AddressRange(0x200000000, 0x2FFFFFFFF), 0x200000000, 0x100000000);

        Assert.Equal([-1, 0, 1], normaliser.Explanation.Select(f => f.RegionIndex).ToArray());
        Assert.Equal((0x200000UL, 0x100UL), (normaliser.Explanation[0].RegionStart, normaliser.Explanation[0].RegionSize));
        Assert.Equal((0x80000000UL, 0x80000000UL), (normaliser.Regions[0].Start, normaliser.Regions[0].Size));
        Assert.Equal(FreeRangeFateKind.Kept, normaliser.Explanation[2].Kind);
        Assert.Equal(2, normaliser.Regions.Count);
    }
}
