namespace XenExtRegions.DeviceTrees;

/// <summary>
/// What the DTB reader shares among all nodes of one tree so that names and property objects can be created when
/// first asked for: the blob they live in, the property names by index, and every node's property slots (name
/// index, value start, value length) in one array. A large tree then costs about one object per node up front
/// instead of four; the garbage collector's promotion work, not parsing, dominated the build before.
/// </summary>
internal sealed class PackedTreeStorage
{
    public PackedTreeStorage(byte[] blob) => Blob = blob;

    /// <summary>The blob the node names and property values slice into.</summary>
    public byte[] Blob { get; }

    /// <summary>Property names by index; set once the reader has seen every name, before the tree is handed out.</summary>
    public string[] PropertyNames { get; set; } = System.Array.Empty<string>();

    /// <summary>
    /// Three ints per property, node after node, in chunks of <see cref="SlotChunkSize"/> (slot i is in chunk
    /// i / SlotChunkSize) so that growing never copies and never over-allocates by more than one chunk.
    /// </summary>
    public int[][] PropertySlotChunks { get; set; } = System.Array.Empty<int[]>();

    /// <summary>Ints per slot chunk: 16 KiB, small enough for the small-object heap and for a tiny tree.</summary>
    public const int SlotChunkSize = 1 << SlotChunkShift;

    /// <summary>log2 of <see cref="SlotChunkSize"/>.</summary>
    public const int SlotChunkShift = 12;

    /// <summary>The slot at <paramref name="index"/>.</summary>
    public int Slot(int index) => PropertySlotChunks[index >> SlotChunkShift][index & (SlotChunkSize - 1)];
}
