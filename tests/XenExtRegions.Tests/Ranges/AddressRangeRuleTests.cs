using System;
using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

// Rules of AddressRange that mutation testing (issue 15) found unguarded: bounds of Contains(ulong), the ordering
// and its operators, equality and the hash.
public sealed class AddressRangeRuleTests
{
    private const ulong Max = ulong.MaxValue;

    [Fact]
    public void Contains_address_is_inclusive_at_both_bounds_and_false_just_outside()
    {
        var range = new AddressRange(0x1000, 0x1fff);
        Assert.True(range.Contains(0x1000UL));
        Assert.True(range.Contains(0x1fffUL));
        Assert.True(range.Contains(0x1800UL));
        Assert.False(range.Contains(0xfffUL));
        Assert.False(range.Contains(0x2000UL));
        Assert.True(AddressRange.Full.Contains(0UL));
        Assert.True(AddressRange.Full.Contains(Max));
    }

    [Fact]
    public void Ranges_order_by_first_then_by_last_and_the_operators_agree()
    {
        var low = new AddressRange(10, 20);
        var longer = new AddressRange(10, 30);
        var high = new AddressRange(11, 12);
        var same = new AddressRange(10, 20);

        Assert.True(low.CompareTo(longer) < 0);
        Assert.True(longer.CompareTo(high) < 0);
        Assert.True(high.CompareTo(low) > 0);
        Assert.Equal(0, low.CompareTo(new AddressRange(10, 20)));

        Assert.True(low < longer);
        Assert.False(longer < low);
        Assert.False(low < same);
        Assert.True(high > longer);
        Assert.False(longer > high);
        Assert.False(low > same);
        Assert.True(low <= same);
        Assert.True(low <= longer);
        Assert.False(longer <= low);
        Assert.True(low >= same);
        Assert.True(longer >= low);
        Assert.False(low >= longer);
    }

    [Fact]
    public void Equality_needs_both_bounds_and_is_the_same_through_every_entry_point()
    {
        var range = new AddressRange(10, 20);
        Assert.True(range == new AddressRange(10, 20));
        Assert.False(range != new AddressRange(10, 20));
        Assert.True(range != new AddressRange(10, 21));
        Assert.True(range != new AddressRange(9, 20));
        Assert.False(range == new AddressRange(10, 21));
        Assert.True(range.Equals((object)new AddressRange(10, 20)));
        Assert.False(range.Equals((object)new AddressRange(11, 20)));
        Assert.False(range.Equals((object)10UL));
        Assert.False(range.Equals(null));
    }

    [Fact]
    public void Hash_depends_on_both_bounds_so_small_ranges_do_not_collide()
    {
        // Every range [f, l] with f <= l < 16: 136 ranges, 136 distinct hashes (dropping either bound, or mixing
        // them with | or &, makes collisions here).
        var hashes = new HashSet<int>();
        int ranges = 0;
        for (ulong first = 0; first < 16; first++)
        {
            for (ulong last = first; last < 16; last++)
            {
                ranges++;
                hashes.Add(new AddressRange(first, last).GetHashCode());
            }
        }

        Assert.Equal(ranges, hashes.Count);
        Assert.Equal(new AddressRange(5, 9).GetHashCode(), new AddressRange(5, 9).GetHashCode());
    }

    [Fact]
    public void Start_offset_and_representability_of_ordinary_ranges()
    {
        var range = new AddressRange(0x1000, 0x1fff);
        Assert.Equal(0x1000UL, range.Start);
        Assert.Equal(0xfffUL, range.LastOffset);
        Assert.True(range.HasRepresentableEnd);
        Assert.True(range.HasRepresentableSize);
        Assert.True(range.TryGetEnd(out ulong end));
        Assert.Equal(0x2000UL, end);
        Assert.True(range.TryGetSize(out ulong size));
        Assert.Equal(0x1000UL, size);

        // Only the whole space has an unrepresentable size: touching either end alone keeps it representable.
        Assert.True(new AddressRange(0, Max - 1).HasRepresentableSize);
        Assert.True(new AddressRange(1, Max).HasRepresentableSize);
        Assert.Equal(Max, new AddressRange(1, Max).Size);
        Assert.Equal(AddressRange.FromStartEnd(0x10, 0x20), new AddressRange(0x10, 0x1f));
    }

    [Fact]
    public void Touching_is_symmetric_and_needs_no_gap()
    {
        var a = new AddressRange(10, 19);
        Assert.True(new AddressRange(20, 30).OverlapsOrTouches(a));
        Assert.False(new AddressRange(21, 30).OverlapsOrTouches(a));
        Assert.True(new AddressRange(0, 9).OverlapsOrTouches(a));
        Assert.True(a.Overlaps(new AddressRange(19, 19)));
        Assert.True(a.Overlaps(new AddressRange(0, 10)));
        Assert.False(a.Overlaps(new AddressRange(0, 9)));
        Assert.True(new AddressRange(Max - 1, Max).OverlapsOrTouches(new AddressRange(Max - 5, Max - 2)));
    }

    [Fact]
    public void Touching_does_not_wrap_from_the_top_of_the_space_to_address_0()
    {
        Assert.False(new AddressRange(0, 0).OverlapsOrTouches(new AddressRange(Max, Max)));
        Assert.False(new AddressRange(Max, Max).OverlapsOrTouches(new AddressRange(0, 0)));
        Assert.False(new AddressRange(0, 0).OverlapsOrTouches(new AddressRange(Max - 1, Max)));
    }

    [Fact]
    public void Containing_a_range_needs_its_last_address_inside_too()
    {
        var range = new AddressRange(10, 19);
        Assert.False(range.Contains(new AddressRange(15, 25)));
        Assert.True(range.Contains(new AddressRange(15, 19)));
    }

    [Fact]
    public void Size_0_is_refused_even_at_address_0_where_size_minus_1_is_the_whole_space()
    {
        Assert.False(AddressRange.TryFromStartSize(0, 0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(0, 0));
        Assert.True(AddressRange.TryFromStartSize(0, Max, out AddressRange allButTop));
        Assert.Equal(new AddressRange(0, Max - 1), allButTop);
    }

    [Fact]
    public void Errors_name_the_parameter_and_the_values_in_hex()
    {
        var inverted = Assert.Throws<ArgumentException>(() => new AddressRange(0x20, 0x10));
        Assert.Equal("first", inverted.ParamName);

        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(0x4000, 0));
        Assert.Equal("size", empty.ParamName);
        Assert.Contains("0x4000", empty.Message, StringComparison.Ordinal);

        var wraps = Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(Max - 0xf, 0x20));
        Assert.Equal("size", wraps.ParamName);
        Assert.Contains("0xfffffffffffffff0", wraps.Message, StringComparison.Ordinal);
        Assert.Contains("0x20", wraps.Message, StringComparison.Ordinal);

        var halfOpen = Assert.Throws<ArgumentException>(() => AddressRange.FromStartEnd(0x30, 0x30));
        Assert.Equal("end", halfOpen.ParamName);
        Assert.Contains("0x30", halfOpen.Message, StringComparison.Ordinal);

        var end = Assert.Throws<InvalidOperationException>(() => new AddressRange(Max - 1, Max).End);
        Assert.Contains("[0xfffffffffffffffe, 0xffffffffffffffff]", end.Message, StringComparison.Ordinal);
        var size = Assert.Throws<InvalidOperationException>(() => AddressRange.Full.Size);
        Assert.Contains("2^64", size.Message, StringComparison.Ordinal);
    }
}
