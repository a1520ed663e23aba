using System.Buffers.Binary;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Facts about one tree shared by the checks: the nodes in document order with their depths, and what earlier checks
/// learnt (phandles, simple-bus bridges), as dtc keeps them on its nodes.
/// </summary>
internal sealed class CheckScope
{
    public CheckScope(DeviceTree tree)
    {
        Tree = tree;
        var nodes = new List<DeviceTreeNode>();
        var depths = new List<int>();
        var stack = new Stack<(DeviceTreeNode Node, int Depth)>();
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            (DeviceTreeNode node, int depth) = stack.Pop();
            nodes.Add(node);
            depths.Add(depth);
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((node.Children[i], depth + 1));
            }
        }

        Nodes = nodes;
        Depths = depths;
    }

    public DeviceTree Tree { get; }

    /// <summary>Every node, pre-order (dtc's walk order).</summary>
    public IReadOnlyList<DeviceTreeNode> Nodes { get; }

    /// <summary>The depth of <see cref="Nodes"/>[i] (root 0).</summary>
    public IReadOnlyList<int> Depths { get; }

    /// <summary>Phandle → node, first holder wins (dtc's explicit_phandles assigns them in walk order).</summary>
    public Dictionary<uint, DeviceTreeNode> Phandles { get; } = new();

    /// <summary>Nodes compatible with "simple-bus" (dtc's simple_bus_bridge).</summary>
    public HashSet<DeviceTreeNode> SimpleBuses { get; } = new();

    /// <summary>The node's own <c>#address-cells</c>, or -1 when absent (dtc's addr_cells).</summary>
    public static int OwnAddressCells(DeviceTreeNode node) => OwnCells(node, "#address-cells");

    /// <summary>The node's own <c>#size-cells</c>, or -1 when absent (dtc's size_cells).</summary>
    public static int OwnSizeCells(DeviceTreeNode node) => OwnCells(node, "#size-cells");

    /// <summary>The address cells the node gives its children, dtc's way: its own value, else 2 (no inheritance).</summary>
    public static int ChildAddressCells(DeviceTreeNode node) => OwnAddressCells(node) is var n && n == -1 ? 2 : n;

    /// <summary>The size cells the node gives its children, dtc's way: its own value, else 1.</summary>
    public static int ChildSizeCells(DeviceTreeNode node) => OwnSizeCells(node) is var n && n == -1 ? 1 : n;

    public static bool IsMultipleOf(long value, long divisor) => divisor == 0 ? value == 0 : value % divisor == 0;

    private static int OwnCells(DeviceTreeNode node, string name)
    {
        // A value that is not one cell fails address_cells_is_cell / size_cells_is_cell, which gate every user of
        // the count, so the first cell (or 0) is never used for a verdict that reaches the user.
        if (node.GetProperty(name) is not { } property)
        {
            return -1;
        }

        return property.Length < 4 ? 0 : unchecked((int)BinaryPrimitives.ReadUInt32BigEndian(property.Span));
    }
}
