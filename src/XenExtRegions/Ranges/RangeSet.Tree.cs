using System;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// The storage: a B+tree keyed by First. Leaves hold up to _capacity (64) ranges in two sorted arrays and are
// linked both ways, so in-order walks never recurse; inner nodes hold the exact minimum key of each child.
// Height is about log_32(n) (4 at a million ranges), and one leaf is a few cache lines, which is what makes
// it fast: a pointer-per-range tree spends its time in cache misses at this size.
public sealed partial class RangeSet
{
    private const int DefaultCapacity = 64;

    // Keys per leaf and children per inner node; tests shrink it to grow deep trees from few ranges.
    private readonly int _capacity = DefaultCapacity;

    // Below this a non-root node borrows from or merges with a sibling.
    private readonly int _minFill = DefaultCapacity / 4;

    private Page _root;
    private int _height;                      // number of inner levels above the leaves
    private int _count;
    private Inner[] _pathNodes = new Inner[16];
    private int[] _pathIndex = new int[16];

    /// <summary>Creates an empty set whose nodes hold <paramref name="nodeCapacity"/> entries (tests use tiny ones).</summary>
    internal RangeSet(int nodeCapacity)
    {
        if (nodeCapacity < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCapacity), nodeCapacity, "A node needs room for at least 4 entries.");
        }

        _capacity = nodeCapacity;
        _minFill = Math.Max(2, nodeCapacity / 4);
        _root = new Leaf(nodeCapacity);
    }

    private abstract class Page
    {
        // One spare slot so an insertion can overflow by one before the node splits.
        protected Page(int capacity) => Keys = new ulong[capacity + 1];

        public readonly ulong[] Keys;
        public int Count;
    }

    private sealed class Leaf : Page
    {
        public Leaf(int capacity)
            : base(capacity) => Lasts = new ulong[capacity + 1];

        public readonly ulong[] Lasts;
        public Leaf? Prev;
        public Leaf? Next;
    }

    private sealed class Inner : Page
    {
        public Inner(int capacity)
            : base(capacity) => Children = new Page[capacity + 1];

        public readonly Page[] Children;
    }

    /// <summary>The largest index whose key is &lt;= <paramref name="key"/>, or -1.</summary>
    private static int FloorIndex(ulong[] keys, int count, ulong key)
    {
        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            int mid = (low + high) >> 1;
            if (keys[mid] <= key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return high;
    }

    /// <summary>The first index in <c>[from, count)</c> whose key is &gt;= <paramref name="key"/>, or count.</summary>
    private static int LowerBound(ulong[] keys, int from, int count, ulong key)
    {
        int low = from;
        int high = count;
        while (low < high)
        {
            int mid = (low + high) >> 1;
            if (keys[mid] < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// Descends to the leaf holding the floor of <paramref name="key"/>, recording the path for a following
    /// <see cref="Splice"/>; returns the floor's index in that leaf, or -1 when every range starts above the key.
    /// </summary>
    private Leaf Locate(ulong key, out int index)
    {
        Page page = _root;
        for (int level = 0; level < _height; level++)
        {
            var inner = (Inner)page;
            int child = FloorIndex(inner.Keys, inner.Count, key);
            if (child < 0)
            {
                child = 0;
            }

            _pathNodes[level] = inner;
            _pathIndex[level] = child;
            page = inner.Children[child];
        }

        var leaf = (Leaf)page;
        index = FloorIndex(leaf.Keys, leaf.Count, key);
        return leaf;
    }

    /// <summary>Like <see cref="Locate"/> but records nothing, so concurrent readers do not disturb each other.</summary>
    private Leaf Find(ulong key, out int index)
    {
        Page page = _root;
        for (int level = 0; level < _height; level++)
        {
            var inner = (Inner)page;
            int child = FloorIndex(inner.Keys, inner.Count, key);
            page = inner.Children[child < 0 ? 0 : child];
        }

        var leaf = (Leaf)page;
        index = FloorIndex(leaf.Keys, leaf.Count, key);
        return leaf;
    }

    /// <summary>
    /// Replaces <paramref name="removeCount"/> ranges of <paramref name="leaf"/> at <paramref name="start"/> by
    /// the range <c>[first, last]</c> when <paramref name="insert"/> is set, then restores the tree's shape.
    /// The leaf must be the one the last <see cref="Locate"/> reached, and the result must stay sorted.
    /// </summary>
    private void Splice(Leaf leaf, int start, int removeCount, bool insert, ulong first, ulong last)
    {
        int added = insert ? 1 : 0;
        int tail = leaf.Count - start - removeCount;
        if (removeCount != added && tail > 0)
        {
            Array.Copy(leaf.Keys, start + removeCount, leaf.Keys, start + added, tail);
            Array.Copy(leaf.Lasts, start + removeCount, leaf.Lasts, start + added, tail);
        }

        if (insert)
        {
            leaf.Keys[start] = first;
            leaf.Lasts[start] = last;
        }

        leaf.Count += added - removeCount;
        _count += added - removeCount;

        if (start == 0 && leaf.Count > 0 && _height > 0)
        {
            SetKey(_height - 1, _pathIndex[_height - 1], leaf.Keys[0]);
        }

        if (leaf.Count > _capacity)
        {
            SplitLeaf(leaf);
        }
        else if (leaf.Count < _minFill && _height > 0)
        {
            RebalanceLeaf(leaf);
        }
    }

    /// <summary>Sets the key of child <paramref name="index"/> of the path node at <paramref name="level"/>, and its ancestors' keys while it is their minimum.</summary>
    private void SetKey(int level, int index, ulong key)
    {
        while (true)
        {
            _pathNodes[level].Keys[index] = key;
            if (index != 0 || level == 0)
            {
                return;
            }

            level--;
            index = _pathIndex[level];
        }
    }

    private void SplitLeaf(Leaf leaf)
    {
        var right = new Leaf(_capacity);
        int keep = leaf.Count / 2;
        int move = leaf.Count - keep;
        Array.Copy(leaf.Keys, keep, right.Keys, 0, move);
        Array.Copy(leaf.Lasts, keep, right.Lasts, 0, move);
        right.Count = move;
        leaf.Count = keep;

        right.Next = leaf.Next;
        right.Prev = leaf;
        if (leaf.Next is not null)
        {
            leaf.Next.Prev = right;
        }

        leaf.Next = right;
        InsertChild(_height - 1, leaf, right);
    }

    /// <summary>Inserts <paramref name="right"/> just after <paramref name="left"/>, whose parent is the path node at <paramref name="level"/> (-1: left is the root).</summary>
    private void InsertChild(int level, Page left, Page right)
    {
        while (true)
        {
            if (level < 0)
            {
                var root = new Inner(_capacity) { Count = 2 };
                root.Keys[0] = left.Keys[0];
                root.Keys[1] = right.Keys[0];
                root.Children[0] = left;
                root.Children[1] = right;
                _root = root;
                _height++;
                if (_height > _pathNodes.Length)
                {
                    Array.Resize(ref _pathNodes, _pathNodes.Length * 2);
                    Array.Resize(ref _pathIndex, _pathIndex.Length * 2);
                }

                return;
            }

            Inner parent = _pathNodes[level];
            int at = _pathIndex[level] + 1;
            int tail = parent.Count - at;
            Array.Copy(parent.Keys, at, parent.Keys, at + 1, tail);
            Array.Copy(parent.Children, at, parent.Children, at + 1, tail);
            parent.Keys[at] = right.Keys[0];
            parent.Children[at] = right;
            parent.Count++;
            if (parent.Count <= _capacity)
            {
                return;
            }

            var sibling = new Inner(_capacity);
            int keep = parent.Count / 2;
            int move = parent.Count - keep;
            Array.Copy(parent.Keys, keep, sibling.Keys, 0, move);
            Array.Copy(parent.Children, keep, sibling.Children, 0, move);
            Array.Clear(parent.Children, keep, move);
            sibling.Count = move;
            parent.Count = keep;

            left = parent;
            right = sibling;
            level--;
        }
    }

    private void RebalanceLeaf(Leaf leaf)
    {
        int level = _height - 1;
        Inner parent = _pathNodes[level];
        int index = _pathIndex[level];
        int rightIndex = index + 1 < parent.Count ? index + 1 : index;
        var left = (Leaf)parent.Children[rightIndex - 1];
        var right = (Leaf)parent.Children[rightIndex];

        if (left.Count + right.Count <= _capacity)
        {
            Array.Copy(right.Keys, 0, left.Keys, left.Count, right.Count);
            Array.Copy(right.Lasts, 0, left.Lasts, left.Count, right.Count);
            left.Count += right.Count;
            left.Next = right.Next;
            if (right.Next is not null)
            {
                right.Next.Prev = left;
            }

            RemoveChild(level, rightIndex);
            if (left.Count > 0)
            {
                SetKey(level, rightIndex - 1, left.Keys[0]);
            }

            RebalanceInner(level);
            return;
        }

        int total = left.Count + right.Count;
        int wantLeft = total / 2;
        if (left.Count < wantLeft)
        {
            int move = wantLeft - left.Count;
            Array.Copy(right.Keys, 0, left.Keys, left.Count, move);
            Array.Copy(right.Lasts, 0, left.Lasts, left.Count, move);
            Array.Copy(right.Keys, move, right.Keys, 0, right.Count - move);
            Array.Copy(right.Lasts, move, right.Lasts, 0, right.Count - move);
        }
        else
        {
            int move = left.Count - wantLeft;
            Array.Copy(right.Keys, 0, right.Keys, move, right.Count);
            Array.Copy(right.Lasts, 0, right.Lasts, move, right.Count);
            Array.Copy(left.Keys, wantLeft, right.Keys, 0, move);
            Array.Copy(left.Lasts, wantLeft, right.Lasts, 0, move);
        }

        left.Count = wantLeft;
        right.Count = total - wantLeft;
        SetKey(level, rightIndex, right.Keys[0]);
        SetKey(level, rightIndex - 1, left.Keys[0]);
    }

    /// <summary>Removes child <paramref name="index"/> (never the first) of the path node at <paramref name="level"/>.</summary>
    private void RemoveChild(int level, int index)
    {
        Inner node = _pathNodes[level];
        int tail = node.Count - index - 1;
        Array.Copy(node.Keys, index + 1, node.Keys, index, tail);
        Array.Copy(node.Children, index + 1, node.Children, index, tail);
        node.Count--;
        node.Children[node.Count] = null!;
    }

    /// <summary>Restores the fill of the path node at <paramref name="level"/> after it lost a child.</summary>
    private void RebalanceInner(int level)
    {
        while (true)
        {
            Inner node = _pathNodes[level];
            if (level == 0)
            {
                if (node.Count == 1)
                {
                    _root = node.Children[0];
                    _height--;
                }

                return;
            }

            if (node.Count >= _minFill)
            {
                return;
            }

            Inner parent = _pathNodes[level - 1];
            int index = _pathIndex[level - 1];
            int rightIndex = index + 1 < parent.Count ? index + 1 : index;
            var left = (Inner)parent.Children[rightIndex - 1];
            var right = (Inner)parent.Children[rightIndex];

            if (left.Count + right.Count <= _capacity)
            {
                Array.Copy(right.Keys, 0, left.Keys, left.Count, right.Count);
                Array.Copy(right.Children, 0, left.Children, left.Count, right.Count);
                left.Count += right.Count;
                RemoveChild(level - 1, rightIndex);
                level--;
                continue;
            }

            int total = left.Count + right.Count;
            int wantLeft = total / 2;
            if (left.Count < wantLeft)
            {
                int move = wantLeft - left.Count;
                Array.Copy(right.Keys, 0, left.Keys, left.Count, move);
                Array.Copy(right.Children, 0, left.Children, left.Count, move);
                Array.Copy(right.Keys, move, right.Keys, 0, right.Count - move);
                Array.Copy(right.Children, move, right.Children, 0, right.Count - move);
                Array.Clear(right.Children, right.Count - move, move);
            }
            else
            {
                int move = left.Count - wantLeft;
                Array.Copy(right.Keys, 0, right.Keys, move, right.Count);
                Array.Copy(right.Children, 0, right.Children, move, right.Count);
                Array.Copy(left.Keys, wantLeft, right.Keys, 0, move);
                Array.Copy(left.Children, wantLeft, right.Children, 0, move);
                Array.Clear(left.Children, wantLeft, move);
            }

            left.Count = wantLeft;
            right.Count = total - wantLeft;
            SetKey(level - 1, rightIndex, right.Keys[0]);
            return;
        }
    }

    /// <summary>Replaces the content by canonical sorted ranges, building full-enough nodes bottom-up in O(n).</summary>
    private void BuildFromSorted(List<AddressRange> sorted)
    {
        _count = sorted.Count;
        var level = new List<Page>();
        int leaves = Math.Max(1, DivideRoundingUp(sorted.Count, _capacity * 3 / 4));
        Leaf? previous = null;
        for (int i = 0, at = 0; i < leaves; i++)
        {
            // Spread evenly, so every leaf holds at least MinFill ranges whenever there is more than one.
            int size = (sorted.Count / leaves) + (i < sorted.Count % leaves ? 1 : 0);
            var leaf = new Leaf(_capacity) { Count = size, Prev = previous };
            for (int j = 0; j < size; j++, at++)
            {
                leaf.Keys[j] = sorted[at].First;
                leaf.Lasts[j] = sorted[at].Last;
            }

            if (previous is not null)
            {
                previous.Next = leaf;
            }

            previous = leaf;
            level.Add(leaf);
        }

        _height = 0;
        while (level.Count > 1)
        {
            var parents = new List<Page>();
            int groups = DivideRoundingUp(level.Count, _capacity * 3 / 4);
            for (int i = 0, at = 0; i < groups; i++)
            {
                int size = (level.Count / groups) + (i < level.Count % groups ? 1 : 0);
                var inner = new Inner(_capacity) { Count = size };
                for (int j = 0; j < size; j++, at++)
                {
                    inner.Keys[j] = level[at].Keys[0];
                    inner.Children[j] = level[at];
                }

                parents.Add(inner);
            }

            level = parents;
            _height++;
        }

        _root = level[0];
        if (_height > _pathNodes.Length)
        {
            _pathNodes = new Inner[_height * 2];
            _pathIndex = new int[_height * 2];
        }
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;

    private Leaf FirstLeaf()
    {
        Page page = _root;
        for (int level = 0; level < _height; level++)
        {
            page = ((Inner)page).Children[0];
        }

        return (Leaf)page;
    }
}
