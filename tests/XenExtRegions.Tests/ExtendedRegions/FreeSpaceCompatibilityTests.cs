using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>The engine's free-space layer (fixed RangeSet + compatibility quirks) against the literal list model.</summary>
public sealed class FreeSpaceCompatibilityTests
{
    private static List<(ulong, ulong)> Reported(FreeSpace space, ulong lo, ulong hi)
    {
        var output = new List<(ulong, ulong)>();
        space.Report(lo, hi, r =>
        {
            output.Add((r.First, r.Last));
            return 0;
        });
        return output;
    }

    [Fact]
    public void Canonical_example_of_spec_3_2_extends_the_previous_range_only_in_legacy_mode()
    {
        var legacy = new FreeSpace(legacySubtraction: true);
        var fixedSet = new FreeSpace(legacySubtraction: false);
        foreach (FreeSpace s in new[] { legacy, fixedSet })
        {
            s.Add(0, 1);
            s.Add(4, 5);
            s.Remove(3, 4);
        }

        Assert.Equal([(0UL, 2UL), (5UL, 5UL)], Reported(legacy, 0, 10));
        Assert.Equal([(0UL, 1UL), (5UL, 5UL)], Reported(fixedSet, 0, 10));
    }

    [Fact]
    public void Zero_size_removal_inside_a_range_splits_it_into_adjacent_pieces()
    {
        var space = new FreeSpace(legacySubtraction: false);
        space.Add(0, 100);
        space.Remove(40, 39);
        Assert.Equal([(0UL, 39UL), (40UL, 100UL)], Reported(space, 0, 200));
    }

    [Fact]
    public void Removal_ending_at_the_top_wraps_and_leaves_an_unordered_tail()
    {
        var space = new FreeSpace(legacySubtraction: true);
        space.Add(0, 10);
        space.Add(20, 30);
        space.Remove(5, ulong.MaxValue);
        Assert.True(space.IsCorrupted);
        var model = new XenRangesetModel(oldSubtraction: true);
        model.Add(0, 10);
        model.Add(20, 30);
        model.Remove(5, ulong.MaxValue);
        Assert.Equal(model.Report(0, 100), Reported(space, 0, 100));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Equals_the_literal_list_model_on_random_operations(bool legacy)
    {
        Gen<(ulong, ulong)> add = Gen.Select(Gen.ULong[0, 60], Gen.ULong[0, 6], (s, n) => (s, s + n));
        Gen<(ulong, ulong, int)> remove = Gen.Frequency(
            (6, Gen.Select(Gen.ULong[0, 63], Gen.ULong[0, 8], (s, n) => (s, s + n, 0))),
            (2, Gen.ULong[1, 63].Select(s => (s, s - 1, 1))),
            (1, Gen.ULong[0, 63].Select(s => (s, ulong.MaxValue, 2))));
        Gen.Select(add.Array[0, 6], remove.Array[0, 10]).Sample((adds, removes) =>
        {
            var model = new XenRangesetModel(legacy);
            var space = new FreeSpace(legacy);
            foreach ((ulong s, ulong e) in adds)
            {
                model.Add(s, e);
                space.Add(s, e);
            }

            foreach ((ulong s, ulong e, int _) in removes)
            {
                try
                {
                    model.Remove(s, e);
                }
                catch (InvalidOperationException)
                {
                    // Undefined in Xen (the walk leaves the list): the engine must have ignored it; stop comparing.
                    return true;
                }

                space.Remove(s, e);
                if (space.IsCorrupted)
                {
                    // The wrap hazard left an unordered list: compare its report once, then stop (later steps are approximate).
                    Assert.False(IsOrdered(model.Ranges));
                    return model.Report(0, 100).SequenceEqual(Reported(space, 0, 100));
                }
            }

            return model.Report(0, 70).SequenceEqual(Reported(space, 0, 70))
                && model.Report(10, 40).SequenceEqual(Reported(space, 10, 40));
        }, iter: 20000);
    }

    // Adds after removals: an addition over a split point (left by a zero-size removal) or over a re-added legacy
    // gap must merge the pieces as Xen's list does. The test above only adds before it removes.
    // Found by mutation work: add [10,13], zero-size remove [12,11], add [12,17] keeps [10,11] and [12,17] apart in
    // Xen (find_range(12) is the piece at 12; rangeset_add_range never merges the piece before).
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Equals_the_literal_list_model_when_adds_and_removes_interleave(bool legacy)
    {
        Gen<(ulong, ulong, bool)> op = Gen.Frequency(
            (4, Gen.Select(Gen.ULong[0, 60], Gen.ULong[0, 6], (s, n) => (s, s + n, true))),
            (4, Gen.Select(Gen.ULong[0, 63], Gen.ULong[0, 8], (s, n) => (s, s + n, false))),
            (3, Gen.ULong[1, 63].Select(s => (s, s - 1, false))));
        op.Array[1, 14].Sample(ops =>
        {
            var model = new XenRangesetModel(legacy);
            var space = new FreeSpace(legacy);
            foreach ((ulong s, ulong e, bool isAdd) in ops)
            {
                if (isAdd)
                {
                    model.Add(s, e);
                    space.Add(s, e);
                    continue;
                }

                try
                {
                    model.Remove(s, e);
                }
                catch (InvalidOperationException)
                {
                    return true;
                }

                space.Remove(s, e);
            }

            return model.Report(0, 70).SequenceEqual(Reported(space, 0, 70))
                && model.Report(10, 40).SequenceEqual(Reported(space, 10, 40));
        }, iter: 20000);
    }

    private static bool IsOrdered(IReadOnlyList<(ulong S, ulong E)> ranges)
    {
        for (int i = 1; i < ranges.Count; i++)
        {
            if (ranges[i].S <= ranges[i - 1].E)
            {
                return false;
            }
        }

        return true;
    }
}
