using System;

namespace XenExtRegions.Ranges;

// Add and Remove (spec §3.1, §3.2 with the fixed subtraction). Each cuts the tree into the part below the
// touched ranges, the touched ranges and the part above, then glues the pieces back: O(log n) plus O(1) for
// dropping the touched ranges as one subtree.
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

        SplitBefore(_root, first, out Node? below, out Node? rest);
        ulong newFirst = first;
        ulong newLast = last;

        // The highest range starting below `first` merges when it reaches first - 1 (first > 0 here, since a
        // range starts below it).
        if (below is not null)
        {
            Node predecessor = Max(below);
            if (predecessor.Last >= first - 1)
            {
                newFirst = predecessor.First;
                newLast = Math.Max(newLast, predecessor.Last);
                below = RemoveMax(below);
            }
        }

        // Every range starting at or before newLast + 1 is swallowed; at the top of the space that is all of them.
        Node? swallowed;
        Node? above;
        if (newLast == ulong.MaxValue)
        {
            swallowed = rest;
            above = null;
        }
        else
        {
            SplitAfter(rest, newLast + 1, out swallowed, out above);
        }

        if (swallowed is not null)
        {
            newLast = Math.Max(newLast, Max(swallowed).Last);
        }

        _root = Merge(Merge(below, NewNode(newFirst, newLast)), above);
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

        SplitBefore(_root, first, out Node? below, out Node? rest);
        Node? tail = null;

        // A range starting below `first` is truncated only when it reaches `first` (the fixed subtraction; the
        // old code truncated it unconditionally and so extended it over the gap). If it also runs past `last`,
        // its upper part survives as a new range and nothing in `rest` can start at or before `last`.
        if (below is not null)
        {
            Node predecessor = Max(below);
            if (predecessor.Last >= first)
            {
                ulong oldLast = predecessor.Last;
                predecessor.Last = first - 1;
                if (oldLast > last)
                {
                    tail = NewNode(last + 1, oldLast);
                }
            }
        }

        if (tail is null)
        {
            Node? removed;
            if (last == ulong.MaxValue)
            {
                removed = rest;
                rest = null;
            }
            else
            {
                SplitAfter(rest, last, out removed, out rest);
            }

            // The last removed range may run past `last` (then last < 2^64-1): keep its upper part.
            if (removed is not null)
            {
                Node highest = Max(removed);
                if (highest.Last > last)
                {
                    tail = NewNode(last + 1, highest.Last);
                }
            }
        }

        _root = Merge(Merge(below, tail), rest);
    }

    /// <summary>Removes a range.</summary>
    /// <param name="range">The range.</param>
    public void Remove(AddressRange range) => Remove(range.First, range.Last);
}
