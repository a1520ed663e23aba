using System;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// Read-only queries (rangeset_report_ranges, rangeset_contains_range, rangeset_overlaps_range of Xen's
// xen/common/rangeset.c): one descent each, plus an in-order walk for Report.
public sealed partial class RangeSet
{
    /// <summary>True when one stored range covers all of <c>[first, last]</c>.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <returns>True when wholly contained.</returns>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public bool Contains(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        Leaf leaf = Find(first, out int floor);
        return floor >= 0 && leaf.Lasts[floor] >= last;
    }

    /// <summary>True when one stored range covers all of <paramref name="range"/>.</summary>
    /// <param name="range">The range.</param>
    /// <returns>True when wholly contained.</returns>
    public bool Contains(AddressRange range) => Contains(range.First, range.Last);

    /// <summary>True when <paramref name="address"/> is in the set.</summary>
    /// <param name="address">The address.</param>
    /// <returns>True when contained.</returns>
    public bool Contains(ulong address) => Contains(address, address);

    /// <summary>True when some address of <c>[first, last]</c> is in the set.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <returns>True when they overlap.</returns>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public bool Overlaps(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        Leaf leaf = Find(last, out int floor);
        return floor >= 0 && leaf.Lasts[floor] >= first;
    }

    /// <summary>True when some address of <paramref name="range"/> is in the set.</summary>
    /// <param name="range">The range.</param>
    /// <returns>True when they overlap.</returns>
    public bool Overlaps(AddressRange range) => Overlaps(range.First, range.Last);

    /// <summary>The stored range with the highest start that is &lt;= <paramref name="address"/> (Xen's <c>find_range</c>).</summary>
    /// <param name="address">The address.</param>
    /// <param name="range">The range found.</param>
    /// <returns>False when every range starts above <paramref name="address"/>.</returns>
    public bool TryFindFloor(ulong address, out AddressRange range)
    {
        Leaf leaf = Find(address, out int floor);
        range = floor >= 0 ? new AddressRange(leaf.Keys[floor], leaf.Lasts[floor]) : default;
        return floor >= 0;
    }

    /// <summary>The stored ranges intersecting <c>[first, last]</c>, clipped to it, ascending (Xen's <c>rangeset_report_ranges</c>).</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <returns>The clipped ranges, produced lazily; changing the set while enumerating them throws <see cref="InvalidOperationException"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/> (thrown at the call, not on enumeration).</exception>
    public IEnumerable<AddressRange> Report(ulong first, ulong last)
    {
        ThrowIfInverted(first, last, nameof(first));
        return ReportIterator(first, last);
    }

    /// <summary>Calls <paramref name="callback"/> for each clipped range as Xen does; stops at the first non-zero result and returns it.</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <param name="callback">Receives each clipped range.</param>
    /// <returns>The first non-zero callback result, else 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The callback changed the set.</exception>
    public int Report(ulong first, ulong last, Func<AddressRange, int> callback)
    {
        ThrowIfInverted(first, last, nameof(first));
        if (callback is null)
        {
            throw new ArgumentNullException(nameof(callback));
        }

        // A direct walk of the leaf chain (no iterator object, no interface call per range), with the iterator's
        // rules: start at the range holding `first` or the first one above it, stop past `last`, and check for a
        // change to the set after every callback that asks to go on. Each leaf's arrays are taken once as spans cut
        // to its count, so the loop over a leaf indexes them without reloading the leaf or (for the keys) a bounds
        // check. Only the first range can start below `first`, so clipping every start to it changes no other.
        int version = _version;
        Leaf? leaf = Find(first, out int index);
        if (index < 0 || leaf.Lasts[index] < first)
        {
            index++;
        }

        do
        {
            ReadOnlySpan<ulong> keys = leaf.Keys.AsSpan(0, leaf.Count);
            ReadOnlySpan<ulong> lasts = leaf.Lasts.AsSpan(0, keys.Length);
            for (; (uint)index < (uint)keys.Length; index++)
            {
                ulong rangeFirst = keys[index];
                if (rangeFirst > last)
                {
                    return 0;
                }

                int result = callback(AddressRange.Ordered(Math.Max(rangeFirst, first), Math.Min(lasts[index], last)));
                if (result != 0)
                {
                    return result;
                }

                if (version != _version)
                {
                    throw CollectionChanged();
                }
            }

            index = 0;
            leaf = leaf.Next;
        }
        while (leaf is not null);

        return 0;
    }

    private IEnumerable<AddressRange> ReportIterator(ulong first, ulong last)
    {
        // Start at the range holding `first` when there is one, else at the first range above it; then walk the
        // leaf chain.
        int version = _version;
        Leaf? leaf = Find(first, out int index);
        if (index < 0 || leaf.Lasts[index] < first)
        {
            index++;
        }

        while (leaf is not null)
        {
            if (index >= leaf.Count)
            {
                leaf = leaf.Next;
                index = 0;
                continue;
            }

            ulong rangeFirst = leaf.Keys[index];
            if (rangeFirst > last)
            {
                yield break;
            }

            yield return new AddressRange(Math.Max(rangeFirst, first), Math.Min(leaf.Lasts[index], last));
            if (version != _version)
            {
                throw CollectionChanged();
            }

            index++;
        }
    }

    private static InvalidOperationException CollectionChanged() =>
        new("The range set was modified after the enumeration started.");
}
