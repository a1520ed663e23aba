using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>How one domain's computed regions and outcome compare with Xen's lines for it.</summary>
public sealed class BootLogComparison
{
    internal BootLogComparison(
        XenLogRegionsOutcome logOutcome,
        IReadOnlyList<MemoryBank> logRegions,
        IReadOnlyList<MemoryBank> onlyInLog,
        IReadOnlyList<MemoryBank> onlyComputed,
        bool outcomeMatches,
        string summary)
    {
        LogOutcome = logOutcome;
        LogRegions = logRegions;
        OnlyInLog = onlyInLog;
        OnlyComputed = onlyComputed;
        OutcomeMatches = outcomeMatches;
        Summary = summary;
    }

    /// <summary>What the log says about the domain's regions.</summary>
    public XenLogRegionsOutcome LogOutcome { get; }

    /// <summary>The regions Xen printed, in order (each bank's source is its log line).</summary>
    public IReadOnlyList<MemoryBank> LogRegions { get; }

    /// <summary>Regions Xen printed that the computation does not give.</summary>
    public IReadOnlyList<MemoryBank> OnlyInLog { get; }

    /// <summary>Computed regions Xen did not print.</summary>
    public IReadOnlyList<MemoryBank> OnlyComputed { get; }

    /// <summary>True when the outcome agrees (found / disabled / failed to allocate / 32-bit).</summary>
    public bool OutcomeMatches { get; }

    /// <summary>True when the outcome and every region agree.</summary>
    public bool Matches => OutcomeMatches && OnlyInLog.Count == 0 && OnlyComputed.Count == 0;

    /// <summary>The comparison in one sentence, e.g. "Xen printed 7 regions; 7 computed; all equal".</summary>
    public string Summary { get; }
}
