using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>One finding of <see cref="ExtendedRegionAudit"/>.</summary>
public sealed class AuditFinding
{
    internal AuditFinding(AuditFindingKind kind, AuditSeverity severity, int regionIndex, AddressRange? overlap, string? subject, string message)
    {
        Kind = kind;
        Severity = severity;
        RegionIndex = regionIndex;
        Overlap = overlap;
        Subject = subject;
        Message = message;
    }

    /// <summary>What was found.</summary>
    public AuditFindingKind Kind { get; }

    /// <summary>How serious.</summary>
    public AuditSeverity Severity { get; }

    /// <summary>The region (0-based, as Xen logs it), or -1 for the whole list.</summary>
    public int RegionIndex { get; }

    /// <summary>The overlapping addresses, when the finding is an overlap.</summary>
    public AddressRange? Overlap { get; }

    /// <summary>What it overlaps (node path, bank), or null.</summary>
    public string? Subject { get; }

    /// <summary>A sentence.</summary>
    public string Message { get; }

    /// <summary>
    /// Prints <c>Unsafe reg[1] (Xen's extended region 0): message</c>: the region by its /hypervisor reg index (reg[0]
    /// is the grant table), the number tables and maps use, and once by the number Xen's log gives it.
    /// </summary>
    /// <returns>The finding.</returns>
    public override string ToString() => RegionIndex >= 0
        ? FormattableString.Invariant($"{Severity} reg[{RegionIndex + 1}] (Xen's extended region {RegionIndex}): {Message}")
        : FormattableString.Invariant($"{Severity}: {Message}");
}
