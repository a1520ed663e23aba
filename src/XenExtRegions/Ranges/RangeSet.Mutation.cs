using System;

namespace XenExtRegions.Ranges;

// Add and Remove (rangeset_add_range, rangeset_remove_range of Xen's xen/common/rangeset.c, with the fixed
// subtraction). The common case touches one leaf and costs one descent plus a splice; a change spanning several
// leaves rewrites the first leaf and then deletes the swallowed ranges leaf by leaf (DeleteKeys), O(log n) per leaf,
// so O(log n + k) overall.
public sealed partial class RangeSet
{
    /// <summary>Adds <c>[first, last]</c>; merges with overlapping and touching ranges.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public void Add(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        _version++;

        Leaf leaf = Locate(first, out int floor);
        ulong newFirst = first;
        ulong newLast = last;
        int start = floor + 1;

        // The floor merges when it reaches first - 1; written so neither side wraps (first may be 0, its Last 2^64-1).
        if (floor >= 0 && (leaf.Lasts[floor] >= first || leaf.Lasts[floor] + 1 == first))
        {
            start = floor;
            newFirst = leaf.Keys[floor];
            newLast = Math.Max(newLast, leaf.Lasts[floor]);
        }

        // Swallow every following range that overlaps or touches the growing range.
        int end = start;
        while (end < leaf.Count && Touches(leaf.Keys[end], newLast))
        {
            newLast = Math.Max(newLast, leaf.Lasts[end]);
            end++;
        }

        if (end < leaf.Count || leaf.Next is null || !Touches(leaf.Next.Keys[0], newLast))
        {
            Splice(leaf, start, end - start, insert: true, newFirst, newLast);
            return;
        }

        // The swallowed run continues into later leaves: find where it ends, then delete it leaf by leaf.
        ulong lastSwallowed = 0;
        for (Leaf? next = leaf.Next; next is not null; next = next.Next)
        {
            int i = 0;
            while (i < next.Count && Touches(next.Keys[i], newLast))
            {
                newLast = Math.Max(newLast, next.Lasts[i]);
                lastSwallowed = next.Keys[i];
                i++;
            }

            if (i < next.Count)
            {
                break;
            }
        }

        Splice(leaf, start, end - start, insert: true, newFirst, newLast);
        DeleteKeys(newFirst + 1, lastSwallowed);
    }

    /// <summary>Adds a range.</summary>
    /// <param name="range">The range.</param>
    public void Add(AddressRange range) => Add(range.First, range.Last);

    /// <summary>Removes <c>[first, last]</c>; may split a range; removing absent addresses is a no-op.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public void Remove(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        _version++;

        Leaf leaf = Locate(first, out int floor);
        int start = floor + 1;
        if (floor >= 0 && leaf.Lasts[floor] >= first)
        {
            ulong floorLast = leaf.Lasts[floor];
            if (leaf.Keys[floor] < first)
            {
                // The floor keeps [its first, first - 1]. The fixed subtraction truncates only a floor that reaches
                // `first`; the old code truncated unconditionally and so extended it over the gap.
                leaf.Lasts[floor] = first - 1;
                if (floorLast > last)
                {
                    Splice(leaf, floor + 1, 0, insert: true, last + 1, floorLast);
                    return;
                }
            }
            else
            {
                start = floor;
            }
        }

        int end = start;
        while (end < leaf.Count && leaf.Keys[end] <= last)
        {
            end++;
        }

        if (end < leaf.Count || leaf.Next is null || leaf.Next.Keys[0] > last)
        {
            // The last removed range may run past `last` (then last < 2^64-1): its upper part stays.
            if (end > start && leaf.Lasts[end - 1] > last)
            {
                Splice(leaf, start, end - start, insert: true, last + 1, leaf.Lasts[end - 1]);
            }
            else if (end > start)
            {
                Splice(leaf, start, end - start, insert: false, 0, 0);
            }

            return;
        }

        // The removal spans leaves: cut the upper part off the last touched range first, then delete the rest.
        Leaf lastLeaf = Locate(last, out int lastIndex);
        if (lastLeaf.Lasts[lastIndex] > last)
        {
            Splice(lastLeaf, lastIndex, 1, insert: true, last + 1, lastLeaf.Lasts[lastIndex]);
        }

        DeleteKeys(first, last);
    }

    /// <summary>Removes a range.</summary>
    /// <param name="range">The range.</param>
    public void Remove(AddressRange range) => Remove(range.First, range.Last);

    /// <summary>True when a range starting at <paramref name="first"/> overlaps or touches one ending at <paramref name="last"/> (no wrap at 2^64-1).</summary>
    private static bool Touches(ulong first, ulong last) => last == ulong.MaxValue || first <= last + 1;

    /// <summary>Deletes every range whose first address lies in <c>[from, to]</c>, one leaf per round, from the top down.</summary>
    private void DeleteKeys(ulong from, ulong to)
    {
        while (true)
        {
            Leaf leaf = Locate(to, out int index);
            if (index < 0 || leaf.Keys[index] < from)
            {
                return;
            }

            int start = LowerBound(leaf.Keys, 0, index + 1, from);
            Splice(leaf, start, index - start + 1, insert: false, 0, 0);
        }
    }
}
