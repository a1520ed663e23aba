using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>What the boot analysis reads of a parsed log, per domain; the one place that knows the log reader's shape.</summary>
internal sealed class BootLogView
{
    private static readonly Regex WarningDomain = new(@"^\(?(d\d+)\)?:", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private BootLogView(XenBootLog log)
    {
        Log = log;
    }

    public XenBootLog Log { get; }

    public string? VersionText { get; private set; }

    public Version? Version => Log.Version;

    public int VersionLine { get; private set; }

    public string? CommandLine { get; private set; }

    public int CommandLineLine { get; private set; }

    public bool? Iommu { get; private set; }

    public int IommuLine { get; private set; }

    public int? IpaBits => Log.IpaBits;

    public int IpaBitsLine { get; private set; }

    public IReadOnlyList<MemoryBank> HostRam => Log.HostRam;

    public IReadOnlyList<MemoryBank> Reserved => Log.Reserved;

    public IReadOnlyList<MemoryBank> MemoryReservations { get; private set; } = Array.Empty<MemoryBank>();

    public int XenLineCount { get; private set; }

    public List<LogDomainView> Domains { get; } = new();

    public LogDomainView? Find(string name) => Domains.Find(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    public static BootLogView From(XenBootLog log)
    {
        var view = new BootLogView(log)
        {
            XenLineCount = log.LineCount,
            VersionText = log.Version?.ToString(),
        };

        foreach (XenLogExtendedRegion r in log.ExtendedRegions)
        {
            LogDomainView d = view.GetOrAdd(r.Domain ?? "d0");
            d.Regions.Add(new MemoryBank(r.Start, r.Size, MemoryBankKind.ExtendedRegion, FormattableString.Invariant($"log line {r.LineNumber}")));
            d.Outcome = XenLogRegionsOutcome.Found;
        }

        foreach (string warning in log.ExtendedRegionWarnings)
        {
            Match m = WarningDomain.Match(warning);
            LogDomainView d = view.GetOrAdd(m.Success ? m.Groups[1].Value : "d0");
            if (warning.IndexOf("disabled", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                d.Outcome = XenLogRegionsOutcome.Disabled;
            }
            else if (warning.IndexOf("32-bit", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                d.Outcome = XenLogRegionsOutcome.Unsupported32Bit;
            }
            else if (warning.IndexOf("failed to allocate", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                d.Outcome = XenLogRegionsOutcome.FailedToAllocate;
            }
        }

        if (log.Dom0Ram.Count > 0 || log.GrantTable is not null)
        {
            LogDomainView d0 = view.GetOrAdd("d0");
            d0.Ram.AddRange(log.Dom0Ram);
            d0.GrantTable = log.GrantTable;
        }

        return view;
    }

    private LogDomainView GetOrAdd(string name)
    {
        LogDomainView? d = Find(name);
        if (d is null)
        {
            d = new LogDomainView(name);
            Domains.Add(d);
        }

        return d;
    }
}
