using System.Collections.Generic;
using System.Linq;
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

    /// <summary>The boot's findings that concern the whole boot or a domain shown (all, or the one --domain chose).</summary>
    public IEnumerable<BootFinding> Findings =>
        Analysis.Findings.Where(f => f.Domain is null || Domains.Any(d => d.Domain.Name == f.Domain));

    /// <summary>Findings at warning and error level, then each shown domain's own warnings prefixed with its name.</summary>
    public IReadOnlyList<string> Warnings =>
        Findings.Where(f => f.Severity != BootFindingSeverity.Note).Select(f => f.ToString())
            .Concat(Domains.SelectMany(d => (d.Report?.Warnings ?? []).Select(w => d.Domain.Name + ": " + w))).ToList();

    /// <summary>Findings at note level, then each shown domain's notes.</summary>
    public IReadOnlyList<string> Notes =>
        Findings.Where(f => f.Severity == BootFindingSeverity.Note).Select(f => f.ToString())
            .Concat(Domains.SelectMany(d => (d.Report?.Notes ?? []).Select(n => d.Domain.Name + ": " + n))).ToList();
}
