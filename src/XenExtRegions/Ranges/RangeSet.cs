using System;
using System.Collections;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// CONTRACT STUB: the public surface below is fixed; the implementation lands with the Foundation issue.
// Semantics: ../shared/spec §3 (fixed subtraction). Every operation O(log n + k).

/// <summary>
/// A mutable set of disjoint, non-adjacent inclusive ranges of <see cref="ulong"/> with Xen's <c>rangeset</c>
/// semantics (touching ranges merge), exact over the whole space <c>[0, 2^64-1]</c>.
/// </summary>
public sealed class RangeSet : IReadOnlyCollection<AddressRange>
{
    /// <summary>Creates an empty set.</summary>
    public RangeSet() => throw new NotImplementedException();

    /// <summary>Creates a set holding the union of <paramref name="ranges"/>.</summary>
    /// <param name="ranges">Ranges in any order; overlapping or touching ones merge.</param>
    public RangeSet(IEnumerable<AddressRange> ranges) => throw new NotImplementedException();

    /// <summary>The number of stored (maximal) ranges.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>True when the set holds no address.</summary>
    public bool IsEmpty => throw new NotImplementedException();

    /// <summary>Adds <c>[first, last]</c>; merges with overlapping and touching ranges.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public void Add(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>Adds a range.</summary>
    /// <param name="range">The range.</param>
    public void Add(AddressRange range) => throw new NotImplementedException();

    /// <summary>Removes <c>[first, last]</c>; may split a range; removing absent addresses is a no-op.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/> &gt; <paramref name="last"/>.</exception>
    public void Remove(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>Removes a range.</summary>
    /// <param name="range">The range.</param>
    public void Remove(AddressRange range) => throw new NotImplementedException();

    /// <summary>True when one stored range covers all of <c>[first, last]</c>.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <returns>True when wholly contained.</returns>
    public bool Contains(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>True when <paramref name="address"/> is in the set.</summary>
    /// <param name="address">The address.</param>
    /// <returns>True when contained.</returns>
    public bool Contains(ulong address) => throw new NotImplementedException();

    /// <summary>True when some address of <c>[first, last]</c> is in the set.</summary>
    /// <param name="first">First address.</param>
    /// <param name="last">Last address (inclusive).</param>
    /// <returns>True when they overlap.</returns>
    public bool Overlaps(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>The stored range with the highest start that is &lt;= <paramref name="address"/> (Xen's <c>find_range</c>).</summary>
    /// <param name="address">The address.</param>
    /// <param name="range">The range found.</param>
    /// <returns>False when every range starts above <paramref name="address"/>.</returns>
    public bool TryFindFloor(ulong address, out AddressRange range) => throw new NotImplementedException();

    /// <summary>The stored ranges intersecting <c>[first, last]</c>, clipped to it, ascending (Xen's <c>rangeset_report_ranges</c>).</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <returns>The clipped ranges.</returns>
    public IEnumerable<AddressRange> Report(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>Calls <paramref name="callback"/> for each clipped range as Xen does; stops at the first non-zero result and returns it.</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <param name="callback">Receives each clipped range.</param>
    /// <returns>The first non-zero callback result, else 0.</returns>
    public int Report(ulong first, ulong last, Func<AddressRange, int> callback) => throw new NotImplementedException();

    /// <summary>Adds every range of <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    public void UnionWith(RangeSet other) => throw new NotImplementedException();

    /// <summary>Removes every range of <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    public void ExceptWith(RangeSet other) => throw new NotImplementedException();

    /// <summary>Keeps only addresses also in <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    public void IntersectWith(RangeSet other) => throw new NotImplementedException();

    /// <summary>The addresses of <c>[first, last]</c> not in this set.</summary>
    /// <param name="first">Window start.</param>
    /// <param name="last">Window end (inclusive).</param>
    /// <returns>A new set.</returns>
    public RangeSet Complement(ulong first, ulong last) => throw new NotImplementedException();

    /// <summary>Removes everything.</summary>
    public void Clear() => throw new NotImplementedException();

    /// <summary>A copy of the set.</summary>
    /// <returns>The copy.</returns>
    public RangeSet Clone() => throw new NotImplementedException();

    /// <summary>The ranges in ascending order.</summary>
    /// <returns>An array of the ranges.</returns>
    public AddressRange[] ToArray() => throw new NotImplementedException();

    /// <inheritdoc/>
    public IEnumerator<AddressRange> GetEnumerator() => throw new NotImplementedException();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
