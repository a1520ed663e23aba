using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>dtc's checks of cell counts and of the lengths of <c>reg</c> and <c>ranges</c> (same names, same rules).</summary>
internal static class DtcCellChecks
{
    public static void AddressCellsIsCell(CheckRun run) => IsCell(run, "#address-cells");

    public static void SizeCellsIsCell(CheckRun run) => IsCell(run, "#size-cells");

    public static void CompatibleIsStringList(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.GetProperty("compatible") is not { } property)
            {
                continue;
            }

            // Every string must end with NUL; an empty value is fine.
            System.ReadOnlySpan<byte> value = property.Span;
            if (value.Length > 0 && value[value.Length - 1] != 0)
            {
                run.Fail(node, property.Name, "property is not a string list");
            }
        }
    }

    public static void RegFormat(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.GetProperty("reg") is not { } reg)
            {
                continue;
            }

            if (node.Parent is not { } parent)
            {
                run.Fail(node, "Root node has a \"reg\" property");
                continue;
            }

            if (reg.Length == 0)
            {
                run.Fail(node, reg.Name, "property is empty");
            }

            int addressCells = CheckScope.ChildAddressCells(parent);
            int sizeCells = CheckScope.ChildSizeCells(parent);
            long entry = ((long)addressCells + sizeCells) * 4;
            if (!CheckScope.IsMultipleOf(reg.Length, entry))
            {
                run.Fail(node, reg.Name, string.Format(CultureInfo.InvariantCulture,
                    "property has invalid length ({0} bytes) (#address-cells == {1}, #size-cells == {2})", reg.Length, addressCells, sizeCells));
            }
        }
    }

    public static void RangesFormat(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.GetProperty("ranges") is not { } ranges)
            {
                continue;
            }

            if (node.Parent is not { } parent)
            {
                run.Fail(node, ranges.Name, "Root node has a \"ranges\" property");
                continue;
            }

            int parentAddress = CheckScope.ChildAddressCells(parent);
            int parentSize = CheckScope.ChildSizeCells(parent);
            int childAddress = CheckScope.ChildAddressCells(node);
            int childSize = CheckScope.ChildSizeCells(node);
            if (ranges.Length == 0)
            {
                if (parentAddress != childAddress)
                {
                    run.Fail(node, ranges.Name, string.Format(CultureInfo.InvariantCulture,
                        "empty \"ranges\" property but its #address-cells ({0}) differs from {1} ({2})", childAddress, parent.Path, parentAddress));
                }

                if (parentSize != childSize)
                {
                    run.Fail(node, ranges.Name, string.Format(CultureInfo.InvariantCulture,
                        "empty \"ranges\" property but its #size-cells ({0}) differs from {1} ({2})", childSize, parent.Path, parentSize));
                }
            }
            else if (!CheckScope.IsMultipleOf(ranges.Length, ((long)parentAddress + childAddress + childSize) * 4))
            {
                run.Fail(node, ranges.Name, string.Format(CultureInfo.InvariantCulture,
                    "\"ranges\" property has invalid length ({0} bytes) (parent #address-cells == {1}, child #address-cells == {2}, #size-cells == {3})",
                    ranges.Length, parentAddress, childAddress, childSize));
            }
        }
    }

    public static void AvoidDefaultAddrSize(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.Parent is not { } parent || (!node.HasProperty("reg") && !node.HasProperty("ranges")))
            {
                continue;
            }

            if (CheckScope.OwnAddressCells(parent) == -1)
            {
                run.Fail(node, "Relying on default #address-cells value");
            }

            if (CheckScope.OwnSizeCells(parent) == -1)
            {
                run.Fail(node, "Relying on default #size-cells value");
            }
        }
    }

    /// <summary>dtc 1.7+ rule: a bus needs no cell counts when it has no ranges/dma-ranges and no child has reg or ranges.</summary>
    public static void AvoidUnnecessaryAddrSize(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.Parent is null || CheckScope.OwnAddressCells(node) < 0 || CheckScope.OwnSizeCells(node) < 0)
            {
                continue;
            }

            if (node.HasProperty("ranges") || node.HasProperty("dma-ranges") || node.Children.Count == 0)
            {
                continue;
            }

            bool needed = false;
            foreach (DeviceTreeNode child in node.Children)
            {
                if (child.HasProperty("reg") || child.HasProperty("ranges"))
                {
                    needed = true;
                    break;
                }
            }

            if (!needed)
            {
                run.Fail(node, "unnecessary #address-cells/#size-cells without \"ranges\", \"dma-ranges\" or child \"reg\" or \"ranges\" property");
            }
        }
    }

    private static void IsCell(CheckRun run, string name)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.GetProperty(name) is { Length: not 4 } property)
            {
                run.Fail(node, property.Name, "property is not a single cell");
            }
        }
    }
}
