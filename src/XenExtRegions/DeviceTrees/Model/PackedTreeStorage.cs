using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A tree read from a DTB, as the reader leaves it: the blob, the property names by strings-block offset, and one
/// <see cref="FlatNode"/> record per node in a single array. Node objects are made when first asked for (the root
/// when the tree is handed out, the others as callers reach them) and kept, one per node, so identities are stable;
/// their properties are made when first asked for too. A large tree therefore costs a few large blocks up front and no
/// object per node or property: the garbage collector's marking and promotion of those objects, not parsing,
/// dominated the build before.
/// </summary>
internal sealed class PackedTreeStorage
{
    /// <summary>The size of a PROP token's header (tag, length, name offset).</summary>
    private const int PropHeaderSize = 12;

    private FlatNode[] _nodes;
    private DeviceTreeNode?[]? _made;
    private Dictionary<int, string>? _decodedNames;
    private Dictionary<int, DeviceTreeProperty[]>? _looseProperties;

    /// <summary>Creates the storage of one tree being read, its records written into <paramref name="records"/>
    /// (the reader's reusable buffer, grown as needed) until <see cref="Complete"/>.</summary>
    public PackedTreeStorage(byte[] blob, PropertyNameTable names, FlatNode[] records)
    {
        Blob = blob;
        Names = names;
        _nodes = records;
    }

    /// <summary>The blob the node names and property values slice into.</summary>
    public byte[] Blob { get; }

    /// <summary>Property names by strings-block offset; complete before the tree is handed out, read-only after.</summary>
    public PropertyNameTable Names { get; }

    /// <summary>How many nodes the tree has (so far, while it is read).</summary>
    public int Count { get; private set; }

    /// <summary>The node records; read-only once the tree is handed out.</summary>
    public ref readonly FlatNode this[int index] => ref _nodes[index];

