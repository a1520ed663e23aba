using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The strings block of a DTB being written, laid out as dtc 1.6.1 lays it out: names are added in the order the
/// writer meets them, and a name that already ends some earlier string (the whole string or a tail of it, e.g.
/// <c>reg</c> inside <c>interrupt-reg</c>) is given the offset of that tail in the earliest such string instead of
/// a new copy. A tree dtc wrote therefore comes out with dtc's bytes.
/// </summary>
/// <remarks>
/// dtc finds the tail by comparing the name at every offset of the block, which is quadratic on a blob built to be
/// slow. Here the stored strings form a compacted trie read from their last byte backwards: a trie node stands for
/// a tail of some depth and remembers where that tail begins in the earliest string ending with it, and an edge's
/// bytes are not stored but read from the block through the node below it. Adding or finding a name therefore
/// costs its length in byte comparisons and dictionary steps, whatever the block holds, and the trie has at most
/// two nodes per stored string. Names seen before as the same string instance (every property of a tree read from
/// a DTB shares one instance per name) are answered from a reference-keyed cache without reading them again.
/// </remarks>
internal sealed class DtbStringsBlock
{
    private const int Root = 0;

    // Edge (trie node, first byte below it, reading towards the start of the name) → child node, keyed node * 256 + byte.
    private readonly Dictionary<long, int> _children = new();

    // Per trie node: the tail's length, and the block offset where it begins in the earliest string ending with it.
    private readonly List<int> _depth = new() { 0 };
    private readonly List<int> _tailOffset = new() { 0 };
    private readonly Dictionary<string, int> _offsetByInstance = new(InstanceComparer.Instance);
    private byte[] _bytes = new byte[256];
    private byte[] _scratch = new byte[64];
    private int _firstStringLength = -1;

    /// <summary>The block's length in bytes so far.</summary>
    public int Length { get; private set; }

    /// <summary>Trie nodes in use, the root included: at most twice the stored strings plus one.</summary>
    internal int TrieNodeCount => _depth.Count;

    /// <summary>The block's bytes so far.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

    /// <summary>True when this very string instance was added before (its bytes need no second check).</summary>
    public bool HasInstance(string name) => _offsetByInstance.ContainsKey(name);

    /// <summary>The offset of <paramref name="name"/>, adding it (with its NUL) when no stored string ends with it.</summary>
    /// <exception cref="ArgumentException">The block would exceed 2 GiB.</exception>
    public int Add(string name)
    {
        if (_offsetByInstance.TryGetValue(name, out int known))
        {
            return known;
        }

        int length = EscapedUtf8.GetByteCount(name);
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        EscapedUtf8.Encode(name, _scratch, 0);
        int offset = Add(_scratch.AsSpan(0, length));
        _offsetByInstance.Add(name, offset);
        return offset;
    }

    /// <summary>The offset of the NUL-free <paramref name="name"/>, adding it when no stored string ends with it.</summary>
    /// <exception cref="ArgumentException">The block would exceed 2 GiB.</exception>
    public int Add(ReadOnlySpan<byte> name)
    {
        int length = name.Length;
        if (length == 0)
        {
            // dtc answers an empty name with the first NUL of the block; the model has no empty property names.
            return _firstStringLength >= 0 ? _firstStringLength : Append(name);
        }

        int node = Root;
        int depth = 0;
        while (depth < length)
        {
            byte next = name[length - 1 - depth];
            if (!_children.TryGetValue(Key(node, next), out int child))
            {
                int start = Append(name);
                _children.Add(Key(node, next), NewNode(length, start));
                return start;
            }

            int childDepth = _depth[child];
            int childTail = _tailOffset[child];
            int limit = Math.Min(childDepth, length);
            int matched = depth + 1;
            while (matched < limit && _bytes[childTail + childDepth - 1 - matched] == name[length - 1 - matched])
            {
                matched++;
            }

            if (matched == childDepth)
            {
                node = child;
                depth = childDepth;
                continue;
            }

            if (matched == length)
            {
                // The name ends inside the edge: every string below it ends with the name, the earliest first.
                return childTail + childDepth - length;
            }

            // The name leaves the edge part way: split it, the upper half keeping the earlier strings' offset.
            int added = Append(name);
            int middle = NewNode(matched, childTail + childDepth - matched);
            _children[Key(node, next)] = middle;
            _children.Add(Key(middle, _bytes[childTail + childDepth - 1 - matched]), child);
            _children.Add(Key(middle, name[length - 1 - matched]), NewNode(length, added));
            return added;
        }

        return _tailOffset[node];
    }

    private int NewNode(int depth, int tailOffset)
    {
        _depth.Add(depth);
        _tailOffset.Add(tailOffset);
        return _depth.Count - 1;
    }

    private static long Key(int node, byte next) => ((long)node << 8) | next;

    private int Append(ReadOnlySpan<byte> name)
    {
        long needed = (long)Length + name.Length + 1;
        if (needed > int.MaxValue - 64)
        {
            throw new ArgumentException("The property names need a strings block over 2 GiB; a DTB is limited to 2 GiB.");
        }

        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Math.Max(needed, (long)_bytes.Length * 2), int.MaxValue - 64));
        }

        int start = Length;
        name.CopyTo(_bytes.AsSpan(start));
        _bytes[start + name.Length] = 0;
        Length = (int)needed;
        if (_firstStringLength < 0)
        {
            _firstStringLength = name.Length;
        }

        return start;
    }

    /// <summary>Keys strings by identity, so a hit never reads the characters of a long name.</summary>
    private sealed class InstanceComparer : IEqualityComparer<string>
    {
        public static readonly InstanceComparer Instance = new();

        public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

        public int GetHashCode(string obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
