namespace XenExtRegions.DeviceTrees;

/// <summary>
/// What the DTB reader shares among all nodes of one tree so that property objects can be created when first
/// asked for: the blob the values live in and the property names by index. Keeping a node's properties as three
/// ints each until then halves the objects a large tree allocates up front (and the garbage collector's work).
/// </summary>
internal sealed class PackedPropertySource
{
    public PackedPropertySource(byte[] blob) => Blob = blob;

    /// <summary>The blob the property values slice into.</summary>
    public byte[] Blob { get; }

    /// <summary>Property names by index; set once the reader has seen every name, before the tree is handed out.</summary>
    public string[] Names { get; set; } = System.Array.Empty<string>();
}
