using System;
using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

// Rules of RangeSet that mutation testing (issue 15) found unguarded: the IEnumerable constructor's merging, and
// IntersectWith invalidating running enumerations like every other mutation.
public sealed class RangeSetRuleTests
{
    private const ulong Max = ulong.MaxValue;

    [Fact]
    public void Constructor_merges_ranges_that_touch_whatever_their_order()
    {
        var set = new RangeSet([new AddressRange(20, 29), new AddressRange(30, 30), new AddressRange(10, 19)]);
        RangeSetAssert.Holds(set, (10, 30));
    }

    [Fact]
    public void Constructor_merges_ranges_that_share_only_an_endpoint()
    {
        var set = new RangeSet([new AddressRange(10, 20), new AddressRange(20, 25)]);
        RangeSetAssert.Holds(set, (10, 25));
    }

    [Fact]
    public void Constructor_keeps_the_longer_end_when_one_range_holds_the_next()
    {
        var set = new RangeSet([new AddressRange(10, 20), new AddressRange(0, 100), new AddressRange(101, 110)]);
        RangeSetAssert.Holds(set, (0, 110));
    }

    [Fact]
    public void Constructor_keeps_ranges_apart_when_one_address_lies_between()
    {
        var set = new RangeSet([new AddressRange(21, 30), new AddressRange(10, 19), new AddressRange(Max, Max)]);
        RangeSetAssert.Holds(set, (10, 19), (21, 30), (Max, Max));
    }

    [Fact]
    public void Constructor_merges_at_the_top_of_the_space_without_wrapping()
    {
        var set = new RangeSet([new AddressRange(Max, Max), new AddressRange(0, 0), new AddressRange(Max - 3, Max - 1)]);
        RangeSetAssert.Holds(set, (0, 0), (Max - 3, Max));
    }

    [Fact]
    public void IntersectWith_invalidates_a_running_enumeration()
    {
        var set = new RangeSet([new AddressRange(0, 99), new AddressRange(200, 299)]);
        var other = new RangeSet([new AddressRange(50, 249)]);
        using IEnumerator<AddressRange> running = set.GetEnumerator();
        Assert.True(running.MoveNext());
        set.IntersectWith(other);
        Assert.Throws<InvalidOperationException>(() => running.MoveNext());
        RangeSetAssert.Holds(set, (50, 99), (200, 249));
    }

    [Fact]
    public void IntersectWith_an_empty_set_or_itself()
    {
        var set = new RangeSet([new AddressRange(0, 99), new AddressRange(200, 299)]);
        set.IntersectWith(set);
        RangeSetAssert.Holds(set, (0, 99), (200, 299));
        set.IntersectWith(new RangeSet());
        RangeSetAssert.Holds(set);
    }

    [Fact]
    public void Clear_invalidates_a_running_enumeration_and_leaves_a_usable_tree_of_any_height()
    {
        var set = new RangeSet(4);
        for (ulong i = 0; i < 100; i++)
        {
            set.Add(i * 4, (i * 4) + 1);
        }

        using IEnumerator<AddressRange> running = set.GetEnumerator();
        Assert.True(running.MoveNext());
        set.Clear();
        Assert.Throws<InvalidOperationException>(() => running.MoveNext());

        // A deep tree cleared is one empty leaf again: adding and querying must not descend stale levels.
        set.Add(5, 6);
        set.VerifyStructure();
        Assert.True(set.Contains(5UL));
        RangeSetAssert.Holds(set, (5, 6));
    }

    [Fact]
    public void Reset_starts_the_enumeration_over_unless_the_set_changed()
    {
        var set = new RangeSet([new AddressRange(0, 9), new AddressRange(20, 29)]);
        using IEnumerator<AddressRange> walk = set.GetEnumerator();
        Assert.True(walk.MoveNext());
        Assert.True(walk.MoveNext());
        Assert.False(walk.MoveNext());
        walk.Reset();
        Assert.True(walk.MoveNext());
        Assert.Equal(new AddressRange(0, 9), walk.Current);
        Assert.Equal(new AddressRange(0, 9), ((System.Collections.IEnumerator)walk).Current);

        set.Add(40, 40);
        Assert.Throws<InvalidOperationException>(() => walk.Reset());
    }

