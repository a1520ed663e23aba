using System;

namespace XenExtRegions.XenLog;

/// <summary>How <see cref="XenBootLogParser"/> reads a log.</summary>
public sealed class XenBootLogOptions
{
    /// <summary>The default <see cref="MaxLogBytes"/>: 64 MiB, far more than any boot log.</summary>
    public const long DefaultMaxLogBytes = 64L * 1024 * 1024;

    /// <summary>The default options.</summary>
    public static XenBootLogOptions Default { get; } = new();

    /// <summary>
    /// The Xen version to assume when the log has no <c>Xen version</c> banner; it decides how <c>MODULE[n]</c>
    /// lines are read (exclusive end before 4.20, inclusive from 4.20) and how <c>/memreserve/</c> entries among the
    /// <c>RESVD[n]</c> lines are read (exclusive end before 4.19). Null (the default) assumes 4.20 or later, the
    /// current behaviour, and the parser says so in a diagnostic when a line needed the rule.
    /// </summary>
    public Version? AssumedVersion { get; init; }

    /// <summary>
    /// The number of <c>/memreserve/</c> entries in the header of the device tree Xen booted, when known (from the
    /// host DTB). Xen prints those entries as the first <c>RESVD[n]</c> lines (before 4.19 with an exclusive end and
    /// without removing them from the hardware domain's extended regions; from 4.19 with an inclusive end, as part of
    /// the reserved memory). When set, <c>RESVD[n]</c> lines with n below it go to
    /// <see cref="XenBootLog.MemoryReservations"/> and the others to <see cref="XenBootLog.Reserved"/>. Null (the
    /// default): every line goes to <see cref="XenBootLog.Reserved"/>, read with an inclusive end.
    /// </summary>
    public int? MemoryReservationCount { get; init; }

    /// <summary>The largest file <see cref="XenBootLogParser.ParseFile"/> reads, in bytes; default <see cref="DefaultMaxLogBytes"/>.</summary>
    public long MaxLogBytes { get; init; } = DefaultMaxLogBytes;

    internal void Validate()
    {
        if (MemoryReservationCount is < 0)
        {
            throw new ArgumentException("XenBootLogOptions.MemoryReservationCount must not be negative.", nameof(MemoryReservationCount));
        }

        if (MaxLogBytes <= 0)
        {
            throw new ArgumentException("XenBootLogOptions.MaxLogBytes must be positive.", nameof(MaxLogBytes));
        }
    }
}
