using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>What the boot analysis reads of a parsed log, per domain; the one place that knows the log reader's shape.</summary>
internal sealed class BootLogView
{
    private BootLogView(XenBootLog log) => Log = log;

    public XenBootLog Log { get; }

    public string? VersionText => Log.VersionText;

    public Version? Version => Log.Version;

    public int VersionLine => Log.VersionLineNumber;

    public string? CommandLine => Log.CommandLine;

    public int CommandLineLine => Log.CommandLineLineNumber;

    public bool? Iommu => Log.IommuEnabled;

    public int IommuLine => Log.IommuLineNumber;

    public int? IpaBits => Log.IpaBits;

    public int IpaBitsLine => Log.IpaBitsLineNumber;

    public IReadOnlyList<MemoryBank> HostRam => Log.HostRam;

    public IReadOnlyList<XenLogReservedLine> ReservedLines => Log.ReservedLines;

    public int XenLineCount => Log.XenLineCount;

    public List<LogDomainView> Domains { get; } = new();

    public LogDomainView? Find(string name) => Domains.Find(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    public static BootLogView From(XenBootLog log)
    {
        var view = new BootLogView(log);
        foreach (XenLogDomain d in log.Domains)
        {
            var v = new LogDomainView(d.Name)
            {
                DirectMapped = d.DirectMapped,
                GrantTable = d.GrantTable,
                Outcome = d.Outcome,
                OutcomeLine = d.OutcomeLineNumber,
            };
            v.Ram.AddRange(d.Ram.Count > 0 ? d.Ram : d.StaticMemory);
            v.Regions.AddRange(d.GetExtendedRegionBanks());
            v.ProducerErrors.AddRange(d.ProducerErrors);
            view.Domains.Add(v);
        }

        return view;
    }

    /// <summary>
    /// The reserved banks the log printed, without the first <paramref name="memoryReservations"/> RESVD lines: those are
    /// the tree's <c>/memreserve/</c> entries, which every release prints first (with an exclusive end before 4.19,
    /// when Xen did not reserve them) and which the engine takes from the tree itself.
    /// </summary>
    public MemoryBank[] ReservedWithoutMemoryReservations(int memoryReservations) =>
        Log.ReservedLines.Skip(Math.Min(memoryReservations, Log.ReservedLines.Count))
            .Where(l => l.PrintedEnd >= l.Start && l.PrintedEnd - l.Start != ulong.MaxValue)
            .Select(l => new MemoryBank(l.Start, l.PrintedEnd - l.Start + 1, MemoryBankKind.ReservedMemory, FormattableString.Invariant($"log line {l.LineNumber}")))
            .ToArray();
}