    /// <summary>
    /// Adds a node whose BEGIN_NODE token the reader has just met, the next child of <paramref name="parent"/>
    /// (-1 for the root).
    /// </summary>
    /// <returns>The new node's index.</returns>
    public int Add(int nameStart, int nameLength, string? decodedName, int parent)
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _nodes, Math.Max(64, checked(_nodes.Length * 2)));
        }

        int index = Count++;
        _nodes[index] = new FlatNode { NameStart = nameStart, NameLength = nameLength, Parent = parent };

        if (decodedName is not null)
        {
            (_decodedNames ??= new Dictionary<int, string>())[index] = decodedName;
        }

        return index;
    }

    /// <summary>Completes a node at its END_NODE token: its properties (packed, or made already when
    /// <paramref name="loose"/> is not null) and where its subtree ends.</summary>
    public void End(int index, int firstProperty, int propertyCount, int knownNames, DeviceTreeProperty[]? loose)
    {
        ref FlatNode node = ref _nodes[index];
        node.FirstProperty = firstProperty;
        node.PropertyCount = propertyCount;
        node.KnownNames = knownNames;
        node.SubtreeEnd = Count;
        if (loose is not null)
        {
            (_looseProperties ??= new Dictionary<int, DeviceTreeProperty[]>())[index] = loose;
        }
    }

    /// <summary>
    /// Ends the read: the records move into an array of their exact size when <paramref name="keepLimit"/> allows
    /// the buffer to be reused, else the buffer itself becomes the tree's.
    /// </summary>
    /// <returns>The buffer for the next read, or null when it stays with this tree.</returns>
    public FlatNode[]? Complete(int keepLimit)
    {
        FlatNode[] buffer = _nodes;
        if (buffer.Length > keepLimit)
        {
            return null;
        }

        _nodes = new FlatNode[Count];
        Array.Copy(buffer, _nodes, Count);
        return buffer;
    }

    /// <summary>Node <paramref name="index"/>'s first child, -1 when it has none.</summary>
    public int FirstChild(int index) => _nodes[index].SubtreeEnd > index + 1 ? index + 1 : -1;

    /// <summary>Node <paramref name="index"/>'s next sibling, -1 for a last child or the root.</summary>
    public int NextSibling(int index)
    {
        int parent = _nodes[index].Parent;
        int end = _nodes[index].SubtreeEnd;
        return parent >= 0 && end < _nodes[parent].SubtreeEnd ? end : -1;
    }

    /// <summary>Node <paramref name="index"/>'s name: the reader's decoding of a non-ASCII name, else the ASCII bytes
    /// decoded (which the framework's UTF-8 decoder does exactly).</summary>
    public string NameOf(int index) => DecodedName(index) ?? System.Text.Encoding.UTF8.GetString(Blob, _nodes[index].NameStart, _nodes[index].NameLength);

    /// <summary>The name of a node whose bytes are not plain ASCII (decoded by the reader), or null.</summary>
    public string? DecodedName(int index) => _decodedNames is not null && _decodedNames.TryGetValue(index, out string? name) ? name : null;

    /// <summary>The properties the reader had to make for a node whose PROP tokens were not back to back, or null.</summary>
    public DeviceTreeProperty[]? LooseProperties(int index) => _looseProperties is not null && _looseProperties.TryGetValue(index, out DeviceTreeProperty[]? properties) ? properties : null;

    /// <summary>The node object for record <paramref name="index"/>, made on first use; every caller gets the same one.</summary>
    public DeviceTreeNode NodeAt(int index)
    {
        DeviceTreeNode?[] made = Volatile.Read(ref _made) ?? MakeNodeTable();
        DeviceTreeNode? node = Volatile.Read(ref made[index]);
        if (node is not null)
        {
            return node;
        }

        // Readers may race to make a node; one wins and every caller sees that one.
        var fresh = new DeviceTreeNode(this, index);
        return Interlocked.CompareExchange(ref made[index], fresh, null) ?? fresh;
    }

    private DeviceTreeNode?[] MakeNodeTable()
    {
        var made = new DeviceTreeNode?[Count];
        return Interlocked.CompareExchange(ref _made, made, null) ?? made;
    }

    /// <summary>True when node <paramref name="index"/> has no property called <paramref name="name"/>, known from its
    /// <see cref="KnownNameBit"/>s without looking; false when it has one or the name has no bit.</summary>
    public bool LacksKnown(int index, string name) => KnownNameBit(name) is int bit && bit != 0 && (_nodes[index].KnownNames & bit) == 0;

    /// <summary>
    /// The value of node <paramref name="index"/>'s property called <paramref name="name"/>, read from the blob
    /// without making property objects (or from the properties the reader made, for a node that has them).
    /// </summary>
    public bool TryGetValue(int index, string name, out ReadOnlyMemory<byte> value)
    {
        if (!LacksKnown(index, name))
        {
            if (LooseProperties(index) is { } loose)
            {
                return DeviceTreeNode.FindValue(loose, name, out value);
            }
            else
            {
                int token = _nodes[index].FirstProperty;
                int count = _nodes[index].PropertyCount;
                for (int i = 0; i < count; i++)
                {
                    PackedProperty packed = At(token, out token);
                    if (string.Equals(packed.Name, name, StringComparison.Ordinal))
                    {
                        value = new ReadOnlyMemory<byte>(Blob, packed.ValueStart, packed.ValueLength);
                        return true;
                    }
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>Node <paramref name="index"/>'s properties as views, without making property objects.</summary>
    public DeviceTreePropertyEnumerator PropertyViews(int index) => LooseProperties(index) is { } loose
        ? new DeviceTreePropertyEnumerator(loose)
        : new DeviceTreePropertyEnumerator(this, _nodes[index].FirstProperty, _nodes[index].PropertyCount);

    /// <summary>Node <paramref name="index"/>'s name bytes in the blob; its name is exactly these when
    /// <see cref="DecodedName"/> is null (ASCII).</summary>
    public ReadOnlySpan<byte> NameBytes(int index) => new(Blob, _nodes[index].NameStart, _nodes[index].NameLength);

    /// <summary>
    /// A bit for each property name the hot internal readers (address decoder, boot scan) and the standard property
    /// readers look up on every node, 0 for other names. A node read from a DTB records the bits of the names it
    /// has, so looking up one it lacks (most lookups: <c>#address-cells</c>, <c>device_type</c>, <c>ranges</c>…)
    /// answers without walking its properties.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <returns>The name's bit, or 0.</returns>
    public static int KnownNameBit(string name) => name switch
    {
        "reg" => 1 << 0,
        "ranges" => 1 << 1,
        "compatible" => 1 << 2,
        "device_type" => 1 << 3,
        "#address-cells" => 1 << 4,
        "#size-cells" => 1 << 5,
        "status" => 1 << 6,
        "name" => 1 << 7,
        "assigned-addresses" => 1 << 8,
        "phandle" => 1 << 9,
        "linux,phandle" => 1 << 10,
        "memory" => 1 << 11,
        "xen,enhanced" => 1 << 12,
        "xen,shm-id" => 1 << 13,
        "role" => 1 << 14,
        "direct-map" => 1 << 15,
        "cpus" => 1 << 16,
        "dma-ranges" => 1 << 17,
        _ => 0,
    };

    /// <summary>
    /// The property whose PROP token starts at <paramref name="token"/>; <paramref name="next"/> is where the token
    /// after it starts. The reader checked these tokens; the caller promised not to change the blob.
    /// </summary>
    public PackedProperty At(int token, out int next)
    {
        ReadOnlySpan<byte> header = new(Blob, token, PropHeaderSize);
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4));
        string name = Names.NameAt(BinaryPrimitives.ReadUInt32BigEndian(header.Slice(8)));
        int valueStart = token + PropHeaderSize;
        next = (valueStart + length + 3) & ~3;
        return new PackedProperty(name, valueStart, length);
    }
}
