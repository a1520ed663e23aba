using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// What the DTB reader shares among all nodes of one tree so that names and property objects can be created when
/// first asked for: the blob they live in and the property names by strings-block offset. A node whose properties
/// sit back to back in the structure block keeps only where the first one starts and how many there are, so a
/// large tree costs one object per node up front and no per-property storage at all: the garbage collector's
/// promotion work, not parsing, dominated the build before.
/// </summary>
internal sealed class PackedTreeStorage
{
    /// <summary>The size of a PROP token's header (tag, length, name offset).</summary>
    private const int PropHeaderSize = 12;

    public PackedTreeStorage(byte[] blob, PropertyNameTable names)
    {
        Blob = blob;
        Names = names;
    }

    /// <summary>The blob the node names and property values slice into.</summary>
    public byte[] Blob { get; }

    /// <summary>Property names by strings-block offset; complete before the tree is handed out, read-only after.</summary>
    public PropertyNameTable Names { get; }

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
