namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One node of a tree read from a DTB, as the reader stores it: a record in one array per tree rather than an object,
/// so a large tree is a few large blocks that the garbage collector never has to trace. Indices are the nodes'
/// document order (the root is 0), so a node's subtree is the index range from it up to <see cref="SubtreeEnd"/>:
/// its first child, when it has one, is the next index, and a child's next sibling starts where the child's subtree
/// ends, unless that is the end of the parent's.
/// </summary>
internal struct FlatNode
{
    /// <summary>Where the name's bytes start in the blob.</summary>
    public int NameStart;

    /// <summary>The name's length in bytes.</summary>
    public int NameLength;

    /// <summary>Where the node's first PROP token starts (meaningful when <see cref="PropertyCount"/> is not 0).</summary>
    public int FirstProperty;

    /// <summary>How many properties the node has.</summary>
    public int PropertyCount;

    /// <summary>The parent's index, -1 for the root.</summary>
    public int Parent;

    /// <summary>One past the index of the last node of this node's subtree.</summary>
    public int SubtreeEnd;

    /// <summary>The <see cref="PackedTreeStorage.KnownNameBit"/>s of the node's property names.</summary>
    public int KnownNames;
}
