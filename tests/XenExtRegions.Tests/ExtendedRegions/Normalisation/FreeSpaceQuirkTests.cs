using System.Collections.Generic;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// The quirks of Xen's list that FreeSpace keeps (spec §3.2, §10), one at a time: what each does to the report, and
/// which finding it raises.
/// </summary>
public sealed class FreeSpaceQuirkTests
{
    private static (FreeSpace Space, List<(EngineDiagnosticId, ulong, ulong)> Quirks) Space(bool legacy)
    {
        var quirks = new List<(EngineDiagnosticId, ulong, ulong)>();
        var space = new FreeSpace(legacy) { OnQuirk = (id, s, e) => quirks.Add((id, s, e)) };
        return (space, quirks);
    }

    private static List<(ulong, ulong)> Reported(FreeSpace space, ulong lo, ulong hi)
    {
        var output = new List<(ulong, ulong)>();
        Assert.Equal(0, space.Report(lo, hi, r =>
        {
            output.Add((r.First, r.Last));
            return 0;
        }));
        return output;
    }

    [Fact]
    public void A_wrapped_removal_with_nothing_before_it_leaves_an_ordinary_range_that_later_removals_cut()
    {
        // Xen's list after the wrap is [0, 30] alone: still ordered, so removing [0, 9] cuts it like any range.
        (FreeSpace space, var quirks) = Space(legacy: false);
        var model = new XenRangesetModel(oldSubtraction: false);
        foreach ((ulong s, ulong e, bool add) in new[] { (20UL, 30UL, true), (5UL, ulong.MaxValue, false), (0UL, 9UL, false) })
        {
            if (add)
            {
                space.Add(s, e);
                model.Add(s, e);
            }
            else
            {
                space.Remove(s, e);
                model.Remove(s, e);
            }
        }

        Assert.Equal([(10UL, 30UL)], model.Report(0, 100));
        Assert.Equal(model.Report(0, 100), Reported(space, 0, 100));
        Assert.False(space.IsCorrupted);
        Assert.Equal([(EngineDiagnosticId.RangesetOrderCorrupted, 0UL, 30UL)], quirks);
    }

    [Fact]
    public void A_wrapped_removal_after_a_range_leaves_an_unordered_tail_reported_last_and_clipped()
    {
        (FreeSpace space, var quirks) = Space(legacy: false);
        space.Add(0, 3);
        space.Add(20, 30);
        space.Remove(5, ulong.MaxValue);
        Assert.True(space.IsCorrupted);
        Assert.Equal([(0UL, 3UL), (0UL, 30UL)], Reported(space, 0, 100));
        Assert.Equal([(2UL, 3UL), (2UL, 25UL)], Reported(space, 2, 25));
        Assert.Equal([(EngineDiagnosticId.RangesetOrderCorrupted, 0UL, 30UL)], quirks);
    }

    [Fact]
    public void The_unordered_tail_is_not_reached_when_an_ordered_range_starts_above_the_window()
    {
        // Xen's list [0,1] [3,3] [0,30]: the walk stops at [3,3] for a window ending at 2, before the wrapped range.
        (FreeSpace space, _) = Space(legacy: false);
        var model = new XenRangesetModel(oldSubtraction: false);
        foreach ((ulong s, ulong e) in new[] { (0UL, 1UL), (3UL, 3UL), (20UL, 30UL) })
        {
            space.Add(s, e);
            model.Add(s, e);
        }

        space.Remove(5, ulong.MaxValue);
        model.Remove(5, ulong.MaxValue);
        Assert.Equal([(0UL, 1UL)], model.Report(0, 2));
        Assert.Equal(model.Report(0, 2), Reported(space, 0, 2));
        Assert.Equal(model.Report(0, 3), Reported(space, 0, 3));
        Assert.Equal([(30UL, 30UL)], model.Report(30, 100));
        Assert.Equal(model.Report(30, 100), Reported(space, 30, 100));
        Assert.Equal(model.Report(31, 100), Reported(space, 31, 100));
    }

