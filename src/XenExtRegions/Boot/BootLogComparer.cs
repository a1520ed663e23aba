using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>Compares one domain's computed regions and outcome with Xen's lines for it.</summary>
internal static class BootLogComparer
{
    public static (BootDomainVerdict Verdict, BootLogComparison? Comparison) Compare(BootContext ctx, ExtendedRegionsResult? result, XenLogDomain? logged)
    {
        if (ctx.Log is null)
        {
            return (result is null ? BootDomainVerdict.NotComputed : BootDomainVerdict.NoLog, null);
        }

        if (logged is null || logged.Outcome == XenLogRegionsOutcome.NotInLog)
        {
            // Xen prints nothing for a domain without /hypervisor; that silence only counts when the log shows that
            // region lines were printed at all (they are info-level messages).
            bool logSpeaks = ctx.Log.Domains.Any(d => d.Outcome != XenLogRegionsOutcome.NotInLog);
            if (result is { Outcome: ExtendedRegionsOutcome.NoHypervisorNode } && logSpeaks)
            {
                return (BootDomainVerdict.Matches, new BootLogComparison(XenLogRegionsOutcome.NotInLog, [], [], [], true,
                    "Xen printed nothing for this domain, as expected: it gets no /hypervisor node"));
            }

            return (result is null ? BootDomainVerdict.NotComputed : BootDomainVerdict.NotInLog, null);
        }

        IReadOnlyList<MemoryBank> logRegions = logged.GetExtendedRegionBanks();
        if (result is null)
        {
            return (BootDomainVerdict.NotComputed, new BootLogComparison(logged.Outcome, logRegions, logRegions, [], false,
                "not computed; Xen printed " + Describe(logged.Outcome, logRegions.Count)));
        }

        bool outcomeMatches = logged.Outcome switch
        {
            XenLogRegionsOutcome.Found => result.Outcome == ExtendedRegionsOutcome.Found,
            XenLogRegionsOutcome.Disabled => result.Outcome == ExtendedRegionsOutcome.Disabled,
            XenLogRegionsOutcome.FailedToAllocate => result.Outcome is ExtendedRegionsOutcome.NoneFound or ExtendedRegionsOutcome.Failed,
            XenLogRegionsOutcome.Unsupported32Bit => result.Outcome == ExtendedRegionsOutcome.Unsupported32Bit,
            _ => false,
        };
        var computed = new HashSet<(ulong, ulong)>(result.Regions.Select(r => (r.Start, r.Size)));
        var printed = new HashSet<(ulong, ulong)>(logRegions.Select(r => (r.Start, r.Size)));
        List<MemoryBank> onlyInLog = logRegions.Where(r => !computed.Contains((r.Start, r.Size))).ToList();
        List<MemoryBank> onlyComputed = result.Regions.Where(r => !printed.Contains((r.Start, r.Size))).ToList();
        bool sameOrder = onlyInLog.Count == 0 && onlyComputed.Count == 0 && logRegions.Select(r => r.Start).SequenceEqual(result.Regions.Select(r => r.Start));
        string summary = "Xen printed " + Describe(logged.Outcome, logRegions.Count) + "; computed " + Describe(result.Outcome, result.Regions.Count)
            + (outcomeMatches && onlyInLog.Count == 0 && onlyComputed.Count == 0
                ? (sameOrder ? "; all equal" : "; same regions in another order")
                : FormattableString.Invariant($"; {onlyInLog.Count} only in the log, {onlyComputed.Count} only computed"));
        var comparison = new BootLogComparison(logged.Outcome, logRegions, onlyInLog, onlyComputed, outcomeMatches && sameOrder, summary);
        return (comparison.Matches ? BootDomainVerdict.Matches : BootDomainVerdict.Differs, comparison);
    }

    private static string Describe(XenLogRegionsOutcome outcome, int count) => outcome switch
    {
        XenLogRegionsOutcome.Found => Count(count),
        XenLogRegionsOutcome.Disabled => "\"extended regions support is disabled\"",
        XenLogRegionsOutcome.FailedToAllocate => "\"failed to allocate extended regions\"",
        XenLogRegionsOutcome.Unsupported32Bit => "\"extended regions not supported for 32-bit guests\"",
        _ => "nothing",
    };

    private static string Describe(ExtendedRegionsOutcome outcome, int count) => outcome switch
    {
        ExtendedRegionsOutcome.Found => Count(count),
        ExtendedRegionsOutcome.NoneFound => "none found (Xen: -ENOENT, \"failed to allocate extended regions\")",
        ExtendedRegionsOutcome.Failed => "a failure (Xen: \"failed to allocate extended regions\")",
        ExtendedRegionsOutcome.Disabled => "disabled",
        ExtendedRegionsOutcome.Unsupported32Bit => "not supported (32-bit)",
        _ => "no /hypervisor node",
    };

    private static string Count(int count) => count == 1 ? "1 region" : count.ToString(CultureInfo.InvariantCulture) + " regions";
}
