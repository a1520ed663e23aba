using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Limits for reading DTB blobs. The defaults accept every real firmware tree and bound what hostile input can
/// cost: work and memory stay proportional to the blob, never to a size field inside it.
/// </summary>
public sealed class DtbReaderOptions
{
    /// <summary>The default <see cref="MaxDepth"/>: 1024 nested nodes (real trees stay under 16).</summary>
    public const int DefaultMaxDepth = 1024;

    /// <summary>The default <see cref="MaxNodes"/>: 1 Mi nodes (real trees have a few thousand; the model costs about 440 bytes per node).</summary>
    public const int DefaultMaxNodes = 1024 * 1024;

    /// <summary>The default <see cref="MaxPropertySize"/>: 1 GiB, i.e. bounded by the blob in practice (FIT images hold whole kernels).</summary>
    public const int DefaultMaxPropertySize = 1024 * 1024 * 1024;

    /// <summary>The default <see cref="MaxTotalSize"/>: 1 GiB.</summary>
    public const int DefaultMaxTotalSize = 1024 * 1024 * 1024;

    /// <summary>The options used when none are given.</summary>
    public static DtbReaderOptions Default { get; } = new();

    /// <summary>The deepest node nesting accepted; the root is depth 1. Must be at least 1.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>The most nodes a tree may have (counting the root). Must be at least 1.</summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>The largest property value accepted, in bytes.</summary>
    public int MaxPropertySize { get; init; } = DefaultMaxPropertySize;

    /// <summary>The largest blob (<c>totalsize</c>, or file length for <see cref="DtbReader.ReadFile"/>) accepted.</summary>
    public int MaxTotalSize { get; init; } = DefaultMaxTotalSize;

    internal void Validate()
    {
        if (MaxDepth < 1 || MaxNodes < 1 || MaxPropertySize < 0 || MaxTotalSize < FdtHeader.Size)
        {
            throw new ArgumentException(FormattableString.Invariant($"Invalid DTB reader limits: MaxDepth {MaxDepth} and MaxNodes {MaxNodes} must be at least 1, MaxPropertySize {MaxPropertySize} not negative, MaxTotalSize {MaxTotalSize} at least {FdtHeader.Size}."), "options");
        }
    }
}
