using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Structural equality of device trees: the same memory reservations, the same <c>boot_cpuid_phys</c>, and node by
/// node the same names, the same properties (names, order and bytes) and the same children in the same order.
/// The format version a tree was read from is not compared (a v16 blob written back is v17 with equal content).
/// Iterative, so any depth is safe.
/// </summary>
public static class DeviceTreeComparer
{
    /// <summary>True when the trees are structurally equal.</summary>
    /// <param name="first">The first tree.</param>
    /// <param name="second">The second tree.</param>
    /// <returns>True when equal.</returns>
    public static bool AreEqual(DeviceTree first, DeviceTree second) => FindFirstDifference(first, second) is null;

    /// <summary>Finds the first difference in document order, or null when the trees are structurally equal.</summary>
    /// <param name="first">The first tree.</param>
    /// <param name="second">The second tree.</param>
    /// <returns>The difference, or null.</returns>
    public static DeviceTreeDifference? FindFirstDifference(DeviceTree first, DeviceTree second)
    {
        if (first is null)
        {
            throw new ArgumentNullException(nameof(first));
        }

        if (second is null)
        {
            throw new ArgumentNullException(nameof(second));
        }

        if (first.BootCpuIdPhys != second.BootCpuIdPhys)
        {
            return new DeviceTreeDifference(string.Empty, null, FormattableString.Invariant($"boot_cpuid_phys 0x{first.BootCpuIdPhys:x} vs 0x{second.BootCpuIdPhys:x}."));
        }

        IReadOnlyList<MemoryReservation> a = first.MemoryReservations;
        IReadOnlyList<MemoryReservation> b = second.MemoryReservations;
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count || i >= b.Count || a[i] != b[i])
            {
                string left = i < a.Count ? a[i].ToString() : "nothing";
                string right = i < b.Count ? b[i].ToString() : "nothing";
                return new DeviceTreeDifference(string.Empty, null, FormattableString.Invariant($"Memory reservation {i}: {left} vs {right}"));
            }
        }

        return FindFirstDifference(first.Root, second.Root);
    }

    /// <summary>Finds the first difference between two subtrees, or null when they are structurally equal.</summary>
    /// <param name="first">The first subtree.</param>
    /// <param name="second">The second subtree.</param>
    /// <returns>The difference, or null.</returns>
    public static DeviceTreeDifference? FindFirstDifference(DeviceTreeNode first, DeviceTreeNode second)
    {
        if (first is null)
        {
            throw new ArgumentNullException(nameof(first));
        }

        if (second is null)
        {
            throw new ArgumentNullException(nameof(second));
        }

        var pending = new Stack<(DeviceTreeNode A, DeviceTreeNode B)>();
        pending.Push((first, second));
        while (pending.Count > 0)
        {
            (DeviceTreeNode x, DeviceTreeNode y) = pending.Pop();
            DeviceTreeDifference? difference = CompareNode(x, y);
            if (difference is not null)
            {
                return difference;
            }

            // Push in reverse so that children are visited in document order.
            for (int i = x.Children.Count - 1; i >= 0; i--)
            {
                pending.Push((x.Children[i], y.Children[i]));
            }
        }

        return null;
    }

    private static DeviceTreeDifference? CompareNode(DeviceTreeNode x, DeviceTreeNode y)
    {
        if (!string.Equals(x.Name, y.Name, StringComparison.Ordinal))
        {
            return new DeviceTreeDifference(x.Path, null, $"Node name '{x.Name}' vs '{y.Name}'.");
        }

        for (int i = 0; i < Math.Max(x.Properties.Count, y.Properties.Count); i++)
        {
            if (i >= x.Properties.Count)
            {
                return new DeviceTreeDifference(x.Path, y.Properties[i].Name, "Property missing from the first tree.");
            }

            if (i >= y.Properties.Count)
            {
                return new DeviceTreeDifference(x.Path, x.Properties[i].Name, "Property missing from the second tree.");
            }

            DeviceTreeProperty p = x.Properties[i];
            DeviceTreeProperty q = y.Properties[i];
            if (!string.Equals(p.Name, q.Name, StringComparison.Ordinal))
            {
                return new DeviceTreeDifference(x.Path, p.Name, FormattableString.Invariant($"Property {i} is '{p.Name}' vs '{q.Name}'."));
            }

            if (!p.Span.SequenceEqual(q.Span))
            {
                return new DeviceTreeDifference(x.Path, p.Name, $"Value {Hex(p.Span)} vs {Hex(q.Span)}.");
            }
        }

        if (x.Children.Count != y.Children.Count)
        {
            return new DeviceTreeDifference(x.Path, null, FormattableString.Invariant($"{x.Children.Count} children vs {y.Children.Count}."));
        }

        return null;
    }

    private static string Hex(ReadOnlySpan<byte> value)
    {
        const int Shown = 32;
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < Math.Min(value.Length, Shown); i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(value[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.Append(value.Length > Shown ? FormattableString.Invariant($" ... ({value.Length} bytes)]") : "]").ToString();
    }
}
