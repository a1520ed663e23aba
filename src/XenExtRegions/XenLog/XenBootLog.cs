using System;
using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// What a Xen on Arm console log says about memory: the facts Xen printed at boot, read by
/// <see cref="XenBootLogParser"/>. Every address is converted to a <c>(start, size)</c> bank whatever end
/// convention the line used.
/// </summary>
public sealed class XenBootLog
{
    internal XenBootLog(
        XenLogReadState state,
        IReadOnlyList<BootModule> modules,
        IReadOnlyList<MemoryBank> reserved,
        IReadOnlyList<MemoryBank> memoryReservations,
        IReadOnlyList<XenLogDomain> domains,
        IReadOnlyList<XenLogDiagnostic> diagnostics,
        int lineCount)
    {
        Version = state.Version;
        VersionText = state.VersionText;
        VersionLineNumber = state.VersionLineNumber;
        IsPreRelease = XenBootLogParser.IsPreReleaseText(state.VersionText);
        CommandLine = state.CommandLine;
        CommandLineLineNumber = state.CommandLineLineNumber;
        IommuEnabled = state.IommuEnabled;
        IommuLineNumber = state.IommuLineNumber;
        Dom0lessMode = state.Dom0lessMode;
        HostRam = state.HostRam.ToArray();
        ReservedLines = state.ReservedLines.ToArray();
        Reserved = reserved;
        MemoryReservations = memoryReservations;
        Modules = modules;
        Domains = domains;
        XenLogDomain? dom0 = FindDomain("d0");
        Dom0Ram = dom0?.Ram ?? Array.Empty<MemoryBank>();
        GrantTable = state.GrantTable;
        IpaBits = state.IpaBits;
        IpaBitsLineNumber = state.IpaBitsLineNumber;
        ExtendedRegions = state.Regions.ToArray();
        ExtendedRegionWarnings = state.RegionWarnings.ToArray();
        Diagnostics = diagnostics;
        LineCount = lineCount;
        XenLineCount = state.XenLineCount;
    }

    /// <summary>
    /// The numeric release X.Y.Z of the <c>Xen version</c> banner (or, without one, of the EFI loader's <c>Xen X.Y.Z</c>
    /// line), or null when the log has none. <c>4.20.5-pre</c> gives 4.20.5; see <see cref="VersionText"/> and <see cref="IsPreRelease"/>.
    /// </summary>
    public Version? Version { get; }

    /// <summary>Host RAM banks from <c>RAM: start - end</c> lines (inclusive end), kind <see cref="MemoryBankKind.HostRam"/>.</summary>
    public IReadOnlyList<MemoryBank> HostRam { get; }

    /// <summary>
    /// Reserved banks from <c>RESVD[n]: start - end</c> lines (inclusive end), kind <see cref="MemoryBankKind.ReservedMemory"/>;
    /// without the <c>/memreserve/</c> lines when <see cref="XenBootLogOptions.MemoryReservationCount"/> says which they are.
    /// </summary>
    public IReadOnlyList<MemoryBank> Reserved { get; }

    /// <summary>
    /// Boot modules from <c>MODULE[n]: start - end kind</c> lines. The end is exclusive before Xen 4.20 and
    /// inclusive from 4.20; the parser decides by the log's version banner (see <see cref="XenBootLogOptions.AssumedVersion"/>).
    /// </summary>
    public IReadOnlyList<BootModule> Modules { get; }

    /// <summary>Dom0's RAM (<see cref="XenLogDomain.Ram"/> of <c>d0</c>): its <c>BANK[n] start-end (NMB)</c> lines (exclusive end), kind <see cref="MemoryBankKind.DomainRam"/>.</summary>
    public IReadOnlyList<MemoryBank> Dom0Ram { get; }

    /// <summary>The grant-table window from the last <c>Grant table range: start-end</c> line (exclusive end), or null; per domain see <see cref="XenLogDomain.GrantTable"/>.</summary>
    public MemoryBank? GrantTable { get; }

    /// <summary>The stage-2 input width from <c>P2M: N-bit IPA …</c>, or null.</summary>
    public int? IpaBits { get; }

    /// <summary>Every <c>extended region i: S-&gt;E</c> line, in log order, for every domain.</summary>
    public IReadOnlyList<XenLogExtendedRegion> ExtendedRegions { get; }

    /// <summary>Xen's warnings about extended regions (<c>failed to allocate extended regions</c>, <c>disabled</c>…), as printed.</summary>
    public IReadOnlyList<string> ExtendedRegionWarnings { get; }

