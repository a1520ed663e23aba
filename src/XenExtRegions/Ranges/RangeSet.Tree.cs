using System.Collections.Generic;
using System.Threading;

namespace XenExtRegions.Ranges;

// The treap: a binary search tree keyed by First whose priorities are random and heap-ordered, which keeps the
// expected depth near 2.5 ln n (about 35 at a million ranges). Split and merge recurse over that depth only.
public sealed partial class RangeSet
{
    private static int s_seedCounter;

    private sealed class Node
    {
        public Node(ulong first, ulong last, uint priority)
        {
            First = first;
            Last = last;
            Priority = priority;
            Size = 1;
        }

        public ulong First;
        public ulong Last;
        public uint Priority;
        public int Size;
        public Node? Left;
        public Node? Right;

        public void Update() => Size = 1 + (Left?.Size ?? 0) + (Right?.Size ?? 0);
    }

    /// <summary>A seed that differs per instance, so callers cannot steer the tree shape by choosing the order of keys.</summary>
    private static uint NextSeed()
    {
        uint seed = unchecked((uint)Interlocked.Increment(ref s_seedCounter) * 0x9E3779B9u) ^ (uint)System.Environment.TickCount;
        return seed == 0 ? 0x6D2B79F5u : seed;
    }

    /// <summary>xorshift32: cheap and good enough for treap priorities.</summary>
    private uint NextPriority()
    {
        uint x = _random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _random = x;
        return x;
    }

    private Node NewNode(ulong first, ulong last) => new(first, last, NextPriority());

    /// <summary>Splits <paramref name="tree"/> into the nodes with First &lt; <paramref name="key"/> and the rest.</summary>
    private static void SplitBefore(Node? tree, ulong key, out Node? less, out Node? rest)
    {
        if (tree is null)
        {
            less = null;
            rest = null;
            return;
        }

        if (tree.First < key)
        {
            SplitBefore(tree.Right, key, out Node? middle, out rest);
            tree.Right = middle;
            tree.Update();
            less = tree;
        }
        else
        {
            SplitBefore(tree.Left, key, out less, out Node? middle);
            tree.Left = middle;
            tree.Update();
            rest = tree;
        }
    }

    /// <summary>Splits <paramref name="tree"/> into the nodes with First &lt;= <paramref name="key"/> and the rest.</summary>
    private static void SplitAfter(Node? tree, ulong key, out Node? upTo, out Node? rest)
    {
        if (tree is null)
        {
            upTo = null;
            rest = null;
            return;
        }

        if (tree.First <= key)
        {
            SplitAfter(tree.Right, key, out Node? middle, out rest);
            tree.Right = middle;
            tree.Update();
            upTo = tree;
        }
        else
        {
            SplitAfter(tree.Left, key, out upTo, out Node? middle);
            tree.Left = middle;
            tree.Update();
            rest = tree;
        }
    }

    /// <summary>Joins two treaps where every key of <paramref name="low"/> is below every key of <paramref name="high"/>.</summary>
    private static Node? Merge(Node? low, Node? high)
    {
        if (low is null)
        {
            return high;
        }

        if (high is null)
        {
            return low;
        }

        if (low.Priority >= high.Priority)
        {
            low.Right = Merge(low.Right, high);
            low.Update();
            return low;
        }

        high.Left = Merge(low, high.Left);
        high.Update();
        return high;
    }

    private static Node Max(Node tree)
    {
        while (tree.Right is not null)
        {
            tree = tree.Right;
        }

        return tree;
    }

    /// <summary>Removes the rightmost node; returns the new root.</summary>
    private static Node? RemoveMax(Node tree)
    {
        if (tree.Right is null)
        {
            return tree.Left;
        }

        tree.Right = RemoveMax(tree.Right);
        tree.Update();
        return tree;
    }

    /// <summary>The node with the highest First &lt;= <paramref name="key"/>, or null (Xen's <c>find_range</c>).</summary>
    private Node? FindFloor(ulong key)
    {
        Node? node = _root;
        Node? best = null;
        while (node is not null)
        {
            if (node.First <= key)
            {
                best = node;
                node = node.Right;
            }
            else
            {
                node = node.Left;
            }
        }

        return best;
    }

    /// <summary>Builds a balanced treap from canonical sorted ranges in O(n).</summary>
    private Node? BuildFromSorted(List<AddressRange> sorted) => Build(sorted, 0, sorted.Count - 1, out _);

    private Node? Build(List<AddressRange> sorted, int low, int high, out int height)
    {
        if (low > high)
        {
            height = 0;
            return null;
        }

        int mid = low + ((high - low) / 2);
        Node? left = Build(sorted, low, mid - 1, out int leftHeight);
        Node? right = Build(sorted, mid + 1, high, out int rightHeight);
        height = 1 + (leftHeight > rightHeight ? leftHeight : rightHeight);

        // Heap order must hold: a node's priority band grows with its height (at most 31 for int counts), and
        // the low bits stay random so later inserts still land at random depths.
        uint priority = ((uint)height << 26) | (NextPriority() & 0x03FF_FFFFu);
        var node = new Node(sorted[mid].First, sorted[mid].Last, priority) { Left = left, Right = right };
        node.Update();
        return node;
    }
}
