using System;
using System.Collections;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

/// <summary>
/// A mutable set of disjoint, non-adjacent inclusive ranges of <see cref="ulong"/> with Xen's <c>rangeset</c>
/// semantics (touching ranges merge), exact over the whole space <c>[0, 2^64-1]</c>.
/// </summary>
/// <remarks>
/// <para>
/// The stored form is canonical: ranges are sorted, disjoint and separated by at least one absent address, so
/// two sets holding the same addresses hold the same ranges. Removal follows Xen's <em>fixed</em> subtraction
/// (commit e118fc98e7); the historic over-extension bug is not reproduced here.
/// </para>
/// <para>
/// The ranges live in a B+tree keyed by <see cref="AddressRange.First"/>, so
/// <see cref="Add(ulong, ulong)"/>, <see cref="Remove(ulong, ulong)"/> and the queries cost
/// <c>O(log n + k)</c> for <c>k</c> ranges touched. Xen's own set is a linked list with a linear search.
/// Mutating the set invalidates running enumerations (<see cref="InvalidOperationException"/>), as in the BCL
/// collections. Concurrent readers are safe; a writer needs exclusive access.
/// </para>
/// </remarks>
public sealed partial class RangeSet : IReadOnlyCollection<AddressRange>
{
    private int _version;

    /// <summary>Creates an empty set.</summary>
    public RangeSet() => _root = new Leaf(_capacity);

    /// <summary>Creates a set holding the union of <paramref name="ranges"/>.</summary>
    /// <param name="ranges">Ranges in any order; overlapping or touching ones merge.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ranges"/> is null.</exception>
    public RangeSet(IEnumerable<AddressRange> ranges)
        : this()
    {
        if (ranges is null)
        {
            throw new ArgumentNullException(nameof(ranges));
        }

        var list = new List<AddressRange>(ranges);
        list.Sort();
        BuildFromSorted(Canonicalize(list));
    }

    /// <summary>The number of stored (maximal) ranges.</summary>
    public int Count => _count;

    /// <summary>True when the set holds no address.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        _root = new Leaf(_capacity);
        _height = 0;
        _count = 0;
        _version++;
    }

    /// <summary>A copy of the set.</summary>
    /// <returns>The copy.</returns>
    public RangeSet Clone()
    {
        var copy = new RangeSet(_capacity);
        copy.BuildFromSorted(ToList());
        return copy;
    }

    /// <summary>The ranges in ascending order.</summary>
    /// <returns>An array of the ranges.</returns>
    public AddressRange[] ToArray() => ToList().ToArray();

    /// <summary>Prints the ranges as Xen's rangeset dump does: <c>{ [0x0, 0xfff], [0x2000, 0x2fff] }</c>.</summary>
    /// <returns>The ranges in hexadecimal.</returns>
    public override string ToString() => "{ " + string.Join(", ", ToList()) + " }";

    /// <inheritdoc/>
    public IEnumerator<AddressRange> GetEnumerator() => new Enumerator(this);

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws the documented <see cref="ArgumentException"/> when <paramref name="first"/> &gt; <paramref name="last"/>.</summary>
    private static void ThrowIfInverted(ulong first, ulong last, string paramName)
    {
        if (first > last)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"A range needs first <= last, but first is 0x{first:x} and last is 0x{last:x}."),
                paramName);
        }
    }

    private List<AddressRange> ToList()
    {
        var list = new List<AddressRange>(_count);
        for (Leaf? leaf = FirstLeaf(); leaf is not null; leaf = leaf.Next)
        {
            for (int i = 0; i < leaf.Count; i++)
            {
                list.Add(new AddressRange(leaf.Keys[i], leaf.Lasts[i]));
            }
        }

        return list;
    }

    /// <summary>Merges a list sorted by first address into canonical form (disjoint, non-adjacent), in place.</summary>
    private static List<AddressRange> Canonicalize(List<AddressRange> sorted)
    {
        int count = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            AddressRange next = sorted[i];
            if (count > 0)
            {
                AddressRange previous = sorted[count - 1];

                // previous.Last + 1 >= next.First, written so that previous.Last = 2^64-1 does not wrap.
                if (previous.Last >= next.First || previous.Last + 1 == next.First)
                {
                    sorted[count - 1] = new AddressRange(previous.First, Math.Max(previous.Last, next.Last));
                    continue;
                }
            }

            sorted[count++] = next;
        }

        sorted.RemoveRange(count, sorted.Count - count);
        return sorted;
    }
}
