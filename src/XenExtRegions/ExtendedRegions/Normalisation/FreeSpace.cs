using System;
using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// Xen's working rangeset for one producer: our fixed <see cref="RangeSet"/>, plus the observable quirks of Xen's
/// linked list that a canonical set cannot hold by itself:
/// <list type="bullet">
/// <item>the historic subtraction as a compatibility mode: before a removal, the case
/// <c>x != y</c> with <c>x.e &lt; s-1</c> is detected and the gap <c>[x.e+1, s-1]</c> is added back afterwards;</item>
/// <item>a zero-size removal <c>[s, s-1]</c> inside a range, which Xen's release build turns into two adjacent
/// pieces (kept here as a split point, so the pieces reach the normaliser separately, as in Xen);</item>
/// <item>the wrap hazard of a removal ending at 2^64-1 in the <c>x != y</c> branch: the last range becomes
/// <c>[0, y.e]</c> at the end of the list (kept here as a stray range reported last).</item>
/// </list>
/// The equivalence with a literal port of Xen's list is proven by the test project's model.
/// </summary>
internal sealed class FreeSpace
{
    private readonly RangeSet _set = new();
    private readonly bool _legacySubtraction;
    private readonly SortedSet<ulong> _splits = new();
    private readonly List<AddressRange> _strays = new();

    public FreeSpace(bool legacySubtraction) => _legacySubtraction = legacySubtraction;

    /// <summary>Called when a quirk fires: (id, range as given, detail).</summary>
    public Action<EngineDiagnosticId, ulong, ulong>? OnQuirk { get; set; }

    public bool IsCorrupted => _strays.Count > 0;

    public void Add(ulong first, ulong last)
    {
        if (first > last)
        {
            // Xen asserts in debug builds; the boot scan never produces such a bank. Ignored.
            OnQuirk?.Invoke(EngineDiagnosticId.UndefinedInvertedRange, first, last);
            return;
        }

        // Xen's rangeset_add_range merges the pieces the addition covers, then the one piece that touches the end
        // of the result (when e lay inside a piece: the piece after it), but never the piece before: find_range(s)
        // is the piece starting at s, so a split point at s itself stays.
        bool lastWasInside = _splits.Count > 0 && _set.Contains(last);
        _set.Add(first, last);
        if (_splits.Count == 0)
        {
            return;
        }

        if (first != ulong.MaxValue)
        {
            RemoveSplitsBetween(first + 1, last);
        }

        if (lastWasInside && last != ulong.MaxValue && _set.TryFindFloor(last, out AddressRange holder) && holder.Last > last && SplitsMayLieIn(last + 1, holder.Last))
        {
            foreach (ulong next in _splits.GetViewBetween(last + 1, holder.Last))
            {
                _splits.Remove(next);
                break;
            }
        }
    }

    public void Remove(ulong first, ulong last)
    {
        if (first > last)
        {
            RemoveInverted(first, last);
            return;
        }

        AddressRange? gap = null;
        if (_legacySubtraction && first > 0
            && _set.TryFindFloor(first, out AddressRange x) && x.Last < first - 1
            && _set.TryFindFloor(last, out AddressRange y) && y.First > first)
        {
            // Old rangeset: find(s) ends in a gap before s and find(e) is a later range, so x.e = s-1 extends x.
            gap = new AddressRange(x.Last + 1, first - 1);
        }

        AddressRange? stray = null;
        if (last == ulong.MaxValue && TryGetLastPiece(out AddressRange lastRange, out ulong lastPieceStart) && lastPieceStart > first)
        {
            // x != y with e = 2^64-1: y.s = e + 1 wraps to 0 and y stays last in the list as [0, y.e].
            stray = new AddressRange(0, lastRange.Last);
        }

        _set.Remove(first, last);
        RemoveSplitsBetween(first, last == ulong.MaxValue ? last : last + 1);
        if (gap is { } g)
        {
            _set.Add(g);
            RemoveSplitsBetween(g.First, g.Last + 1);
            OnQuirk?.Invoke(EngineDiagnosticId.LegacySubtractionExtendedRange, g.First, g.Last);
        }

        if (stray is { } s)
        {
            if (_set.IsEmpty && _strays.Count == 0)
            {
                // Nothing precedes the wrapped range, so Xen's list [0, y.e] is still ordered: an ordinary range.
                _set.Add(s);
            }
            else
            {
                _strays.Add(s);
            }

            OnQuirk?.Invoke(EngineDiagnosticId.RangesetOrderCorrupted, s.First, s.Last);
        }
    }