    [Fact]
    public void The_non_generic_enumeration_yields_the_same_ranges()
    {
        var set = new RangeSet([new AddressRange(0, 9), new AddressRange(20, 29)]);
        var seen = new List<AddressRange>();
        foreach (object range in (System.Collections.IEnumerable)set)
        {
            seen.Add((AddressRange)range);
        }

        Assert.Equal(set.ToArray(), seen);
    }

    [Fact]
    public void ToString_separates_ranges_and_null_ranges_are_named()
    {
        Assert.Equal("{ [0x0, 0x9], [0x14, 0x1d] }", new RangeSet([new AddressRange(0, 9), new AddressRange(20, 29)]).ToString());
        Assert.Equal("ranges", Assert.Throws<ArgumentNullException>(() => new RangeSet(null!)).ParamName);
    }

    [Fact]
    public void A_node_needs_room_for_at_least_4_entries()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RangeSet(3));
        Assert.Equal("nodeCapacity", error.ParamName);
        new RangeSet(4).VerifyStructure();
    }

    // Every bounded operation refuses first > last itself, with one wording and the parameter `first`, before it
    // could build an inverted AddressRange of its own (whose message differs); Complement on a set holding the
    // window's start is where that happens first.
    [Fact]
    public void Each_operation_refuses_an_inverted_window_itself_naming_first()
    {
        var set = new RangeSet([new AddressRange(0, 10)]);
        const string Expected = "A range needs first <= last, but first is 0x5 and last is 0x3.";
        foreach (Action call in new Action[]
        {
            () => set.Complement(5, 3),
            () => set.Add(5, 3),
            () => set.Remove(5, 3),
            () => set.Contains(5, 3),
            () => set.Overlaps(5, 3),
            () => set.Report(5, 3),
            () => set.Report(5, 3, _ => 0),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.Equal("first", error.ParamName);
            Assert.StartsWith(Expected, error.Message, StringComparison.Ordinal);
        }

        RangeSetAssert.Holds(set, (0, 10));
    }

    [Fact]
    public void The_AddressRange_overloads_use_both_ends_of_the_range()
    {
        var set = new RangeSet([new AddressRange(10, 19)]);
        Assert.True(set.Contains(new AddressRange(10, 19)));
        Assert.False(set.Contains(new AddressRange(10, 20)));   // covered at its start only
        Assert.True(set.Overlaps(new AddressRange(0, 10)));     // meets the set at its end only
        Assert.False(set.Overlaps(new AddressRange(0, 9)));

        set.Remove(new AddressRange(10, 15));
        RangeSetAssert.Holds(set, (16, 19));
    }

    [Fact]
    public void A_change_during_an_enumeration_says_the_set_was_modified()
    {
        const string Expected = "The range set was modified after the enumeration started.";
        var set = new RangeSet([new AddressRange(0, 9), new AddressRange(20, 29)]);
        Assert.Equal(Expected, Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (AddressRange range in set)
            {
                set.Add(40, 40);
            }
        }).Message);
        Assert.Equal(Expected, Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (AddressRange range in set.Report(0, 100))
            {
                set.Add(60, 60);
            }
        }).Message);
        Assert.Equal(Expected, Assert.Throws<InvalidOperationException>(() => set.Report(0, 100, _ =>
        {
            set.Add(80, 80);
            return 0;
        })).Message);
    }

    [Fact]
    public void A_node_capacity_below_4_is_refused_saying_why()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RangeSet(3));
        Assert.Equal(3, error.ActualValue);
        Assert.StartsWith("A node needs room for at least 4 entries.", error.Message, StringComparison.Ordinal);
    }
}
