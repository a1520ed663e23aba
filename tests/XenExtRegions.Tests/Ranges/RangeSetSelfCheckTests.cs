using System;
using System.Collections.Generic;
using System.Reflection;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

/// <summary>
/// <c>RangeSet.VerifyStructure</c> is what the model-based properties lean on after every operation: each rule it checks
/// must fire on a tree broken in exactly that way (else a property could pass over a corrupt tree). The public API
/// cannot break a tree, so these tests reach into the private B+tree by reflection and break one rule at a time.
/// </summary>
public sealed class RangeSetSelfCheckTests
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>
    /// Capacity 4, minimum fill 2: eight ranges [10i, 10i+1], rebuilt in bulk (a self-intersection), make three
    /// leaves of 3, 3 and 2 ranges under one inner root.
    /// </summary>
    private static RangeSet TwoLevels()
    {
        var set = new RangeSet(4);
        for (ulong i = 0; i < 8; i++)
        {
            set.Add(10 * i, (10 * i) + 1);
        }

        set.IntersectWith(set);
        set.VerifyStructure();
        Assert.Equal(1, Height(set));
        Assert.Equal(3, (int)Get(Root(set), "Count")!);
        Assert.Equal(2, (int)Get(Child(Root(set), 2), "Count")!);
        return set;
    }

    private static object Root(RangeSet set) => typeof(RangeSet).GetField("_root", Private)!.GetValue(set)!;

    private static int Height(RangeSet set) => (int)typeof(RangeSet).GetField("_height", Private)!.GetValue(set)!;

    private static object? Get(object page, string field) => page.GetType().GetField(field)!.GetValue(page);

    private static void Set(object page, string field, object? value) => page.GetType().GetField(field)!.SetValue(page, value);

    private static ulong[] Keys(object page) => (ulong[])Get(page, "Keys")!;

    private static ulong[] Lasts(object leaf) => (ulong[])Get(leaf, "Lasts")!;

    private static object Child(object inner, int i) => ((Array)Get(inner, "Children")!).GetValue(i)!;

    private static void Broken(RangeSet set, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(set.VerifyStructure).Message);

    [Fact]
    public void A_count_that_disagrees_with_the_leaves_is_reported()
    {
        var set = new RangeSet([new AddressRange(0, 1), new AddressRange(5, 6)]);
        typeof(RangeSet).GetField("_count", Private)!.SetValue(set, 3);
        Broken(set, "Count is 3 but the leaves hold 2 ranges.");
    }

    [Fact]
    public void A_first_leaf_with_a_predecessor_is_reported()
    {
        var set = new RangeSet([new AddressRange(0, 1)]);
        object leaf = Root(set);
        Set(leaf, "Prev", leaf);
        Broken(set, "The first leaf has a predecessor.");
    }

    [Fact]
    public void A_broken_forward_or_backward_leaf_link_is_reported_with_the_leaf()
    {
        RangeSet forward = TwoLevels();
        Set(Child(Root(forward), 1), "Next", null);
        Broken(forward, "Leaf links are broken at leaf 1.");

        RangeSet backward = TwoLevels();
        object second = Child(Root(backward), 1);
        Set(second, "Prev", second);
        Broken(backward, "Leaf links are broken at leaf 1.");

        RangeSet last = TwoLevels();
        Set(Child(Root(last), 2), "Next", Child(Root(last), 0));
        Broken(last, "Leaf links are broken at leaf 2.");
    }

    [Fact]
    public void An_inverted_range_is_reported()
    {
        var set = new RangeSet([new AddressRange(0, 1), new AddressRange(5, 6)]);
        Lasts(Root(set))[1] = 4;
        Broken(set, "Inverted range [0x5, 0x4].");
    }

    [Fact]
    public void Ranges_that_touch_overlap_or_follow_one_ending_at_the_top_are_reported()
    {
        // [0, 1] then [2, 6]: touching ranges must have been merged.
        var touching = new RangeSet([new AddressRange(0, 1), new AddressRange(5, 6)]);
        Keys(Root(touching))[1] = 2;
        Broken(touching, "Range at 0x2 overlaps or touches the one ending at 0x1.");

        // Across a leaf boundary, the check still sees the previous leaf's last range.
        RangeSet acrossLeaves = TwoLevels();
        Keys(Child(Root(acrossLeaves), 1))[0] = 22;
        Keys(Root(acrossLeaves))[1] = 22;
        Broken(acrossLeaves, "Range at 0x16 overlaps or touches the one ending at 0x15.");

        // Nothing can follow a range ending at 2^64-1 (last + 1 would wrap to 0).
        var top = new RangeSet([new AddressRange(0, 1), new AddressRange(5, 6)]);
        Lasts(Root(top))[0] = ulong.MaxValue;
        Broken(top, "Range at 0x5 overlaps or touches the one ending at 0xffffffffffffffff.");
    }

    [Fact]
    public void A_gap_of_one_address_is_canonical()
    {
        // The smallest legal gap, and a set starting at 0 or 1 (no previous range to compare with).
        new RangeSet([new AddressRange(0, 1), new AddressRange(3, 3)]).VerifyStructure();
        new RangeSet([new AddressRange(1, 1)]).VerifyStructure();
        new RangeSet([new AddressRange(0, 0), new AddressRange(2, ulong.MaxValue)]).VerifyStructure();
    }

    [Fact]
    public void A_node_over_its_capacity_is_reported_with_its_level()
    {
        var set = new RangeSet(4);
        for (ulong i = 0; i < 4; i++)
        {
            set.Add(10 * i, 10 * i);
        }

        set.VerifyStructure();
        object leaf = Root(set);
        Keys(leaf)[4] = 40;
        Lasts(leaf)[4] = 40;
        Set(leaf, "Count", 5);
        Broken(set, "A node at level 0 holds 5 entries.");
    }

    [Fact]
    public void A_non_root_node_under_the_minimum_fill_is_reported_and_a_small_root_is_not()
    {
        RangeSet set = TwoLevels();
        Set(Child(Root(set), 1), "Count", 1);
        Broken(set, "A node at level 1 holds 1 entries.");

        // A root leaf may hold a single range.
        var one = new RangeSet(8);
        one.Add(0, 0);
        one.VerifyStructure();
    }

    [Fact]
    public void An_inner_node_with_one_child_is_reported()
    {
        RangeSet set = TwoLevels();
        Set(Root(set), "Count", 1);
        Broken(set, "An inner node at level 0 has 1 children.");
    }

    [Fact]
    public void An_inner_key_that_is_not_its_child_s_minimum_is_reported()
    {
        RangeSet set = TwoLevels();
        Keys(Root(set))[1] += 1;
        Broken(set, "Key 1 at level 0 is not its child's minimum.");

        // An emptied child fails the key check before its own fill is looked at.
        RangeSet emptied = TwoLevels();
        Set(Child(Root(emptied), 2), "Count", 0);
        Broken(emptied, "Key 2 at level 0 is not its child's minimum.");
    }

    [Fact]
    public void A_tree_grown_past_16_levels_keeps_working()
    {
        // Ascending inserts at capacity 4 leave the nodes split off two or three full, so 2^19 ranges grow more
        // than 16 inner levels: more than the path arrays first hold, which must then grow (2^18 gives 16).
        var set = new RangeSet(4);
        const ulong N = 1UL << 19;
        for (ulong i = 0; i < N; i++)
        {
            set.Add(3 * i, 3 * i);
        }

        Assert.True(Height(set) > 16, $"height {Height(set)}");
        set.Add(1, 2);
        set.Remove(3 * (N - 1), 3 * (N - 1));
        Assert.Equal((int)N - 2, set.Count);
        Assert.True(set.Contains(0, 3));
        Assert.False(set.Contains(3 * (N - 1)));
        set.VerifyStructure();
    }
}
