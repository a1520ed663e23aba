using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>Choices for <see cref="DtbWriter"/>.</summary>
public sealed class DtbWriterOptions
{
    /// <summary>The options used when none are given: no free space.</summary>
    public static DtbWriterOptions Default { get; } = new();

    /// <summary>
    /// Zero bytes added after the strings block and counted in <c>totalsize</c>, so that boot loaders can grow the tree
    /// in place (as <c>dtc -p</c>). Must not be negative.
    /// </summary>
    public int ExtraFreeSpace { get; init; }

    internal void Validate()
    {
        if (ExtraFreeSpace < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"ExtraFreeSpace must not be negative, but is {ExtraFreeSpace}."), "options");
        }
    }
}
