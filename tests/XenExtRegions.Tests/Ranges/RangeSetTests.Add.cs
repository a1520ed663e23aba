using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

public sealed partial class RangeSetTests
{
    private const ulong Max = ulong.MaxValue;

    [Fact]
    public void New_set_is_empty()
    {
        var set = new RangeSet();
        Assert.True(set.IsEmpty);
        Assert.Empty(set);
        RangeSetAssert.Holds(set);
    }

    [Fact]
    public void Add_keeps_disjoint_ranges_sorted_whatever_the_order()
    {
        var set = new RangeSet();
        set.Add(0x5000, 0x5fff);
        set.Add(0x1000, 0x1fff);
        set.Add(0x3000, 0x3fff);
        RangeSetAssert.Holds(set, (0x1000, 0x1fff), (0x3000, 0x3fff), (0x5000, 0x5fff));
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void Add_merges_a_range_touching_on_the_left()
    {
        var set = new RangeSet();
        set.Add(10, 19);
        set.Add(20, 29);
        RangeSetAssert.Holds(set, (10, 29));
    }

    [Fact]
    public void Add_merges_a_range_touching_on_the_right()
    {
        var set = new RangeSet();
        set.Add(20, 29);
        set.Add(10, 19);
        RangeSetAssert.Holds(set, (10, 29));
    }

    [Fact]
    public void Add_filling_a_one_address_gap_bridges_both_neighbours()
    {
        var set = new RangeSet();
        set.Add(0, 9);
        set.Add(11, 20);
        RangeSetAssert.Holds(set, (0, 9), (11, 20));
        set.Add(10, 10);
        RangeSetAssert.Holds(set, (0, 20));
    }

    [Fact]
    public void Add_keeps_ranges_separated_by_one_absent_address_apart()
    {
        var set = new RangeSet();
        set.Add(0, 9);
        set.Add(11, 20);
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Add_bridging_several_ranges_swallows_them_all()
    {
        var set = new RangeSet();
        for (ulong i = 0; i < 10; i++)
        {
            set.Add((i * 100) + 10, (i * 100) + 20);
        }

        set.Add(15, 512);
        RangeSetAssert.Holds(set, (10, 520), (610, 620), (710, 720), (810, 820), (910, 920));
    }

    [Fact]
    public void Add_inside_an_existing_range_changes_nothing()
    {
        var set = new RangeSet();
        set.Add(100, 200);
        set.Add(120, 130);
        set.Add(100, 200);
        RangeSetAssert.Holds(set, (100, 200));
    }

    [Fact]
    public void Add_swallowing_thousands_of_ranges_across_many_leaves()
    {
        var set = new RangeSet();
        for (ulong i = 0; i < 5000; i++)
        {
            set.Add(i * 4, (i * 4) + 1);
        }

        Assert.Equal(5000, set.Count);
        set.Add(6, 15_000);
        set.VerifyStructure();
        RangeSetAssert.Holds(
            set,
            [(0, 1), (4, 15_001), (15_004, 15_005), .. Enumerable(15_008, 19_996)]);
    }

    [Fact]
    public void Add_at_the_top_of_the_space_does_not_wrap()
    {
        var set = new RangeSet();
        set.Add(Max, Max);
        set.Add(0, 0);
        RangeSetAssert.Holds(set, (0, 0), (Max, Max));
        set.Add(Max - 10, Max - 1);
        RangeSetAssert.Holds(set, (0, 0), (Max - 10, Max));
        set.Add(Max - 20, Max - 12);
        RangeSetAssert.Holds(set, (0, 0), (Max - 20, Max - 12), (Max - 10, Max));
    }

    [Fact]
    public void Add_of_the_full_space_swallows_everything()
    {
        var set = new RangeSet();
        set.Add(5, 6);
        set.Add(Max, Max);
        set.Add(0, Max);
        RangeSetAssert.Holds(set, (0, Max));
        set.Add(0, Max);
        set.Add(7, 9);
        RangeSetAssert.Holds(set, (0, Max));
    }

    [Fact]
    public void Add_of_the_two_halves_makes_the_full_space()
    {
        var set = new RangeSet();
        set.Add(1UL << 63, Max);
        set.Add(0, (1UL << 63) - 1);
        RangeSetAssert.Holds(set, (0, Max));
    }

    [Fact]
    public void Constructor_merges_unsorted_overlapping_and_touching_ranges()
    {
        var set = new RangeSet(
        [
            new AddressRange(50, 60),
            new AddressRange(0, 9),
            new AddressRange(10, 12),
            new AddressRange(55, 70),
            new AddressRange(Max, Max),
            new AddressRange(72, 80),
        ]);
        RangeSetAssert.Holds(set, (0, 12), (50, 70), (72, 80), (Max, Max));
        set.VerifyStructure();
    }

    [Fact]
    public void Constructor_rejects_null() => Assert.Throws<ArgumentNullException>(() => new RangeSet(null!));

    private static (ulong First, ulong Last)[] Enumerable(ulong from, ulong to)
    {
        var list = new System.Collections.Generic.List<(ulong, ulong)>();
        for (ulong first = from; first <= to; first += 4)
        {
            list.Add((first, first + 1));
        }

        return [.. list];
    }
}
