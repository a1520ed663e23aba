using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Receives the tokens of <see cref="FdtReader.Walk{TVisitor}(ref TVisitor)"/>: implement it on a struct so the
/// calls are inlined into the walk. Each method returns false to stop the walk after its token.
/// </summary>
/// <remarks>Names and values are spans of the blob, valid while the blob is.</remarks>
public interface IFdtTokenVisitor
{
    /// <summary>A <c>BEGIN_NODE</c> token.</summary>
    /// <param name="name">The node name with unit address (empty for the root; the last path component before version 16).</param>
    /// <param name="offset">The token's byte offset in the blob.</param>
    /// <returns>False to stop after this token.</returns>
    bool OnBeginNode(ReadOnlySpan<byte> name, int offset);

    /// <summary>A <c>PROP</c> token.</summary>
    /// <param name="name">The property name, resolved through the strings block.</param>
    /// <param name="value">The property value.</param>
    /// <param name="offset">The token's byte offset in the blob.</param>
    /// <returns>False to stop after this token.</returns>
    bool OnProperty(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int offset);

    /// <summary>An <c>END_NODE</c> token.</summary>
    /// <param name="offset">The token's byte offset in the blob.</param>
    /// <returns>False to stop after this token.</returns>
    bool OnEndNode(int offset);
}
