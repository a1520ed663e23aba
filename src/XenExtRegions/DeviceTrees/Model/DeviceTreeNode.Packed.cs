using System;
using System.Collections.Generic;
using System.Threading;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The parts of a node read from a DTB that work on its packed form: property lookups and name checks that make
/// no objects (for the hot internal readers), and paths made from packed names in one string.
/// </summary>
public sealed partial class DeviceTreeNode
{
    private readonly PackedTreeStorage? _packed;
    private readonly int _packedIndex;

    /// <summary>
    /// Makes the object for node <paramref name="index"/> of a tree read from a DTB (only
    /// <see cref="PackedTreeStorage.NodeAt"/> calls this): its name, properties, parent and children stay in the
    /// storage until first asked for. The reader has already checked that the names are unique.
    /// </summary>
    internal DeviceTreeNode(PackedTreeStorage storage, int index)
    {
        _packed = storage;
        _packedIndex = index;
        _name = storage.DecodedName(index);
        if (storage.LooseProperties(index) is { } loose)
        {
            foreach (DeviceTreeProperty property in loose)
            {
                property.Node = this;
            }

            _properties = loose;
        }
    }

    /// <summary>For a node read from a DTB: the name's bytes in the blob (meaningful while the name is ASCII, see
    /// <see cref="HasPackedAsciiName"/>), else empty.</summary>
    internal ReadOnlySpan<byte> PackedNameBytes => _packed is null ? default : new ReadOnlySpan<byte>(_packed.Blob, _packed[_packedIndex].NameStart, _packed[_packedIndex].NameLength);

    private DeviceTreeNode? PackedParent()
    {
        if (_packed is null || _packed[_packedIndex].Parent < 0)
        {
            return null;
        }

        // Every caller gets the storage's one object for the parent, so a racing write stores the same reference.
        DeviceTreeNode parent = _packed.NodeAt(_packed[_packedIndex].Parent);
        _parent = parent;
        return parent;
    }

    private DeviceTreeNode[] MaterializeChildren()
    {
        PackedTreeStorage storage = _packed!;
        int count = 0;
        for (int c = storage.FirstChild(_packedIndex); c >= 0; c = storage.NextSibling(c))
        {
            count++;
        }

        DeviceTreeNode[] children = count == 0 ? Array.Empty<DeviceTreeNode>() : new DeviceTreeNode[count];
        int i = 0;
        for (int c = storage.FirstChild(_packedIndex); c >= 0; c = storage.NextSibling(c))
        {
            DeviceTreeNode child = storage.NodeAt(c);
            child._parent = this;
            children[i++] = child;
        }

        // Readers may race here; the arrays hold the same objects, and one array wins for every caller.
        return Interlocked.CompareExchange(ref _children, children, null) ?? children;
    }

    // Document order is index order, so the subtree is an index range: no stack, and no child arrays made.
    private IEnumerable<DeviceTreeNode> PackedDescendantsAndSelf()
    {
        PackedTreeStorage storage = _packed!;
        int end = storage[_packedIndex].SubtreeEnd;
        for (int i = _packedIndex; i < end; i++)
        {
            yield return storage.NodeAt(i);
        }
    }

    /// <summary>
    /// True when the name is <paramref name="match"/> or <paramref name="match"/><c>@…</c> (Xen's
    /// <c>device_tree_node_matches</c>), checked on the packed bytes of an ASCII name without decoding it.
    /// </summary>
    /// <param name="match">The base name, ASCII.</param>
    /// <returns>True when it matches.</returns>
    internal bool NameIsOrHasUnit(string match) => HasPackedAsciiName
        ? AsciiNameBytes.IsOrHasUnit(PackedNameBytes, match)
        : Name.StartsWith(match, StringComparison.Ordinal) && (Name.Length == match.Length || Name[match.Length] == '@');

