using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The node the DTB reader is reading at one depth, reused for every node at that depth. It checks that property
/// and child names are unique: property names as strings (they are shared), child names as blob bytes so that a
/// node's name is not decoded just to be compared.
/// </summary>
internal sealed class DtbBuildFrame
{
    /// <summary>Up to this many entries, names are checked one by one as they come; above it, once, by sorting.</summary>
    private const int LinearScanLimit = 12;

    private readonly List<string> _propertyNames = new();
    private readonly List<DtbChildEntry> _children = new();
    private readonly SiblingNameCheck _siblingNames = new();
    /// <summary>Above this many names the set is dropped instead of cleared, so one huge node cannot make every later Clear slow.</summary>
    private const int ReusedSetLimit = 1024;

    private HashSet<string>? _propertyNameSet;
    private bool _propertyNameSetInUse;
    private byte[] _blob = Array.Empty<byte>();

    /// <summary>Where the node name starts in the blob.</summary>
    public int NameStart { get; private set; }

    /// <summary>The node name's length in bytes.</summary>
    public int NameLength { get; private set; }

    /// <summary>The decoded name when the name is not plain ASCII (decoded at once so that comparisons stay exact), else null.</summary>
    public string? DecodedName { get; private set; }

    /// <summary>The offset of the node's BEGIN_NODE token.</summary>
    public int Offset { get; private set; }

    /// <summary>The node name, decoded (for error messages).</summary>
    public string Name => DecodedName ?? Encoding.ASCII.GetString(_blob, NameStart, NameLength);

    /// <summary>Name index, value start and value length of each property read so far.</summary>
    public List<int> PropertySlots { get; } = new();

    /// <summary>The number of properties read so far.</summary>
    public int PropertyCount => PropertySlots.Count / 3;

    /// <summary>The offset of the first property's PROP token, or -1 before it.</summary>
    public int FirstPropertyToken { get; private set; } = -1;

    /// <summary>
    /// True while the properties lie back to back (no NOP, child node or padding between them), so the node can
    /// find them again from <see cref="FirstPropertyToken"/> and their count alone.
    /// </summary>
    public bool PropertiesContiguous { get; private set; } = true;

    private int _nextPropertyToken;

    public void Begin(byte[] blob, int nameStart, int nameLength, int offset)
    {
        _blob = blob;
        NameStart = nameStart;
        NameLength = nameLength;
        Offset = offset;

        // Non-ASCII names are decoded here (losslessly, so equal strings mean equal bytes) and compared as strings;
        // ASCII ones stay packed and are compared as bytes.
        DecodedName = IsAscii(new ReadOnlySpan<byte>(blob, nameStart, nameLength)) ? null : EscapedUtf8.Decode(blob, nameStart, nameLength);
    }

    public void Clear()
    {
        PropertySlots.Clear();
        FirstPropertyToken = -1;
        PropertiesContiguous = true;
        _propertyNames.Clear();
        _children.Clear();
        if (_propertyNameSetInUse)
        {
            // Reused across the nodes at this depth: real boards have many nodes with more than a dozen properties.
            if (_propertyNameSet!.Count > ReusedSetLimit)
            {
                _propertyNameSet = null;
            }
            else
            {
                _propertyNameSet.Clear();
            }

            _propertyNameSetInUse = false;
        }
    }

    /// <summary>Records a property; false when the node already has one of that name.</summary>
    public bool AddProperty(string name, int nameIndex, int token, int valueStart, int valueLength)
    {
        if (FirstPropertyToken < 0)
        {
            FirstPropertyToken = token;
        }
        else if (token != _nextPropertyToken)
        {
            PropertiesContiguous = false;
        }

        // Values of pre-16 blobs may be padded to 8 bytes; such nodes keep their properties the slow way.
        PropertiesContiguous &= valueStart == token + 12;
        _nextPropertyToken = (valueStart + valueLength + 3) & ~3;

        if (_propertyNames.Count < LinearScanLimit)
        {
            foreach (string p in _propertyNames)
            {
                if (string.Equals(p, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }
        else
        {
            if (!_propertyNameSetInUse)
            {
                _propertyNameSet ??= new HashSet<string>(StringComparer.Ordinal);
                _propertyNameSet.UnionWith(_propertyNames);
                _propertyNameSetInUse = true;
            }

            if (!_propertyNameSet!.Add(name))
            {
                return false;
            }
        }

        _propertyNames.Add(name);
        PropertySlots.Add(nameIndex);
        PropertySlots.Add(valueStart);
        PropertySlots.Add(valueLength);
        return true;
    }

    /// <summary>
    /// Records a child; false when it repeats the name of one of the first few children. Later children are checked
    /// by <see cref="FindDuplicateChild"/> when the node ends.
    /// </summary>
    /// <param name="child">The child node.</param>
    /// <param name="offset">The offset of its BEGIN_NODE token.</param>
    /// <param name="asciiName">True when its name is plain ASCII (and still packed).</param>
    public bool AddChild(DeviceTreeNode child, int offset, bool asciiName)
    {
        var entry = new DtbChildEntry(child, offset, asciiName);
        if (_children.Count < LinearScanLimit)
        {
            foreach (DtbChildEntry c in _children)
            {
                if (DtbChildEntry.Compare(c, entry) == 0)
                {
                    return false;
                }
            }
        }

        _children.Add(entry);
        return true;
    }

    /// <summary>The index of the first child (in document order) whose name an earlier child already has, or null.</summary>
    public int? FindDuplicateChild() => _children.Count <= LinearScanLimit ? null : _siblingNames.FindFirstDuplicate(_children);

    public string ChildName(int index) => _children[index].Node.Name;

    public int ChildOffset(int index) => _children[index].Offset;

    public DeviceTreeNode[] ChildrenArray()
    {
        if (_children.Count == 0)
        {
            return Array.Empty<DeviceTreeNode>();
        }

        var nodes = new DeviceTreeNode[_children.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = _children[i].Node;
        }

        return nodes;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
