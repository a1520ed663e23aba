using System;
using System.Collections.Generic;
using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>Our checks of what Xen on Arm cannot cope with (names prefixed <c>xen_</c>; dtc has none of them).</summary>
internal static class XenChecks
{
    /// <summary>Xen's DEVICE_TREE_MAX_DEPTH: the early FDT scan keeps per-depth cell counts for this many levels.</summary>
    public const int MaxDepth = 16;

    private static readonly DeviceTreeAddressDecoder Decoder = new(DeviceTreeAddressDecoderOptions.Xen);

    /// <summary>Every address find_memory_holes translates and fails on (one failure makes it give up on all regions).</summary>
    public static void UntranslatableReg(CheckRun run)
    {
        if (HasUnusableCellCounts(run.Scope))
        {
            // xen_size_cells names the cause; the decoder is not asked to use such counts.
            return;
        }

        AddressEnumeration all = Decoder.EnumerateAddresses(run.Scope.Tree);
        var nodes = new Dictionary<string, DeviceTreeNode>(StringComparer.Ordinal);
        foreach (DeviceTreeNode node in run.Nodes)
        {
            nodes[node.Path] = node;
        }

        foreach (AddressTranslationError error in all.Errors)
        {
            if (nodes.TryGetValue(error.NodePath, out DeviceTreeNode? node))
            {
                string property = error.Kind == AddressItemKind.PciRange ? "ranges" : "reg";
                run.Fail(node, property, error.Message.TrimEnd('.') + ": Xen's find_memory_holes fails on it, so Dom0 gets no extended regions");
            }
        }
    }

    public static void ZeroSizeReg(CheckRun run)
    {
        if (HasUnusableCellCounts(run.Scope))
        {
            return;
        }

        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.Parent is null || !node.HasProperty("reg"))
            {
                continue;
            }

            foreach (RegEntry entry in Decoder.DecodeReg(node))
            {
                if (entry.SizeCells > 0 && entry.Size == 0)
                {
                    run.Fail(node, "reg", string.Format(CultureInfo.InvariantCulture,
                        "entry {0} (address 0x{1:x}) has size 0: Xen skips it as RAM, and find_memory_holes removes an inverted range for it", entry.Index, entry.Address));
                }
            }
        }
    }

    public static void MemoryNode(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Scope.Tree.Root.Children)
        {
            bool named = string.Equals(node.BaseName, "memory", StringComparison.Ordinal);
            bool typed = string.Equals(node.DeviceType, "memory", StringComparison.Ordinal);
            if (named && !typed)
            {
                run.Fail(node, "memory node without device_type = \"memory\": Xen 4.20+ ignores it, so its RAM is not used");
            }
            else if (typed && !named)
            {
                run.Fail(node, "device_type is \"memory\" but the node is not named memory or memory@…: Xen ignores it, so its RAM is not used");
            }

            if ((named || typed) && !node.HasProperty("reg"))
            {
                run.Fail(node, "memory node without reg: Xen finds no RAM in it");
            }
        }
    }

    public static void NodeTooDeep(CheckRun run)
    {
        for (int i = 0; i < run.Nodes.Count; i++)
        {
            // Report the first node past the limit on each branch only; its descendants are past it too.
            if (run.Scope.Depths[i] == MaxDepth)
            {
                run.Fail(run.Nodes[i], string.Format(CultureInfo.InvariantCulture,
                    "node at depth {0} (root 0): Xen's early device-tree scan supports depths below {0}; it hangs at boot before Xen 4.20.4, 4.21.2 and 4.22.0 and skips the node after", MaxDepth));
            }
        }
    }

    public static void SizeCells(CheckRun run)
    {
        DeviceTreeNode root = run.Scope.Tree.Root;
        CheckRootCells(run, root, "#address-cells", Decoder.Policy == AddressingPolicy.Linux ? 1 : 2);
        CheckRootCells(run, root, "#size-cells", 1);

        var reported = new HashSet<DeviceTreeNode>();
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.Parent is not { } parent || !node.HasProperty("reg") || !reported.Add(parent))
            {
                continue;
            }

            int addressCells = Decoder.GetAddressCells(node);
            int sizeCells = Decoder.GetSizeCells(node);
            if (addressCells < 1 || addressCells > DeviceTreeAddressDecoder.MaxAddressCells)
            {
                run.Fail(parent, "#address-cells", string.Format(CultureInfo.InvariantCulture,
                    "{0} address cells for the reg of {1}: Xen takes 1 to {2} (\"Bad cell count\")", (uint)addressCells, node.Path, DeviceTreeAddressDecoder.MaxAddressCells));
            }

            if (sizeCells < 0 || sizeCells > DeviceTreeAddressDecoder.MaxAddressCells)
            {
                run.Fail(parent, "#size-cells", string.Format(CultureInfo.InvariantCulture,
                    "{0} size cells for the reg of {1}: Xen cannot read such sizes", (uint)sizeCells, node.Path));
            }
        }
    }

    /// <summary>Cell counts the address decoder must not be given (negative or huge), found without decoding.</summary>
    private static bool HasUnusableCellCounts(CheckScope scope)
    {
        foreach (DeviceTreeNode node in scope.Nodes)
        {
            if (Unusable(node, "#address-cells") || Unusable(node, "#size-cells"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Unusable(DeviceTreeNode node, string name) =>
        node.GetProperty(name) is { } p && (p.Length != 4 || p.GetUInt32() > DeviceTreeAddressDecoder.MaxAddressCells);

    private static void CheckRootCells(CheckRun run, DeviceTreeNode root, string name, int fallback)
    {
        long value = root.GetProperty(name) is { Length: 4 } p ? p.GetUInt32() : root.HasProperty(name) ? -1 : fallback;
        if (value != 1 && value != 2)
        {
            run.Fail(root, name, string.Format(CultureInfo.InvariantCulture,
                "the root's {0} is {1}; Xen's make_hypervisor_node panics (\"cannot cope with this size\") unless it is 1 or 2", name, value < 0 ? "not one cell" : value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
