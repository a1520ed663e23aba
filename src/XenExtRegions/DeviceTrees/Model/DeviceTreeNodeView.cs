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
    private readonly DeviceTreeNode? _node;
    private readonly PackedTreeStorage? _storage;
    private readonly int _index;

    internal DeviceTreeNodeView(DeviceTreeNode node)
    {
        _node = node;
        _storage = null;
        _index = 0;
    }

    internal DeviceTreeNodeView(PackedTreeStorage storage, int index)
    {
        _node = null;
        _storage = storage;
        _index = index;
    }

    /// <summary>The node name, as <see cref="DeviceTreeNode.Name"/> reads it (decoded on each call for a node read
    /// from a DTB whose object has not been made); empty for the root and for a <c>default</c> view.</summary>
    public string Name => _storage is not null
        ? _storage.DecodedName(_index) ?? System.Text.Encoding.UTF8.GetString(_storage.Blob, _storage[_index].NameStart, _storage[_index].NameLength)
        : _node?.Name ?? string.Empty;

    /// <summary>
    /// The name's bytes as a DTB holds them: a slice of the blob for a tree read from a DTB (no allocation), else the
    /// name encoded on each call (each escaped raw byte back to itself, as the writers do).
    /// </summary>
    public ReadOnlySpan<byte> NameUtf8 => _storage is not null ? _storage.NameBytes(_index) : _node is null ? default : EscapedUtf8.Encode(_node.Name);

    /// <summary>True for the root of the enumerated tree.</summary>
    public bool IsRoot => _storage is not null ? _storage[_index].Parent < 0 : _node?.IsRoot ?? false;

    /// <summary>The node object (made now for a node read from a DTB that has none yet; the same object every time).</summary>
    /// <exception cref="InvalidOperationException">The view is <c>default</c>.</exception>
    public DeviceTreeNode Node => _node ?? _storage?.NodeAt(_index) ?? throw new InvalidOperationException("A default node view stands for no node.");

    /// <summary>The node's properties in tree order as views, as <see cref="DeviceTreeNode.EnumeratePropertyViews"/> gives them.</summary>
    /// <returns>An enumerator for <c>foreach</c>; empty for a <c>default</c> view.</returns>
    public DeviceTreePropertyEnumerator EnumeratePropertyViews() => _storage is not null
        ? _storage.PropertyViews(_index)
        : _node?.EnumeratePropertyViews() ?? default;

    /// <summary>The name (empty for the root).</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
