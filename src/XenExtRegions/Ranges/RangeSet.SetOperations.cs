using System;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// Whole-set operations. Union and difference reuse Add/Remove (O(m log(n + m)) for m ranges of the other set);
// intersection and complement walk sorted sequences and rebuild in linear time.
public sealed partial class RangeSet
{
    /// <summary>Adds every range of <paramref name="other"/> (Xen's <c>rangeset_merge</c>).</summary>
    /// <param name="other">The other set; may be this set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void UnionWith(RangeSet other)
    {
        foreach (AddressRange range in Snapshot(other))
        {
            Add(range.First, range.Last);
        }
    }

    /// <summary>Removes every range of <paramref name="other"/> (Xen's <c>rangeset_subtract</c>, fixed).</summary>
    /// <param name="other">The other set; may be this set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void ExceptWith(RangeSet other)
    {
        foreach (AddressRange range in Snapshot(other))
        {
            Remove(range.First, range.Last);
        }
    }

    /// <summary>Keeps only addresses also in <paramref name="other"/>.</summary>
    /// <param name="other">The other set; may be this set.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void IntersectWith(RangeSet other)
    {
        if (other is null)
        {
            throw new ArgumentNullException(nameof(other));
        }

        List<AddressRange> mine = ToList();
        List<AddressRange> theirs = ReferenceEquals(other, this) ? mine : other.ToList();
        var result = new List<AddressRange>();
        int i = 0;
        int j = 0;
        while (i < mine.Count && j < theirs.Count)
        {
            if (mine[i].TryIntersect(theirs[j], out AddressRange common))
            {
                result.Add(common);
            }

            // Advance whichever range ends first; the other may still meet the next one.
            if (mine[i].Last < theirs[j].Last)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // Intersections of two canonical sets are disjoint and non-adjacent already (a gap of either set lies
        // between any two of them).
        BuildFromSorted(result);
        _version++;
    }

    /// <summary>The addresses of <c>[first, last]</c> not in this set.</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <returns>A new set.</returns>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public RangeSet Complement(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        var gaps = new List<AddressRange>();

        // `next` is the lowest window address not yet accounted for; `done` says the window is exhausted, since
        // next = last + 1 cannot be written when last is 2^64-1.
        ulong next = first;
        bool done = false;
        foreach (AddressRange piece in ReportIterator(first, last))
        {
            if (piece.First > next)
            {
                gaps.Add(new AddressRange(next, piece.First - 1));
            }

            if (piece.Last == last)
            {
                done = true;
                break;
            }

            next = piece.Last + 1;
        }

        if (!done)
        {
            gaps.Add(new AddressRange(next, last));
        }

        var complement = new RangeSet(_capacity);
        complement.BuildFromSorted(gaps);
        return complement;
    }

    /// <summary>The complement over the whole space <c>[0, 2^64-1]</c>.</summary>
    /// <returns>A new set.</returns>
    public RangeSet Complement() => Complement(0, ulong.MaxValue);

    private static List<AddressRange> Snapshot(RangeSet other) =>
        other is null ? throw new ArgumentNullException(nameof(other)) : other.ToList();
}
