using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Boot;

/// <summary>
/// Answers for one boot: every domain Xen builds (the hardware domain and each dom0less domain, in Xen's order and with
/// Xen's domain ids), computed from the host tree and, after a boot, checked against Xen's console log. Stateless and
/// thread-safe.
/// </summary>
/// <remarks>
/// Facts are taken, in this order of precedence, from the caller's overrides, the log (what Xen printed is what it
/// used) and the tree (<c>/chosen</c> <c>xen,xen-bootargs</c>, memory and reserved-memory nodes, IOMMU nodes, the
/// <c>xen,domain</c> nodes). Where the log and the tree disagree, or an input is impossible (a bank outside host RAM,
/// overlapping banks, a grant window inside RAM, no memory node), a <see cref="BootFinding"/> says so with both
/// sources. Facts Xen decides at boot (Dom0's RAM banks from allocate_memory_11, its grant window at Xen's
/// <c>_stext</c>) are listed in <see cref="BootDomain.MissingFacts"/> when neither the log nor the caller gives them.
/// </remarks>
public sealed partial class BootAnalyzer
{
    private readonly ILogger _logger;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="logger">Receives every finding at its level; <see cref="NullLogger.Instance"/> when null.</param>
    public BootAnalyzer(ILogger? logger = null) => _logger = logger ?? NullLogger.Instance;

    /// <summary>Analyses one boot.</summary>
    /// <param name="input">The tree, the log and the overrides.</param>
    /// <returns>Every domain with its regions and verdict, the shared facts and the findings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public BootAnalysis Analyze(BootAnalysisInput input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        var ctx = new BootContext(input);
        if (ctx.Log is { XenLineCount: 0 })
        {
            ctx.Finding(BootFindingId.NotAXenLog, BootFindingSeverity.Error, null, input.LogName + " has no line Xen prints: it is not a Xen boot log");
        }

        BootHostFacts.Decide(ctx);
        ExtendedRegionsInput host = new ExtendedRegionsInput
        {
            Release = ctx.Release,
            IpaBits = ctx.IpaBits,
            ExtendedRegionsEnabled = ctx.ExtendedRegionsEnabled,
            UserExclusions = input.Exclusions,
        }.WithBootFacts(ctx.HostFacts) with
        {
            // The scan BootHostFacts already ran with this release's rules; only the P2 windows are still to read.
            DescribedWindows = DescribedWindowReader.Read(ctx.Tree),
            HostRam = ctx.HostRam,
            ReservedMemory = ctx.ReservedMemory,
        };

        var domains = new List<BootDomain>();
        bool passthroughSeen = false;
        foreach (PlannedDomain planned in BootDomainPlanner.Plan(ctx))
        {
            domains.Add(planned.IsHardwareDomain
                ? BootHardwareDomainBuilder.Build(ctx, planned, host)
                : BootDomUBuilder.Build(ctx, planned, host, ref passthroughSeen));
        }

        foreach (BootFinding f in ctx.Findings)
        {
            LogLevel level = Level(f.Severity);
            if (_logger.IsEnabled(level))
            {
                string text = f.ToString();
                LogFinding(_logger, level, f.Code, text);
            }
        }

        return new BootAnalysis(ctx.Release, ctx.CommandLine, ctx.IommuEnabled, ctx.IommuNodes, ctx.HostFacts, ctx.Facts, domains, ctx.Findings, ctx.Log is not null);
    }

    private static LogLevel Level(BootFindingSeverity severity) => severity switch
    {
        BootFindingSeverity.Error => LogLevel.Error,
        BootFindingSeverity.Warning => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    [LoggerMessage(EventId = 7000, Message = "{Code} {Finding}")]
    private static partial void LogFinding(ILogger logger, LogLevel level, string code, string finding);
}
