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
