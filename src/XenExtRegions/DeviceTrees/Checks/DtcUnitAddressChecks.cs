using System.Collections.Generic;
using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>dtc's checks of unit addresses against <c>reg</c>/<c>ranges</c> (same names, same rules).</summary>
internal static class DtcUnitAddressChecks
{
    public static void UnitAddressVsReg(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            // dtc leaves overlay fragments alone: their unit names are fragment numbers.
            if (node.GetChild("__overlay__") is not null)
            {
                continue;
            }

            bool hasUnit = !string.IsNullOrEmpty(node.UnitAddress);
            bool hasAddress = node.HasProperty("reg") || node.GetProperty("ranges") is { Length: > 0 };
            if (hasAddress && !hasUnit)
            {
                run.Fail(node, "node has a reg or ranges property, but no unit name");
            }
            else if (!hasAddress && hasUnit)
            {
                run.Fail(node, "node has a unit name, but no reg or ranges property");
            }
        }
    }

    /// <summary>Never fails: records the simple-bus bridges for <see cref="SimpleBusReg"/>.</summary>
    public static void SimpleBusBridge(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.IsCompatible("simple-bus"))
            {
                run.Scope.SimpleBuses.Add(node);
            }
        }
    }

    public static void SimpleBusReg(CheckRun run)
    {
        HashSet<DeviceTreeNode> buses = run.Scope.SimpleBuses;
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.Parent is not { } parent || !buses.Contains(parent))
            {
                continue;
            }

            System.ReadOnlySpan<byte> cells;
            if (node.GetProperty("reg") is { } reg)
            {
                cells = reg.Span;
            }
            else if (node.GetProperty("ranges") is { Length: > 0 } ranges)
            {
                // The parent-bus address follows the child address in each ranges entry.
                int skip = CheckScope.ChildAddressCells(node) * 4;
                cells = skip >= 0 && skip <= ranges.Length ? ranges.Span.Slice(skip) : default;
            }
            else
            {
                if (parent.Parent is not null && !buses.Contains(node))
                {
                    run.Fail(node, "missing or empty reg/ranges property");
                }

                continue;
            }

            ulong address = 0;
            int count = CheckScope.ChildAddressCells(parent);
            for (int i = 0; i < count && (i * 4) + 4 <= cells.Length; i++)
            {
                address = (address << 32) | System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(cells.Slice(i * 4));
            }

            string expected = address.ToString("x", CultureInfo.InvariantCulture);
            if (!string.Equals(node.UnitAddress ?? string.Empty, expected, System.StringComparison.Ordinal))
            {
                run.Fail(node, $"simple-bus unit address format error, expected \"{expected}\"");
            }
        }
    }

    /// <summary>
    /// dtc's rule with a dictionary instead of dtc's pairwise scan. dtc reports, for each later sibling, every earlier
    /// one with the same unit address; we report the nearest earlier one only, so a unit address shared by k siblings
    /// gives k-1 findings (dtc: k(k-1)/2). For two siblings both say the same.
    /// </summary>
    public static void UniqueUnitAddress(CheckRun run)
    {
        var lastHolder = new Dictionary<string, DeviceTreeNode>(System.StringComparer.Ordinal);
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (CheckScope.OwnAddressCells(node) < 0 || CheckScope.OwnSizeCells(node) < 0 || node.Children.Count == 0)
            {
                continue;
            }

            lastHolder.Clear();
            foreach (DeviceTreeNode child in node.Children)
            {
                string? unit = child.UnitAddress;
                if (string.IsNullOrEmpty(unit))
                {
                    continue;
                }

                if (lastHolder.TryGetValue(unit!, out DeviceTreeNode? earlier))
                {
                    run.Fail(earlier, $"duplicate unit-address (also used in node {child.Path})");
                }

                lastHolder[unit!] = child;
            }
        }
    }
}