    /// <summary>Lines recognised as Xen's but unreadable, and notes on assumptions made.</summary>
    public IReadOnlyList<XenLogDiagnostic> Diagnostics { get; }

    /// <summary>The number of lines read.</summary>
    public int LineCount { get; }

    /// <summary>
    /// The number of lines recognised as Xen's: with a <c>(XEN)</c> prefix, or one of the facts this parser reads.
    /// Zero means the text is not a Xen console log (empty, another program's output, or binary data).
    /// </summary>
    public int XenLineCount { get; }

    /// <summary>The version as the banner printed it, e.g. <c>4.20.5-pre</c>, <c>4.17.7</c>, <c>4.21-unstable</c>; null without a banner.</summary>
    public string? VersionText { get; }

    /// <summary>
    /// True when <see cref="VersionText"/> carries <c>-pre</c> (a stable branch after its last tag: <c>4.20.5-pre</c>
    /// is 4.20.4 with later fixes and behaves as 4.20.4), <c>-rc</c> (a release candidate of X.Y.0), or
    /// <c>-unstable</c> / <c>-dev</c> (the development branch).
    /// </summary>
    public bool IsPreRelease { get; }

    /// <summary>The line of the version banner, or 0.</summary>
    public int VersionLineNumber { get; }

    /// <summary>Xen's command line, the text after <c>Command line:</c> (<c>ext_regions=</c>, <c>dom0_mem=</c>, <c>iommu=</c>…), or null.</summary>
    public string? CommandLine { get; }

    /// <summary>The line of <c>Command line:</c>, or 0.</summary>
    public int CommandLineLineNumber { get; }

    /// <summary>From iommu_setup's <c>I/O virtualisation enabled|disabled</c>: true, false, or null when the log lacks the line.</summary>
    public bool? IommuEnabled { get; }

    /// <summary>The line of <c>I/O virtualisation …</c>, or 0.</summary>
    public int IommuLineNumber { get; }

    /// <summary>The line of <c>P2M: N-bit IPA …</c> (<see cref="IpaBits"/>), or 0.</summary>
    public int IpaBitsLineNumber { get; }

    /// <summary>True when the log says <c>Xen dom0less mode detected</c> (no Dom0 kernel: only dom0less domains are built).</summary>
    public bool Dom0lessMode { get; }

    /// <summary>Every domain the log names (<c>d0</c>, <c>d1</c>…), in order of first mention, with what the log says about each.</summary>
    public IReadOnlyList<XenLogDomain> Domains { get; }

    /// <summary>Every <c>RESVD[n]: start - end</c> line as printed, in log order.</summary>
    public IReadOnlyList<XenLogReservedLine> ReservedLines { get; }

    /// <summary>
    /// The RESVD lines that are the device tree's <c>/memreserve/</c> entries (the first
    /// <see cref="XenBootLogOptions.MemoryReservationCount"/> ones; exclusive end before 4.19, inclusive from 4.19),
    /// kind <see cref="MemoryBankKind.MemoryReservation"/>; empty when that count is not given.
    /// </summary>
    public IReadOnlyList<MemoryBank> MemoryReservations { get; }

    /// <summary>The domain of that name, or null when the log does not name it.</summary>
    /// <param name="name">Xen's name, <c>d0</c>, <c>d1</c>… (<c>dom0</c> and <c>Dom0</c> are accepted too).</param>
    /// <returns>The domain, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public XenLogDomain? FindDomain(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        string wanted = XenLogReadState.NormaliseDomain(name);
        foreach (XenLogDomain d in Domains)
        {
            if (string.Equals(d.Name, wanted, StringComparison.Ordinal))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>True when the log says something about Dom0's extended regions (a region line or an outcome message for <c>d0</c>).</summary>
    public bool HasDom0ExtendedRegionVerdict => FindDomain("d0") is { Outcome: not XenLogRegionsOutcome.NotInLog };

    /// <summary>Dom0's extended regions (domain <c>d0</c> or unnamed) as banks of kind <see cref="MemoryBankKind.ExtendedRegion"/>, in log order.</summary>
    /// <returns>The regions.</returns>
    public IReadOnlyList<MemoryBank> GetDom0ExtendedRegions()
    {
        var list = new List<MemoryBank>();
        foreach (XenLogExtendedRegion r in ExtendedRegions)
        {
            if (r.IsDom0)
            {
                list.Add(new MemoryBank(r.Start, r.Size, MemoryBankKind.ExtendedRegion, FormattableString.Invariant($"log line {r.LineNumber}")));
            }
        }

        return list;
    }
}
