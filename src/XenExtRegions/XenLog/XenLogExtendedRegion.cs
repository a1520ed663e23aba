using System;

namespace XenExtRegions.XenLog;

/// <summary>
/// One <c>extended region i: S-&gt;E</c> line of a Xen console log. Xen always prints the end exclusive.
/// </summary>
public readonly struct XenLogExtendedRegion : IEquatable<XenLogExtendedRegion>
{
    /// <summary>Creates a region as read from a log line.</summary>
    /// <param name="domain">The domain the line names (<c>d0</c>), or null for Xen 4.16's unprefixed wording.</param>
    /// <param name="index">The index Xen printed (0 is the first extended region, not the grant table).</param>
    /// <param name="start">The first address.</param>
    /// <param name="end">The exclusive end Xen printed.</param>
    /// <param name="lineNumber">The 1-based line number in the log.</param>
    public XenLogExtendedRegion(string? domain, int index, ulong start, ulong end, int lineNumber)
    {
        Domain = domain;
        Index = index;
        Start = start;
        End = end;
        LineNumber = lineNumber;
    }

    /// <summary>The domain the line names (<c>d0</c>, <c>d1</c>…), or null when the line has no domain (Xen 4.16).</summary>
    public string? Domain { get; }

    /// <summary>The index Xen printed.</summary>
    public int Index { get; }

    /// <summary>The first address.</summary>
    public ulong Start { get; }

    /// <summary>The exclusive end.</summary>
    public ulong End { get; }

    /// <summary>The size, <c>End - Start</c>.</summary>
    public ulong Size => End - Start;

    /// <summary>The 1-based line number in the log.</summary>
    public int LineNumber { get; }

    /// <summary>True when the region belongs to Dom0 (domain <c>d0</c>, or no domain named as in Xen 4.16).</summary>
    public bool IsDom0 => Domain is null || string.Equals(Domain, "d0", StringComparison.Ordinal);

    /// <inheritdoc/>
    public bool Equals(XenLogExtendedRegion other) =>
        string.Equals(Domain, other.Domain, StringComparison.Ordinal) && Index == other.Index && Start == other.Start
        && End == other.End && LineNumber == other.LineNumber;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenLogExtendedRegion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Start.GetHashCode() * 397) ^ End.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints the region in Xen's own wording.</summary>
    /// <returns>For example <c>d0: extended region 0: 0x48000000-&gt;0x54000000</c>.</returns>
    public override string ToString() => Domain is null
        ? FormattableString.Invariant($"Extended region {Index}: 0x{Start:x}->0x{End:x}")
        : FormattableString.Invariant($"{Domain}: extended region {Index}: 0x{Start:x}->0x{End:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when all fields match.</returns>
    public static bool operator ==(XenLogExtendedRegion left, XenLogExtendedRegion right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(XenLogExtendedRegion left, XenLogExtendedRegion right) => !left.Equals(right);
}
