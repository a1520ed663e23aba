using System;
using System.Collections.Generic;

namespace XenExtRegions.Ranges;

// A structural self-check for tests: everything the tree relies on, verified in one walk.
public sealed partial class RangeSet
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first broken rule of the B+tree or the canonical form.</summary>
    internal void VerifyStructure()
    {
        var leaves = new List<Leaf>();
        int counted = VerifyPage(_root, 0, isRoot: true, leaves);
        if (counted != _count)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"Count is {_count} but the leaves hold {counted} ranges."));
        }

        Leaf? expected = leaves[0];
        if (expected.Prev is not null)
        {
            throw new InvalidOperationException("The first leaf has a predecessor.");
        }

        bool havePrevious = false;
        ulong previousLast = 0;
        for (int i = 0; i < leaves.Count; i++)
        {
            Leaf leaf = leaves[i];
            if (leaf.Next != (i + 1 < leaves.Count ? leaves[i + 1] : null) || (i > 0 && leaf.Prev != leaves[i - 1]))
            {
                throw new InvalidOperationException(FormattableString.Invariant($"Leaf links are broken at leaf {i}."));
            }

            for (int j = 0; j < leaf.Count; j++)
            {
                if (leaf.Keys[j] > leaf.Lasts[j])
                {
                    throw new InvalidOperationException(FormattableString.Invariant($"Inverted range [0x{leaf.Keys[j]:x}, 0x{leaf.Lasts[j]:x}]."));
                }

                if (havePrevious && (previousLast == ulong.MaxValue || previousLast + 1 >= leaf.Keys[j]))
                {
                    throw new InvalidOperationException(FormattableString.Invariant($"Range at 0x{leaf.Keys[j]:x} overlaps or touches the one ending at 0x{previousLast:x}."));
                }

                havePrevious = true;
                previousLast = leaf.Lasts[j];
            }
        }
    }

    private int VerifyPage(Page page, int level, bool isRoot, List<Leaf> leaves)
    {
        if (page.Count > _capacity || (!isRoot && page.Count < _minFill))
        {
            throw new InvalidOperationException(FormattableString.Invariant($"A node at level {level} holds {page.Count} entries."));
        }

        if (level == _height)
        {
            leaves.Add((Leaf)page);
            return page.Count;
        }

        var inner = (Inner)page;
        if (inner.Count < 2)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"An inner node at level {level} has {inner.Count} children."));
        }

        int total = 0;
        for (int i = 0; i < inner.Count; i++)
        {
            Page child = inner.Children[i];
            if (child.Count == 0 || inner.Keys[i] != child.Keys[0])
            {
                throw new InvalidOperationException(FormattableString.Invariant($"Key {i} at level {level} is not its child's minimum."));
            }

            total += VerifyPage(child, level + 1, isRoot: false, leaves);
        }

        return total;
    }
}