    /// <summary>Xen's <c>rangeset_report_ranges</c> over the list this set stands for.</summary>
    public int Report(ulong first, ulong last, Func<AddressRange, int> callback)
    {
        int rc = _set.Report(first, last, range => ReportPieces(range, callback));
        if (rc != 0 || _strays.Count == 0)
        {
            return rc;
        }

        // The walk reaches the strays at the list's tail only when no ordered range starts above the window.
        if (_set.TryFindFloor(ulong.MaxValue, out AddressRange highest) && highest.First > last)
        {
            return 0;
        }

        foreach (AddressRange stray in _strays)
        {
            if (stray.Last >= first)
            {
                rc = callback(new AddressRange(Math.Max(stray.First, first), Math.Min(stray.Last, last)));
                if (rc != 0)
                {
                    return rc;
                }
            }
        }

        return 0;
    }

    private int ReportPieces(AddressRange range, Func<AddressRange, int> callback)
    {
        if (range.First == range.Last || !SplitsMayLieIn(range.First + 1, range.Last))
        {
            return callback(range);
        }

        ulong start = range.First;
        foreach (ulong p in _splits.GetViewBetween(range.First + 1, range.Last))
        {
            int rc = callback(new AddressRange(start, p - 1));
            if (rc != 0)
            {
                return rc;
            }

            start = p;
        }

        return callback(new AddressRange(start, range.Last));
    }

    private void RemoveInverted(ulong first, ulong last)
    {
        if (last != first - 1)
        {
            // e < s-1: Xen may create overlapping pieces or walk off its list; no defined outcome to reproduce.
            OnQuirk?.Invoke(EngineDiagnosticId.UndefinedInvertedRange, first, last);
            return;
        }

        OnQuirk?.Invoke(EngineDiagnosticId.ZeroSizeRange, first, last);
        if (!_set.Contains(first))
        {
            // find(s) ends before s: Xen does nothing.
            return;
        }

        if (_set.Contains(last, first) && !_splits.Contains(first))
        {
            // x == y and x.s < s <= x.e: Xen splits x into [x.s, s-1] and [s, x.e], two adjacent pieces.
            _splits.Add(first);
            return;
        }

        // s starts a piece, so find(s) != find(s-1): Xen's loop walks off the list (undefined); ignored.
        OnQuirk?.Invoke(EngineDiagnosticId.UndefinedInvertedRange, first, last);
    }

    private bool TryGetLastPiece(out AddressRange lastRange, out ulong pieceStart)
    {
        if (!_set.TryFindFloor(ulong.MaxValue, out lastRange))
        {
            pieceStart = 0;
            return false;
        }

        pieceStart = lastRange.First;
        if (lastRange.First < lastRange.Last && SplitsMayLieIn(lastRange.First + 1, lastRange.Last))
        {
            SortedSet<ulong> inside = _splits.GetViewBetween(lastRange.First + 1, lastRange.Last);
            if (inside.Count > 0)
            {
                pieceStart = inside.Max;
            }
        }

        return true;
    }

    /// <summary>
    /// False when no split point can lie in [<paramref name="first"/>, <paramref name="last"/>]: checked against the
    /// lowest and highest points (no allocation), so that the window views below, which are objects, are made only
    /// where a point may be; P2 removes every reg entry of the tree, and a zero-size entry leaves a point for the rest.
    /// </summary>
    private bool SplitsMayLieIn(ulong first, ulong last) => _splits.Count > 0 && first <= last && _splits.Max >= first && _splits.Min <= last;

    private void RemoveSplitsBetween(ulong first, ulong last)
    {
        if (SplitsMayLieIn(first, last))
        {
            // Only the points in the window: a view's Clear costs what it removes, not the whole set.
            _splits.GetViewBetween(first, last).Clear();
        }
    }
}
