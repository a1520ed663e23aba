using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The node the DTB reader is reading at one depth, reused for every node at that depth (and, through
/// <see cref="DtbBuildScratch"/>, by the next read on the same thread). It checks that property and child names are
/// unique: property names by their <see cref="PropertyNameTable"/> index (equal names share one index), child names
/// by hash, then as blob bytes, so that a node's name is not decoded just to be compared.
/// </summary>
internal sealed class DtbBuildFrame
{
    /// <summary>Up to this many children, names are checked one by one as they come; above it, once, by hashing.</summary>
    private const int LinearScanLimit = 12;

    /// <summary>Room for 16 properties' slots, enough for most nodes without growing.</summary>
    private const int FirstSlotCapacity = 3 * 16;

    private readonly List<DtbChildEntry> _children = new();
    private readonly SiblingNameCheck _siblingNames = new();
    /// <summary>Above this many names the set is dropped instead of cleared, so one huge node cannot make every later Clear slow.</summary>
    private const int ReusedSetLimit = 1024;

    private readonly DtbBuildScratch _scratch;
    private HashSet<int>? _propertyNameSet;
    private long _id;
    private bool _childSeen;
    private bool _propertyNameSetInUse;
    private byte[] _blob = Array.Empty<byte>();

    public DtbBuildFrame(DtbBuildScratch scratch) => _scratch = scratch;

    /// <summary>The node's index in the tree's storage.</summary>
    public int Index { get; set; }

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

    /// <summary>
    /// Name index, value start and value length of each property so far, three ints a property (the first
    /// <see cref="PropertyCount"/> × 3 entries hold them): a plain array grown by doubling, since this store runs for
    /// every property of every tree read.
    /// </summary>
    public int[] PropertySlots => _slots;

    /// <summary>The number of properties read so far.</summary>
    public int PropertyCount => _slotCount / 3;

    /// <summary>The offset of the first property's PROP token, or -1 before it.</summary>
    public int FirstPropertyToken { get; private set; } = -1;

    /// <summary>
    /// True while the properties lie back to back (no NOP, child node or padding between them), so the node can
    /// find them again from <see cref="FirstPropertyToken"/> and their count alone.
    /// </summary>
    public bool PropertiesContiguous { get; private set; } = true;

    private int _nextPropertyToken;
    private int[] _slots = new int[FirstSlotCapacity];
    private int _slotCount;

    /// <summary>The <see cref="PackedTreeStorage.KnownNameBit"/>s of the properties read so far.</summary>
    public int KnownNames { get; private set; }

    public void Begin(byte[] blob, int nameStart, int nameLength, int offset)
    {
        _id = _scratch.NextNodeId();
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
        _slotCount = 0;
        KnownNames = 0;
        _childSeen = false;
        FirstPropertyToken = -1;
        PropertiesContiguous = true;
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

    /// <summary>Lets go of the blob and of every node, and of lists grown too large to keep, after a read.</summary>
    public void Release()
    {
        Clear();
        _blob = Array.Empty<byte>();
        DecodedName = null;
        if (_children.Capacity > ReusedSetLimit)
        {
            _children.Capacity = 0;
        }

        if (_slots.Length > 3 * ReusedSetLimit)
        {
            _slots = new int[FirstSlotCapacity];
        }

        _siblingNames.Release(ReusedSetLimit);
    }

    /// <summary>Records a property; false when the node already has one of that name.</summary>
    public bool AddProperty(int nameIndex, int knownBit, int token, int valueStart, int valueLength)
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

        if (!_childSeen && !_propertyNameSetInUse)
        {
            // Until the node has a child, no other node has stamped a name since this one began.
            long[] stamps = _scratch.StampsFor(nameIndex);
            if (stamps[nameIndex] == _id)
            {
                return false;
            }

            stamps[nameIndex] = _id;
        }
        else
        {
            // A property after a child (not in dtc's blobs, but valid): the child's stamps hide this node's, so the
            // node's names go into a set instead, once, and stay there.
            if (!_propertyNameSetInUse)
            {
                _propertyNameSet ??= new HashSet<int>();
                for (int i = 0; i < _slotCount; i += 3)
                {
                    _propertyNameSet.Add(_slots[i]);
                }

                _propertyNameSetInUse = true;
            }

            if (!_propertyNameSet!.Add(nameIndex))
            {
                return false;
            }
        }

        KnownNames |= knownBit;
        if (_slotCount + 3 > _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_slotCount] = nameIndex;
        _slots[_slotCount + 1] = valueStart;
        _slots[_slotCount + 2] = valueLength;
        _slotCount += 3;
        return true;
    }

    /// <summary>
    /// Records a finished child (its name and BEGIN_NODE offset); false when a sibling
    /// seen so far has its name (checked at once for the first few children, by <see cref="FindDuplicateChild"/>
    /// for the rest).
    /// </summary>
    public bool AddChild(int nameStart, int nameLength, string? decodedName, int offset)
    {
        _childSeen = true;
        var entry = new DtbChildEntry(_blob, nameStart, nameLength, decodedName, offset);
        if (_children.Count < LinearScanLimit)
        {
            foreach (DtbChildEntry c in _children)
            {
                if (DtbChildEntry.SameName(c, entry))
                {
                    return false;
                }
            }
        }

        _children.Add(entry);
        return true;
    }

    public int? FindDuplicateChild() => _children.Count <= LinearScanLimit ? null : _siblingNames.FindFirstDuplicate(_children);

    public string ChildName(int index) => _children[index].Name;

    public int ChildOffset(int index) => _children[index].Offset;

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
