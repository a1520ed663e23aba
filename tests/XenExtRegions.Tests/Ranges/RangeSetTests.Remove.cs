using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

public sealed partial class RangeSetTests
{
    [Fact]
    public void Remove_from_the_middle_splits_a_range()
    {
        var set = new RangeSet();
        set.Add(0x40000000, 0x7fffffff);
        set.Remove(0x48000000, 0x53ffffff);
        RangeSetAssert.Holds(set, (0x40000000, 0x47ffffff), (0x54000000, 0x7fffffff));
    }

    [Fact]
    public void Remove_trims_either_end()
    {
        var set = new RangeSet();
        set.Add(100, 200);
        set.Remove(100, 109);
        set.Remove(191, 250);
        RangeSetAssert.Holds(set, (110, 190));
    }

    [Fact]
    public void Remove_of_absent_space_is_a_no_op()
    {
        var set = new RangeSet();
        set.Add(100, 200);
        set.Remove(0, 99);
        set.Remove(201, 1000);
        set.Remove(5000, Max);
        RangeSetAssert.Holds(set, (100, 200));
        new RangeSet().Remove(0, Max);
    }

    [Fact]
    public void Remove_of_a_whole_range_deletes_it()
    {
        var set = new RangeSet();
        set.Add(10, 20);
        set.Add(30, 40);
        set.Remove(30, 40);
        RangeSetAssert.Holds(set, (10, 20));
        set.Remove(5, 25);
        RangeSetAssert.Holds(set);
    }

    [Fact]
    public void Remove_across_many_ranges_trims_the_ends_and_drops_the_middle()
    {
        var set = new RangeSet();
        for (ulong i = 0; i < 1000; i++)
        {
            set.Add(i * 10, (i * 10) + 5);
        }

        set.Remove(23, 9_982);
        set.VerifyStructure();
        RangeSetAssert.Holds(set, (0, 5), (10, 15), (20, 22), (9_983, 9_985), (9_990, 9_995));
    }

    [Fact]
    public void Remove_starting_in_a_gap_does_not_extend_the_previous_range()
    {
        // Spec §3.2: Xen before e118fc98e7 turned {[0,1],[4,5]} - [3,4] into {[0,2],[5,5]}.
        var set = new RangeSet();
        set.Add(0, 1);
        set.Add(4, 5);
        set.Remove(3, 4);
        RangeSetAssert.Holds(set, (0, 1), (5, 5));
    }

    [Fact]
    public void Remove_starting_in_a_gap_across_leaves_does_not_extend_the_previous_range()
    {
        var set = new RangeSet();
        for (ulong i = 0; i < 500; i++)
        {
            set.Add(i * 10, (i * 10) + 1);
        }

        set.Remove(3, 4_000);
        RangeSetAssert.Holds(set, [(0, 1), (4_001, 4_001), .. Tens(4_010, 4_990)]);
    }

    [Fact]
    public void Remove_at_the_top_of_the_space_does_not_wrap()
    {
        var set = new RangeSet();
        set.Add(Max - 100, Max);
        set.Remove(Max - 10, Max);
        RangeSetAssert.Holds(set, (Max - 100, Max - 11));
        set.Add(Max, Max);
        set.Remove(Max - 50, Max - 50);
        RangeSetAssert.Holds(set, (Max - 100, Max - 51), (Max - 49, Max - 11), (Max, Max));
        set.Remove(Max - 60, Max);
        RangeSetAssert.Holds(set, (Max - 100, Max - 61));
    }

    [Fact]
    public void Remove_from_the_full_space_leaves_the_complement()
    {
        var set = new RangeSet();
        set.Add(0, Max);
        set.Remove(0, 0);
        set.Remove(Max, Max);
        RangeSetAssert.Holds(set, (1, Max - 1));
        set.Remove(0, Max);
        RangeSetAssert.Holds(set);
    }

    [Fact]
    public void Remove_keeping_the_top_part_of_a_range_that_ends_at_the_top()
    {
        var set = new RangeSet();
        set.Add(0, Max);
        set.Remove(0, Max - 1);
        RangeSetAssert.Holds(set, (Max, Max));
    }

    private static (ulong First, ulong Last)[] Tens(ulong from, ulong to)
    {
        var list = new System.Collections.Generic.List<(ulong, ulong)>();
        for (ulong first = from; first <= to; first += 10)
        {
            list.Add((first, first + 1));
        }

        return [.. list];
    }
}
