using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

public sealed partial class RangeSetTests
{
    [Fact]
    public void Complement_within_a_window()
    {
        RangeSet set = Sample();
        RangeSetAssert.Holds(set.Complement(0, 100), (0, 9), (20, 29), (40, 100));
        RangeSetAssert.Holds(set.Complement(10, 39), (20, 29));
        RangeSetAssert.Holds(set.Complement(12, 18));
    }

    [Fact]
    public void Complement_at_the_top_of_the_space()
    {
        RangeSet set = Sample();
        RangeSetAssert.Holds(set.Complement(), (0, 9), (20, 29), (40, Max - 10));
        RangeSetAssert.Holds(new RangeSet().Complement(), (0, Max));
        var top = new RangeSet();
        top.Add(0, Max - 1);
        RangeSetAssert.Holds(top.Complement(), (Max, Max));
        var full = new RangeSet();
        full.Add(0, Max);
        RangeSetAssert.Holds(full.Complement());
    }

    [Fact]
    public void Union_except_and_intersect()
    {
        var a = new RangeSet([new AddressRange(0, 99), new AddressRange(200, 299)]);
        var b = new RangeSet([new AddressRange(50, 249), new AddressRange(Max - 1, Max)]);

        RangeSet union = a.Clone();
        union.UnionWith(b);
        RangeSetAssert.Holds(union, (0, 299), (Max - 1, Max));

        RangeSet except = a.Clone();
        except.ExceptWith(b);
        RangeSetAssert.Holds(except, (0, 49), (250, 299));

        RangeSet intersect = a.Clone();
        intersect.IntersectWith(b);
        RangeSetAssert.Holds(intersect, (50, 99), (200, 249));

        RangeSetAssert.Holds(a, (0, 99), (200, 299));
    }

    [Fact]
    public void Set_operations_with_itself()
    {
        RangeSet set = Sample();
        set.UnionWith(set);
        RangeSetAssert.Holds(set, (10, 19), (30, 39), (Max - 9, Max));
        set.IntersectWith(set);
        RangeSetAssert.Holds(set, (10, 19), (30, 39), (Max - 9, Max));
        set.ExceptWith(set);
        RangeSetAssert.Holds(set);
    }

    [Fact]
    public void Clone_is_independent_and_Clear_empties()
    {
        RangeSet set = Sample();
        RangeSet copy = set.Clone();
        set.Clear();
        RangeSetAssert.Holds(set);
        RangeSetAssert.Holds(copy, (10, 19), (30, 39), (Max - 9, Max));
        set.Add(1, 2);
        RangeSetAssert.Holds(set, (1, 2));
    }

    [Fact]
    public void ToString_lists_the_ranges_in_hex()
    {
        var set = new RangeSet([new AddressRange(0x48000000, 0x53ffffff)]);
        Assert.Equal("{ [0x48000000, 0x53ffffff] }", set.ToString());
    }

    [Fact]
    public void Enumerating_while_mutating_throws()
    {
        RangeSet set = Sample();
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (AddressRange range in set)
            {
                set.Add(range.Last + 100, range.Last + 100);
            }
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (AddressRange range in set.Report(0, Max))
            {
                set.Remove(range.First, range.First);
            }
        });
        Assert.Throws<InvalidOperationException>(() => set.Report(0, Max, r =>
        {
            set.Remove(r.First, r.First);
            return 0;
        }));
    }

    [Fact]
    public void Enumeration_of_a_large_set_is_ordered_and_complete()
    {
        var set = new RangeSet();
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++)
        {
            ulong first = (ulong)random.NextInt64() * 2;
            set.Add(first, first + (ulong)random.Next(0, 1000));
        }

        set.VerifyStructure();
        RangeSetAssert.Canonical(set);
        Assert.Equal(set.ToArray(), new RangeSet(set).ToArray());
    }
}
