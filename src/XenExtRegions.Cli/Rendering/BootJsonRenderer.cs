using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using XenExtRegions.Boot;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Writes the boot command's JSON document.</summary>
internal static class BootJsonRenderer
{
    public static JsonBootDocument ToDocument(BootReport report)
    {
        BootAnalysis a = report.Analysis;
        var domains = report.Domains.Select(Domain).ToList();
        bool? overall = Overall(domains);
        var inputs = new JsonBootInputs(
            report.TreeSource,
            report.LogFile,
            a.Release.ToString(),
            a.IommuEnabled,
            a.Facts.Select(Fact).ToList(),
            a.IommuNodes.Select(n => new JsonIommuNode(n.Path, n.Compatible, n.XenDriver, n.KconfigOption, n.BuiltByDefault, n.IsEnabled)).ToList());
        var findings = report.Findings
            .Select(f => new JsonBootFinding(f.Code, Camel(f.Severity.ToString()), f.Domain, f.Message)).ToList();
        return new JsonBootDocument(domains, overall, inputs, findings, report.Warnings, report.Notes);
    }

    public static void Render(BootReport report, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(ToDocument(report), CliJsonContext.Relaxed.JsonBootDocument));

    private static JsonBootDomain Domain(BootDomainReport d)
    {
        BootDomain b = d.Domain;
        RegionReport? r = d.Report;
        JsonBootLogComparison? log = b.LogComparison is { } c
            ? new JsonBootLogComparison(Camel(c.LogOutcome.ToString()), c.OutcomeMatches, c.Matches, c.Summary, List(c.LogRegions), List(c.OnlyInLog), List(c.OnlyComputed))
            : null;
        return new JsonBootDomain(
            b.Name,
            b.Id,
            b.NodePath,
            Camel(b.Kind.ToString()),
            b.Description,
            r?.Producer,
            b.Result is null ? "notComputed" : Camel(b.Result.Outcome.ToString()),
            r is null ? [] : List(r.Regions),
            r?.GrantTable is { } g ? JsonRenderer.Range(g) : null,
            r?.XenLogLines ?? [],
            b.Facts.Select(Fact).ToList(),
            b.MissingFacts,
            Camel(b.Verdict.ToString()),
            b.MatchesLog,
            log,
            r?.Warnings ?? [],
            r?.Notes ?? []);
    }

    // The overall verdict of the domains shown (all, or the one --domain chose), by BootAnalysis.MatchesLog's rule.
    private static bool? Overall(List<JsonBootDomain> domains) =>
        domains.Any(d => d.MatchesLog == false) ? false : domains.Any(d => d.MatchesLog == true) ? true : null;

    private static JsonBootFact Fact(BootFact f) => new(f.Name, f.Value, Camel(f.Origin.ToString()), f.Source);

    private static List<JsonRange> List(IEnumerable<MemoryBank> banks) => banks.Select(b => JsonRenderer.Range(b, b.Source)).ToList();

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
