using System;

namespace XenExtRegions.XenLog;

/// <summary>How <see cref="XenBootLogParser"/> reads a log.</summary>
public sealed class XenBootLogOptions
{
    /// <summary>The default options.</summary>
    public static XenBootLogOptions Default { get; } = new();

    /// <summary>
    /// The Xen version to assume when the log has no <c>Xen version</c> banner; it decides how <c>MODULE[n]</c>
    /// lines are read (exclusive end before 4.20, inclusive from 4.20). Null (the default) assumes 4.20 or later,
    /// the current behaviour, and the parser says so in a diagnostic when a MODULE line needed the rule.
    /// </summary>
    public Version? AssumedVersion { get; init; }
}
