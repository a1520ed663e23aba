using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One node as <see cref="DeviceTree.EnumerateNodeViews"/> yields it: its name and properties read in place. For a
/// tree read from a DTB no <see cref="DeviceTreeNode"/> is made for it (<see cref="Node"/> makes it, once, when the
/// rest is needed), so reading every node and property of a large tree allocates nothing per node.
/// </summary>
/// <remarks>A view is only valid as long as its tree: it reads the tree's own storage.</remarks>
public readonly struct DeviceTreeNodeView
{
    private readonly NodeHandle _node;

    internal DeviceTreeNodeView(NodeHandle node) => _node = node;

    /// <summary>The node name, as <see cref="DeviceTreeNode.Name"/> reads it (decoded on each call for a node read
    /// from a DTB whose object has not been made); empty for the root and for a <c>default</c> view.</summary>
    public string Name => _node.Name;

    /// <summary>
    /// The name's bytes as a DTB holds them: a slice of the blob for a tree read from a DTB (no allocation), else the
    /// name encoded on each call (each escaped raw byte back to itself, as the writers do).
    /// </summary>
    public ReadOnlySpan<byte> NameUtf8 => _node.NameUtf8;

    /// <summary>True for the root of the enumerated tree.</summary>
    public bool IsRoot => _node.IsRoot;

    /// <summary>The node object (made now for a node read from a DTB that has none yet; the same object every time).</summary>
    /// <exception cref="InvalidOperationException">The view is <c>default</c>.</exception>
    public DeviceTreeNode Node => _node.Node;

    /// <summary>The node's properties in tree order as views, as <see cref="DeviceTreeNode.EnumeratePropertyViews"/> gives them.</summary>
    /// <returns>An enumerator for <c>foreach</c>; empty for a <c>default</c> view.</returns>
    public DeviceTreePropertyEnumerator EnumeratePropertyViews() => _node.EnumeratePropertyViews();

    /// <summary>The name (empty for the root).</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
