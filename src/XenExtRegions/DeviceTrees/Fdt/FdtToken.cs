namespace XenExtRegions.DeviceTrees;

/// <summary>The tokens of a DTB structure block (Devicetree Specification v0.4, section 5.4.1).</summary>
public enum FdtToken
{
    /// <summary>No token has been read yet.</summary>
    None = 0,

    /// <summary><c>FDT_BEGIN_NODE</c> (0x1): a node starts; its name follows.</summary>
    BeginNode = 1,

    /// <summary><c>FDT_END_NODE</c> (0x2): the current node ends.</summary>
    EndNode = 2,

    /// <summary><c>FDT_PROP</c> (0x3): a property of the current node (length, name offset, value).</summary>
    Prop = 3,

    /// <summary><c>FDT_NOP</c> (0x4): ignored filler. <see cref="FdtReader"/> skips it and never reports it.</summary>
    Nop = 4,

    /// <summary><c>FDT_END</c> (0x9): the end of the structure block.</summary>
    End = 9,
}
