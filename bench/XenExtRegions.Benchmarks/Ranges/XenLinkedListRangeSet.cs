using System;
using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// The baseline: a sorted doubly linked list of inclusive ranges searched linearly from the head, the way Xen's
/// xen/common/rangeset.c stores a rangeset (rangeset_add_range / rangeset_remove_range), with the fixed
/// subtraction. Written here from a description of that file, for comparison only.
/// </summary>
internal sealed class XenLinkedListRangeSet
{
    private sealed class Node
    {
        public ulong First;
        public ulong Last;
        public Node? Prev;
        public Node? Next;
    }

    private Node? _head;

    public int Count { get; private set; }

    /// <summary>Xen's find(): the last range whose start is &lt;= x, found by walking from the head.</summary>
    private Node? Find(ulong x)
    {
        Node? found = null;
        for (Node? node = _head; node is not null && node.First <= x; node = node.Next)
        {
            found = node;
        }

        return found;
    }

    public void Add(ulong first, ulong last)
    {
        Node? x = Find(first);
        if (x is null || (x.Last < first && x.Last + 1 != first))
        {
            // Starts a new range after x (or at the head).
            var node = new Node { First = first, Last = last };
            InsertAfter(x, node);
            x = node;
        }
        else if (x.Last < last)
        {
            x.Last = last;
        }

        // Swallow following ranges that overlap or touch x.
        while (x.Next is not null && x.Last != ulong.MaxValue && x.Next.First <= x.Last + 1)
        {
            Node next = x.Next;
            x.Last = Math.Max(x.Last, next.Last);
            Unlink(next);
        }

        if (x.Last == ulong.MaxValue)
        {
            while (x.Next is not null)
            {
                Unlink(x.Next);
            }
        }
    }

    public void Remove(ulong first, ulong last)
    {
        Node? x = Find(first);
        Node? node;
        if (x is not null && x.Last >= first)
        {
            if (x.First < first)
            {
                ulong oldLast = x.Last;
                x.Last = first - 1;
                if (oldLast > last)
                {
                    InsertAfter(x, new Node { First = last + 1, Last = oldLast });
                    return;
                }

                node = x.Next;
            }
            else
            {
                node = x;
            }
        }
        else
        {
            node = x is null ? _head : x.Next;
        }

        while (node is not null && node.First <= last)
        {
            Node? next = node.Next;
            if (node.Last > last)
            {
                node.First = last + 1;
                break;
            }

            Unlink(node);
            node = next;
        }
    }

    /// <summary>A list of canonical sorted ranges, appended in O(n).</summary>
    public static XenLinkedListRangeSet FromSorted(IReadOnlyList<AddressRange> sorted)
    {
        var set = new XenLinkedListRangeSet();
        Node? tail = null;
        foreach (AddressRange range in sorted)
        {
            var node = new Node { First = range.First, Last = range.Last };
            set.InsertAfter(tail, node);
            tail = node;
        }

        return set;
    }

    public bool Contains(ulong first, ulong last)
    {
        Node? x = Find(first);
        return x is not null && x.Last >= last;
    }

    public int Report(ulong first, ulong last, Func<AddressRange, int> callback)
    {
        for (Node? node = _head; node is not null && node.First <= last; node = node.Next)
        {
            if (node.Last >= first)
            {
                int result = callback(new AddressRange(Math.Max(node.First, first), Math.Min(node.Last, last)));
                if (result != 0)
                {
                    return result;
                }
            }
        }

        return 0;
    }

    /// <summary>A plain walk from the head: the sum of <c>First ^ Last</c> over every range (the side-by-side suite's peer).</summary>
    public long Checksum()
    {
        long sum = 0;
        for (Node? node = _head; node is not null; node = node.Next)
        {
            sum += (long)(node.First ^ node.Last);
        }

        return sum;
    }

    public List<AddressRange> ToList()
    {
        var list = new List<AddressRange>(Count);
        for (Node? node = _head; node is not null; node = node.Next)
        {
            list.Add(new AddressRange(node.First, node.Last));
        }

        return list;
    }

    private void InsertAfter(Node? previous, Node node)
    {
        Node? next = previous is null ? _head : previous.Next;
        node.Prev = previous;
        node.Next = next;
        if (next is not null)
        {
            next.Prev = node;
        }

        if (previous is null)
        {
            _head = node;
        }
        else
        {
            previous.Next = node;
        }

        Count++;
    }

    private void Unlink(Node node)
    {
        if (node.Prev is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Prev.Next = node.Next;
        }

        if (node.Next is not null)
        {
            node.Next.Prev = node.Prev;
        }

        Count--;
    }
}
