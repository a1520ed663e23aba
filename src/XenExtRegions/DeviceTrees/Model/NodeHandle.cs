using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A node as the internal whole-tree walks (address decoder, boot scan) see it: either a node object, or a record of
/// a tree read from a DTB whose object is made only when a caller needs one (<see cref="Node"/>). The walks check a
/// few properties of every node and act on few of them, so most records of a large tree never become objects.
/// </summary>
internal readonly struct NodeHandle
{
    private readonly DeviceTreeNode? _node;
    private readonly PackedTreeStorage? _storage;
    private readonly int _index;

    private NodeHandle(DeviceTreeNode? node, PackedTreeStorage? storage, int index)
    {
        _node = node;
        _storage = storage;
        _index = index;
    }

    /// <summary>The handle of an existing node object (of either storage).</summary>
    public static NodeHandle Of(DeviceTreeNode node) => new(node, node.PackedStorage, node.PackedIndex);

    /// <summary>The handle of record <paramref name="index"/>, without making its object.</summary>
    public static NodeHandle Of(PackedTreeStorage storage, int index) => new(null, storage, index);

    /// <summary>The node object, made on first use for a record (every caller gets the same one).</summary>
    /// <exception cref="InvalidOperationException">The handle is <c>default</c>.</exception>
    public DeviceTreeNode Node => _node ?? _storage?.NodeAt(_index) ?? throw new InvalidOperationException("A default node view stands for no node.");

    /// <summary>The name (the object's when made, else decoded from the record); empty for a <c>default</c> handle.</summary>
    public string Name => _node?.Name ?? _storage?.NameOf(_index) ?? string.Empty;

    /// <summary>The name's bytes: the blob's slice for a record, else the object's name encoded on each call.</summary>
    public ReadOnlySpan<byte> NameUtf8 => _storage is not null ? _storage.NameBytes(_index) : _node is null ? default : EscapedUtf8.Encode(_node.Name);

    /// <summary>True for a root (a node without a parent); false for a <c>default</c> handle.</summary>
    public bool IsRoot => _storage is not null ? _storage[_index].Parent < 0 : _node?.IsRoot ?? false;

    /// <summary>The properties as views; empty for a <c>default</c> handle.</summary>
    public DeviceTreePropertyEnumerator EnumeratePropertyViews() => _node is not null
        ? _node.EnumeratePropertyViews()
        : _storage?.PropertyViews(_index) ?? default;

    /// <summary>True when this handle stands for <paramref name="node"/>.</summary>
    public bool Is(DeviceTreeNode node) => _node is not null
        ? ReferenceEquals(_node, node)
        : ReferenceEquals(node.PackedStorage, _storage) && node.PackedIndex == _index;

    /// <summary>
    /// False only when the node surely has none of the properties whose <see cref="PackedTreeStorage.KnownNameBit"/>s
    /// are in <paramref name="knownBits"/> (a record says so without looking); true means "look".
    /// </summary>
    public bool MayHaveAny(int knownBits) => _storage is null || (_storage[_index].KnownNames & knownBits) != 0;

    /// <summary>The raw value of property <paramref name="name"/>, without making property objects.</summary>
    public bool TryGetValue(string name, out ReadOnlyMemory<byte> value) =>
        _node is not null ? _node.TryGetValue(name, out value) : _storage!.TryGetValue(_index, name, out value);

    /// <summary>True when the name is <paramref name="match"/> or <paramref name="match"/><c>@…</c> (Xen's <c>device_tree_node_matches</c>).</summary>
    public bool NameIsOrHasUnit(string match) => _node is null && _storage!.DecodedName(_index) is null
        ? AsciiNameBytes.IsOrHasUnit(_storage.NameBytes(_index), match)
        : Node.NameIsOrHasUnit(match);

    /// <summary>True when the name equals <paramref name="ascii"/> ignoring case.</summary>
    public bool NameEqualsIgnoreCase(string ascii) => _node is null && _storage!.DecodedName(_index) is null
        ? AsciiNameBytes.EqualsIgnoreCase(_storage.NameBytes(_index), ascii)
        : Node.NameEqualsIgnoreCase(ascii);

    /// <summary>True when the node has at least one child.</summary>
    public bool HasChildren => _storage is not null ? _storage.FirstChild(_index) >= 0 : _node!.ChildArray.Length > 0;

    /// <summary>The children in order: the records' links for a DTB tree (no child array made), else the node's array.</summary>
    public NodeChildCursor Children() => _storage is not null
        ? new NodeChildCursor(_storage, _storage.FirstChild(_index))
        : new NodeChildCursor(_node!.ChildArray);
}
