using System;

namespace XenExtRegions.XenLog;

/// <summary>
/// One <c>RESVD[n]: start - end</c> line of a Xen console log, as printed. Whether its end is inclusive depends on
/// the release and on what the line describes: Xen 4.16-4.18 print the device tree's <c>/memreserve/</c> entries
/// first with an exclusive end, then the <c>/reserved-memory</c> banks with an inclusive end; from 4.19 every line
/// has an inclusive end.
/// </summary>
public readonly struct XenLogReservedLine : IEquatable<XenLogReservedLine>
{
    /// <summary>Creates a line as read.</summary>
    /// <param name="index">The index Xen printed in <c>RESVD[n]</c>.</param>
    /// <param name="start">The first address.</param>
    /// <param name="printedEnd">The end as printed (inclusive or exclusive, see the type's remarks).</param>
    /// <param name="lineNumber">The 1-based line number in the log.</param>
    public XenLogReservedLine(int index, ulong start, ulong printedEnd, int lineNumber)
    {
        Index = index;
        Start = start;
        PrintedEnd = printedEnd;
        LineNumber = lineNumber;
    }

    /// <summary>The index Xen printed in <c>RESVD[n]</c>.</summary>
    public int Index { get; }

    /// <summary>The first address.</summary>
    public ulong Start { get; }

    /// <summary>The end as printed, not interpreted.</summary>
    public ulong PrintedEnd { get; }

    /// <summary>The 1-based line number in the log.</summary>
    public int LineNumber { get; }

    /// <inheritdoc/>
    public bool Equals(XenLogReservedLine other) =>
        Index == other.Index && Start == other.Start && PrintedEnd == other.PrintedEnd && LineNumber == other.LineNumber;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XenLogReservedLine other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Start.GetHashCode() * 397) ^ PrintedEnd.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints the line in Xen's wording.</summary>
    /// <returns>For example <c>RESVD[0]: 0000000090000000 - 0000000094000000</c>.</returns>
    public override string ToString() => FormattableString.Invariant($"RESVD[{Index}]: {Start:x16} - {PrintedEnd:x16}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when all fields match.</returns>
    public static bool operator ==(XenLogReservedLine left, XenLogReservedLine right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when a field differs.</returns>
    public static bool operator !=(XenLogReservedLine left, XenLogReservedLine right) => !left.Equals(right);
}
