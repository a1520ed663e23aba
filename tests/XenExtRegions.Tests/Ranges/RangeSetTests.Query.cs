using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

public sealed partial class RangeSetTests
{
    private static RangeSet Sample() => new([new AddressRange(10, 19), new AddressRange(30, 39), new AddressRange(Max - 9, Max)]);

    [Fact]
    public void Contains_needs_one_range_covering_the_whole_query()
    {
        RangeSet set = Sample();
        Assert.True(set.Contains(10, 19));
        Assert.True(set.Contains(12, 15));
        Assert.False(set.Contains(9, 15));
        Assert.False(set.Contains(15, 20));
        Assert.False(set.Contains(15, 35)); // both ends are in the set, the gap is not
        Assert.True(set.Contains(Max - 9, Max));
        Assert.True(set.Contains(Max));
        Assert.False(set.Contains(Max - 10, Max));
        Assert.True(set.Contains(new AddressRange(31, 32)));
    }

    [Fact]
    public void Contains_of_an_address()
    {
        RangeSet set = Sample();
        Assert.True(set.Contains(10));
        Assert.True(set.Contains(19));
        Assert.False(set.Contains(20));
        Assert.False(set.Contains(0));
        Assert.False(new RangeSet().Contains(0));
    }

    [Fact]
    public void Overlaps_needs_one_shared_address()
    {
        RangeSet set = Sample();
        Assert.True(set.Overlaps(15, 35));
        Assert.True(set.Overlaps(0, 10));
        Assert.True(set.Overlaps(19, 29));
        Assert.False(set.Overlaps(20, 29));
        Assert.False(set.Overlaps(0, 9));
        Assert.True(set.Overlaps(0, Max));
        Assert.True(set.Overlaps(Max, Max));
        Assert.False(set.Overlaps(40, Max - 10));
        Assert.False(new RangeSet().Overlaps(0, Max));
        Assert.True(set.Overlaps(new AddressRange(39, 40)));
    }

    [Fact]
    public void TryFindFloor_returns_the_range_with_the_highest_start_at_or_below()
    {
        RangeSet set = Sample();
        Assert.False(set.TryFindFloor(9, out _));
        Assert.True(set.TryFindFloor(10, out AddressRange r));
        Assert.Equal(new AddressRange(10, 19), r);
        Assert.True(set.TryFindFloor(25, out r)); // a floor need not contain the address (Xen's find)
        Assert.Equal(new AddressRange(10, 19), r);
        Assert.True(set.TryFindFloor(Max, out r));
        Assert.Equal(new AddressRange(Max - 9, Max), r);
    }

    [Fact]
    public void Report_clips_ranges_straddling_the_window()
    {
        RangeSet set = Sample();
        Assert.Equal([new AddressRange(15, 19), new AddressRange(30, 33)], set.Report(15, 33).ToArray());
        Assert.Equal([new AddressRange(35, 39), new AddressRange(Max - 9, Max - 5)], set.Report(35, Max - 5).ToArray());
        Assert.Empty(set.Report(20, 29));
        Assert.Equal([new AddressRange(17, 17)], set.Report(17, 17).ToArray());
    }

    [Fact]
    public void Report_over_the_full_space_returns_every_range()
    {
        RangeSet set = Sample();
        Assert.Equal(set.ToArray(), set.Report(0, Max).ToArray());
        Assert.Equal([new AddressRange(Max, Max)], set.Report(Max, Max).ToArray());
    }

    [Fact]
    public void Report_callback_that_changes_the_set_throws_even_after_the_last_range_but_not_after_stopping()
    {
        var set = new RangeSet([new AddressRange(1, 2), new AddressRange(10, 20)]);
        Assert.Throws<InvalidOperationException>(() => set.Report(10, 20, _ =>
        {
            set.Add(100, 100);
            return 0;
        }));

        // A callback that stops the walk may change the set: nothing more is read.
        Assert.Equal(7, set.Report(0, Max, _ =>
        {
            set.Add(200, 200);
            return 7;
        }));
    }

    [Fact]
    public void Report_callback_sees_clipped_ranges_in_order_and_stops_at_the_first_non_zero_result()
    {
        RangeSet set = Sample();
        var seen = new List<AddressRange>();
        int result = set.Report(12, Max, r =>
        {
            seen.Add(r);
            return r.First == 30 ? -28 : 0; // -ENOSPC style
        });
        Assert.Equal(-28, result);
        Assert.Equal([new AddressRange(12, 19), new AddressRange(30, 39)], seen);

        seen.Clear();
        Assert.Equal(0, set.Report(0, Max, r => { seen.Add(r); return 0; }));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Arguments_with_first_above_last_are_rejected_naming_both_in_hex()
    {
        var set = new RangeSet();
        var error = Assert.Throws<ArgumentException>(() => set.Add(0x2000, 0x1fff));
        Assert.Contains("0x2000", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x1fff", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => set.Remove(2, 1));
        Assert.Throws<ArgumentException>(() => set.Contains(2, 1));
        Assert.Throws<ArgumentException>(() => set.Overlaps(2, 1));
        Assert.Throws<ArgumentException>(() => set.Report(2, 1)); // eagerly, not on enumeration
        Assert.Throws<ArgumentException>(() => set.Report(2, 1, _ => 0));
        Assert.Throws<ArgumentException>(() => set.Complement(Max, 0));
        Assert.Throws<ArgumentNullException>(() => set.Report(0, 1, null!));
        Assert.Throws<ArgumentNullException>(() => set.UnionWith(null!));
        Assert.Throws<ArgumentNullException>(() => set.ExceptWith(null!));
        Assert.Throws<ArgumentNullException>(() => set.IntersectWith(null!));
        RangeSetAssert.Holds(set);
    }
}
