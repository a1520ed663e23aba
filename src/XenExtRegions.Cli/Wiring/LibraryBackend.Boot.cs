using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Cli.Wiring;

/// <summary>boot: one boot, every domain, through the library's BootAnalyzer.</summary>
internal sealed partial class LibraryBackend
{
    // GUEST_PHANDLE_GIC: the GIC phandle Xen gives every dom0less domU's tree.
    private const uint GuestGicPhandle = 65000;

    public BootReport AnalyzeBoot(BootRequest request)
    {
        var input = new BootAnalysisInput(request.Host.Tree)
        {
            HostTreeName = request.Host.Source,
            Log = request.Log,
            LogName = request.LogFile ?? "boot log",
            Release = request.XenVersion is null ? null : XenRelease.Parse(request.XenVersion),
            Iommu = request.Iommu,
            ExtendedRegions = request.ExtendedRegions,
            IpaBits = request.IpaBits,
            Dom0Ram = request.Dom0Ram,
            Dom0GrantTable = request.Dom0GrantTable,
            HostRam = request.HostRam,
            ReservedMemory = request.Reserved,
            Exclusions = request.Exclusions,
        };
        BootAnalysis analysis = new BootAnalyzer().Analyze(input);
        (int hostAddress, int hostSize) = RootCells(request.Host.Tree);
        uint? gic = GicPhandle(request.Host.Tree);
        var domains = new List<BootDomainReport>();
        foreach (BootDomain d in analysis.Domains)
        {
            RegionReport? report = null;
            if (d.Result is { } result)
            {
                bool hostLayout = d.Kind is DomainKind.HardwareDomain or DomainKind.ColouredHardwareDomain;
                report = Describe(result, d.Name + " " + d.NodePath, request.Host.Source, hostLayout ? hostAddress : 2, hostLayout ? hostSize : 2,
                    hostLayout ? gic : GuestGicPhandle, [], request.LogFile);
                report = report with { Log = Comparison(d, request.LogFile) };
            }

            domains.Add(new BootDomainReport(d, report));
        }

        return new BootReport
        {
            Analysis = analysis,
            Domains = domains,
            TreeSource = request.Host.Source,
            LogFile = request.LogFile,
        };
    }

    private static LogComparison? Comparison(BootDomain d, string? logFile) =>
        d.LogComparison is { } c && logFile is not null && c.LogOutcome != XenLog.XenLogRegionsOutcome.NotInLog
            ? new LogComparison(logFile, c.Matches, c.LogRegions, c.OnlyInLog, c.OnlyComputed)
            : null;
}
