using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Finds the first child (in document order) whose name an earlier sibling already has. A hash table does it in
/// linear time; because names are chosen by whoever wrote the blob, the table has a probe budget, and a blob that
/// exhausts it (crafted collisions) is checked by sorting instead, so no input costs more than O(n log n).
/// </summary>
internal sealed class SiblingNameCheck
{
    private readonly int _probesPerChild;
    private int[] _table = Array.Empty<int>();

    /// <summary>Creates a check.</summary>
    /// <param name="probesPerChild">Probes allowed per child before falling back to sorting; honest names need about one.</param>
    public SiblingNameCheck(int probesPerChild = 8) => _probesPerChild = probesPerChild;

    /// <summary>The index of the first duplicate, or null when all names differ.</summary>
    public int? FindFirstDuplicate(List<DtbChildEntry> children)
    {
        int size = 16;
        while (size < children.Count * 2)
        {
            size *= 2;
        }

        if (_table.Length < size)
        {
            _table = new int[size];
        }
        else
        {
            Array.Clear(_table, 0, size);
        }

        int mask = size - 1;
        long budget = (long)children.Count * _probesPerChild;
        for (int i = 0; i < children.Count; i++)
        {
            DtbChildEntry child = children[i];
            int slot = (int)(child.NameHash & (uint)mask);

            // Slots hold index + 1; inserting in document order makes the first hit the first duplicate.
            while (_table[slot] != 0)
            {
                if (--budget < 0)
                {
                    return FindFirstDuplicateBySorting(children);
                }

                if (DtbChildEntry.SameName(children[_table[slot] - 1], child))
                {
                    return i;
                }

                slot = (slot + 1) & mask;
            }

            _table[slot] = i + 1;
        }

        return null;
    }

    /// <summary>Drops the table when it has more than <paramref name="limit"/> slots, so a cached check stays small.</summary>
    public void Release(int limit)
    {
        if (_table.Length > limit)
        {
            _table = Array.Empty<int>();
        }
    }

    /// <summary>The same answer by sorting indices by (name, index): O(n log n) whatever the names.</summary>
    internal static int? FindFirstDuplicateBySorting(List<DtbChildEntry> children)
    {
        int[] order = new int[children.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, new ByNameThenIndex(children));
        int? first = null;
        for (int i = 1; i < order.Length; i++)
        {
            // Equal names sort by index, so the later of a pair is a duplicate.
            if (DtbChildEntry.Compare(children[order[i - 1]], children[order[i]]) == 0 && (first is null || order[i] < first))
            {
                first = order[i];
            }
        }

        return first;
    }

    private sealed class ByNameThenIndex : IComparer<int>
    {
        private readonly List<DtbChildEntry> _children;

        public ByNameThenIndex(List<DtbChildEntry> children) => _children = children;

        public int Compare(int x, int y)
        {
            int byName = DtbChildEntry.Compare(_children[x], _children[y]);
            return byName != 0 ? byName : x.CompareTo(y);
        }
    }
}