    [Fact]
    public void A_report_stops_at_the_first_non_zero_callback_result_and_returns_it()
    {
        (FreeSpace space, _) = Space(legacy: false);
        space.Add(0, 100);
        space.Remove(40, 39);
        space.Add(200, 300);
        int calls = 0;
        Assert.Equal(7, space.Report(0, 1000, _ => ++calls == 1 ? 7 : 0));
        Assert.Equal(1, calls);
        calls = 0;
        Assert.Equal(5, space.Report(0, 1000, _ => ++calls == 2 ? 5 : 0));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_stray_s_non_zero_callback_result_is_returned()
    {
        (FreeSpace space, _) = Space(legacy: false);
        space.Add(0, 3);
        space.Add(20, 30);
        space.Remove(5, ulong.MaxValue);
        int calls = 0;
        Assert.Equal(9, space.Report(0, 100, _ => ++calls == 2 ? 9 : 0));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Inverted_ranges_are_ignored_with_a_finding_except_a_zero_size_removal()
    {
        (FreeSpace space, var quirks) = Space(legacy: false);
        space.Add(0, 100);
        space.Add(300, 200);
        space.Remove(60, 50);
        space.Remove(150, 149);
        Assert.Equal([(0UL, 100UL)], Reported(space, 0, 1000));
        Assert.Equal(
            [(EngineDiagnosticId.UndefinedInvertedRange, 300UL, 200UL), (EngineDiagnosticId.UndefinedInvertedRange, 60UL, 50UL), (EngineDiagnosticId.ZeroSizeRange, 150UL, 149UL)],
            quirks);
    }

    [Fact]
    public void A_zero_size_removal_at_the_start_of_a_piece_walks_off_Xen_s_list_and_is_ignored()
    {
        (FreeSpace space, var quirks) = Space(legacy: false);
        space.Add(10, 100);
        space.Remove(40, 39);
        space.Remove(40, 39);
        space.Remove(10, 9);
        Assert.Equal([(10UL, 39UL), (40UL, 100UL)], Reported(space, 0, 1000));
        Assert.Equal(
            [
                (EngineDiagnosticId.ZeroSizeRange, 40UL, 39UL),
                (EngineDiagnosticId.ZeroSizeRange, 40UL, 39UL), (EngineDiagnosticId.UndefinedInvertedRange, 40UL, 39UL),
                (EngineDiagnosticId.ZeroSizeRange, 10UL, 9UL), (EngineDiagnosticId.UndefinedInvertedRange, 10UL, 9UL),
            ],
            quirks);
    }

    [Fact]
    public void The_old_subtraction_reports_the_gap_it_gives_back()
    {
        (FreeSpace space, var quirks) = Space(legacy: true);
        space.Add(0, 1);
        space.Add(4, 5);
        space.Remove(3, 4);
        Assert.Equal([(EngineDiagnosticId.LegacySubtractionExtendedRange, 2UL, 2UL)], quirks);
    }

    [Fact]
    public void A_removal_starting_at_0_never_extends_anything()
    {
        // find(0) is a range starting at 0 itself: x.s < s fails, so the old code does not touch it either.
        (FreeSpace space, var quirks) = Space(legacy: true);
        space.Add(0, 3);
        space.Add(20, 30);
        space.Remove(0, 25);
        Assert.Equal([(26UL, 30UL)], Reported(space, 0, 100));
        Assert.Empty(quirks);
    }

    [Fact]
    public void An_addition_over_split_points_merges_the_pieces_it_covers_and_the_one_after()
    {
        (FreeSpace space, _) = Space(legacy: false);
        var model = new XenRangesetModel(oldSubtraction: false);
        Both(space, model, add: true, 0, 100);
        foreach (ulong p in new ulong[] { 20, 40, 60, 80 })
        {
            Both(space, model, add: false, p, p - 1);
        }

        Both(space, model, add: true, 10, 45);
        Assert.Equal(model.Report(0, 200), Reported(space, 0, 200));
        Assert.Equal([(0UL, 79UL), (80UL, 100UL)], Reported(space, 0, 200));
    }

    [Fact]
    public void Additions_at_the_top_of_the_space_leave_split_points_elsewhere_alone()
    {
        (FreeSpace space, _) = Space(legacy: false);
        var model = new XenRangesetModel(oldSubtraction: false);
        const ulong top = ulong.MaxValue;
        Both(space, model, add: true, 0, 100);
        Both(space, model, add: false, 40, 39);
        Both(space, model, add: true, top - 100, top);
        Both(space, model, add: false, top - 50, top - 51);
        Both(space, model, add: true, top, top);
        Both(space, model, add: true, top - 10, top);
        Assert.Equal([(0UL, 39UL), (40UL, 100UL), (top - 100, top - 51), (top - 50, top)], model.Report(0, top));
        Assert.Equal(model.Report(0, top), Reported(space, 0, top));
    }

    [Fact]
    public void A_removal_to_2_pow_64_minus_1_from_a_split_point_drops_the_point()
    {
        // Xen deletes the piece [50, 100]; a later [50, 60] then joins the piece before it (x.e + 1 == s).
        (FreeSpace space, _) = Space(legacy: false);
        var model = new XenRangesetModel(oldSubtraction: false);
        Both(space, model, add: true, 0, 100);
        Both(space, model, add: false, 50, 49);
        Both(space, model, add: false, 50, ulong.MaxValue);
        Both(space, model, add: true, 50, 60);
        Assert.Equal([(0UL, 60UL)], model.Report(0, 200));
        Assert.Equal(model.Report(0, 200), Reported(space, 0, 200));
        Assert.False(space.IsCorrupted);
    }

    private static void Both(FreeSpace space, XenRangesetModel model, bool add, ulong s, ulong e)
    {
        if (add)
        {
            space.Add(s, e);
            model.Add(s, e);
        }
        else
        {
            space.Remove(s, e);
            model.Remove(s, e);
        }
    }
}
