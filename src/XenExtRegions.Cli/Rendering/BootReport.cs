using System.Collections.Generic;
using XenExtRegions.Boot;

namespace XenExtRegions.Cli.Rendering;

/// <summary>One domain of a boot as the renderers show it: the library's answer and, when computed, its region report.</summary>
internal sealed record BootDomainReport(BootDomain Domain, RegionReport? Report);

/// <summary>Everything the boot command's renderers need.</summary>
internal sealed record BootReport
{
    public required BootAnalysis Analysis { get; init; }

    public required IReadOnlyList<BootDomainReport> Domains { get; init; }

    public required string TreeSource { get; init; }

    public string? LogFile { get; init; }

    /// <summary>Boot findings at warning and error level, then each domain's own warnings prefixed with its name.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Boot findings at note level, then each domain's notes.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
