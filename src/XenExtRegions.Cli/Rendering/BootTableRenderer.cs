using System;
using System.Globalization;
using System.IO;
using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The boot command's default output: one block per domain, then the shared inputs with their sources, IOMMUs, warnings, notes.</summary>
internal static class BootTableRenderer
{
    public static void Render(BootReport report, TextWriter w)
    {
        BootAnalysis a = report.Analysis;
        w.WriteLine($"Boot of {report.TreeSource}" + (report.LogFile is null ? " (before boot: tree only)" : $" checked against {report.LogFile}") + $"; Xen {a.Release}");
        foreach (BootDomainReport d in report.Domains)
        {
            w.WriteLine();
            RenderDomain(d, w);
        }

        w.WriteLine();
        if (report.LogFile is not null)
        {
            w.WriteLine("Overall: " + (a.MatchesLog switch
            {
                true => "every domain the log speaks of matches",
                false => "DIFFERS from the log (see the domains above)",
                null => "the log has no extended-region lines to compare",
            }));
            w.WriteLine();
        }

        w.WriteLine("Inputs");
        int width = a.Facts.Count == 0 ? 0 : a.Facts.Max(f => f.Name.Length);
        foreach (BootFact f in a.Facts)
        {
            w.WriteLine($"  {f.Name.PadRight(width)}  {f.Value}  [{Origin(f)}]");
        }

        if (a.IommuNodes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("IOMMUs in the tree");
            foreach (IommuNode n in a.IommuNodes)
            {
                string driver = n.XenDriver is null ? "no Xen driver" : $"Xen's {n.XenDriver}, {n.KconfigOption}" + (n.BuiltByDefault ? " (default build)" : " (not in the default build)");
                w.WriteLine($"  {n.Path} ({n.Compatible}){(n.IsEnabled ? string.Empty : " [disabled]")}: {driver}");
            }
        }

        TableSections.WarningsAndNotes(report.Warnings, report.Notes, w);
    }

    private static void RenderDomain(BootDomainReport d, TextWriter w)
    {
        BootDomain domain = d.Domain;
        w.WriteLine($"{domain.Name}  {domain.NodePath}  {domain.Description}");
        foreach (BootFact f in domain.Facts)
        {
            w.WriteLine($"  {f.Name}: {f.Value}  [{Origin(f)}]");
        }

        if (d.Report is not { } r)
        {
            w.WriteLine("  not computed: needs");
            foreach (string m in domain.MissingFacts)
            {
                w.WriteLine($"    - {m}");
            }
        }
        else
        {
            w.WriteLine($"  producer: {r.Producer}");
            foreach (string line in r.XenLogLines)
            {
                w.WriteLine($"  | {line}");
            }

            if (r.Regions.Count > 0)
            {
                w.WriteLine("  reg  xen#  start                end (exclusive)      size");
                for (int i = 0; i < r.Regions.Count; i++)
                {
                    MemoryBank b = r.Regions[i];
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,3}  {i,4}  {Hex.Of(b.Start),-19}  {Hex.End(b),-19}  {Hex.Size(b.Size)}"));
                }
            }

            if (r.GrantTable is { } g && domain.Result?.Outcome != XenExtRegions.ExtendedRegions.ExtendedRegionsOutcome.NoHypervisorNode)
            {
                w.WriteLine(g.Size == 0
                    ? "  reg 0 (grant table): not known (Xen's _stext; 'Grant table range' in the log)"
                    : $"  reg 0 (grant table): {Hex.Of(g.Start)} size {Hex.Of(g.Size)} ({Hex.Size(g.Size)})");
            }
        }

        w.WriteLine("  verdict: " + Verdict(domain));
        if (domain.LogComparison is { Matches: false } c)
        {
            foreach (MemoryBank b in c.OnlyInLog)
            {
                w.WriteLine($"    - only in log:  {Hex.Of(b.Start)}->{Hex.End(b)} ({Hex.Size(b.Size)}) [{b.Source}]");
            }

            foreach (MemoryBank b in c.OnlyComputed)
            {
                w.WriteLine($"    + only computed: {Hex.Of(b.Start)}->{Hex.End(b)} ({Hex.Size(b.Size)})");
            }
        }
    }

    private static string Verdict(BootDomain d) => d.Verdict switch
    {
        BootDomainVerdict.Matches => "matches the log" + (d.LogComparison is { } c ? " (" + c.Summary + ")" : string.Empty),
        BootDomainVerdict.Differs => "DIFFERS from the log: " + d.LogComparison!.Summary,
        BootDomainVerdict.NotInLog => "not in the log (no extended-region line or outcome for this domain: the log may be cut short, or from another boot; 'disabled' is an info-level line, shown with loglvl=all)",
        BootDomainVerdict.NotComputed => d.LogComparison is { } c ? "not computed; " + c.Summary : "not computed",
        _ => "no log given",
    };

    private static string Origin(BootFact f) => f.Origin switch
    {
        BootFactOrigin.HostTree => "tree: " + f.Source,
        BootFactOrigin.BootLog => "log: " + f.Source,
        // The caller's value: an option's name reads "option --x"; a value the tool supplied says what it is.
        BootFactOrigin.Option => f.Source.StartsWith("--", StringComparison.Ordinal) ? "option " + f.Source : f.Source,
        BootFactOrigin.Inferred => "inferred: " + f.Source,
        _ => "default: " + f.Source,
    };
}