    /// <summary>
    /// True when the name equals <paramref name="ascii"/> ignoring case (<see cref="StringComparison.OrdinalIgnoreCase"/>),
    /// checked on the packed bytes of an ASCII name without decoding it.
    /// </summary>
    /// <param name="ascii">The name to compare with, ASCII.</param>
    /// <returns>True when they match.</returns>
    internal bool NameEqualsIgnoreCase(string ascii) => HasPackedAsciiName
        ? AsciiNameBytes.EqualsIgnoreCase(PackedNameBytes, ascii)
        : string.Equals(Name, ascii, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The value of the property called <paramref name="name"/> without creating property objects, for the hot
    /// internal readers (address decoder, boot scan) that look at a few properties of every node.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The raw value, when found.</param>
    /// <returns>True when the node has the property.</returns>
    internal bool TryGetValue(string name, out ReadOnlyMemory<byte> value)
    {
        if (Volatile.Read(ref _properties) is not { } properties)
        {
            return _packed!.TryGetValue(_packedIndex, name, out value);
        }

        if (!LacksKnown(name))
        {
            return FindValue(properties, name, out value);
        }

        value = default;
        return false;
    }

    /// <summary>The value of the property called <paramref name="name"/> in <paramref name="properties"/>.</summary>
    internal static bool FindValue(DeviceTreeProperty[] properties, string name, out ReadOnlyMemory<byte> value)
    {
        foreach (DeviceTreeProperty property in properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The properties in tree order as views over their names and values, allocating nothing: unlike
    /// <see cref="Properties"/>, a node read from a DTB does not create (and keep) a <see cref="DeviceTreeProperty"/>
    /// per property, which matters when every property of a large tree is read once.
    /// </summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    public DeviceTreePropertyEnumerator EnumeratePropertyViews() =>
        Volatile.Read(ref _properties) is { } properties
            ? new DeviceTreePropertyEnumerator(properties)
            : _packed!.PropertyViews(_packedIndex);

    /// <summary>
    /// True when the node was read from a DTB, <paramref name="name"/> is one of the names it keeps a bit for, and
    /// it has no property of that name: the lookup can stop without walking the properties (or making them).
    /// </summary>
    private bool LacksKnown(string name) => _packed is not null && _packed.LacksKnown(_packedIndex, name);

    /// <summary>The storage and record of a node read from a DTB; null storage for a node made by a constructor.</summary>
    internal PackedTreeStorage? PackedStorage => _packed;

    /// <summary>The node's record index in <see cref="PackedStorage"/>.</summary>
    internal int PackedIndex => _packedIndex;

    /// <summary>True once the property objects exist (always, for a node not read from a DTB); for tests of the lookups above.</summary>
    internal bool PropertiesMaterialized => Volatile.Read(ref _properties) is not null;

    /// <summary>True when the node has a property called <paramref name="name"/>; creates no property objects.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when present.</returns>
    internal bool HasValue(string name) => TryGetValue(name, out _);

    // One string per path, filled from the end: no list of names, no builder, and packed ASCII names are copied
    // from the blob without being decoded into strings of their own.
    private string BuildPath()
    {
        if (Parent is null)
        {
            return "/";
        }

        int length = 0;
        for (DeviceTreeNode n = this; n.Parent is not null; n = n.Parent)
        {
            length = checked(length + 1 + (n.HasPackedAsciiName ? n.PackedNameBytes.Length : n.Name.Length));
        }

#if NET
        return string.Create(length, this, static (chars, node) => node.FillPath(chars));
#else
        var chars = new char[length];
        FillPath(chars);
        return new string(chars);
#endif
    }

    /// <summary>
    /// True when the name has not been decoded yet: its packed bytes are then plain ASCII (so byte = char), since the
    /// DTB reader decodes every other name up front.
    /// </summary>
    private bool HasPackedAsciiName => _name is null && _packed is not null;

    private void FillPath(Span<char> chars)
    {
        int end = chars.Length;
        for (DeviceTreeNode n = this; n.Parent is not null; n = n.Parent)
        {
            if (n.HasPackedAsciiName)
            {
                ReadOnlySpan<byte> bytes = n.PackedNameBytes;
                end -= bytes.Length;
                for (int i = 0; i < bytes.Length; i++)
                {
                    chars[end + i] = (char)bytes[i];
                }
            }
            else
            {
                string name = n.Name;
                end -= name.Length;
                name.AsSpan().CopyTo(chars.Slice(end));
            }

            chars[--end] = '/';
        }
    }
}
