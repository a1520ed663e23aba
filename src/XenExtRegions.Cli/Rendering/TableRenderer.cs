using System.Globalization;
using System.IO;
using System.Linq;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The default output: Xen's own lines, then a readable table, the inputs and the warnings.</summary>
internal static class TableRenderer
{
    public static void Render(RegionReport report, TextWriter w)
    {
        foreach (string line in report.XenLogLines)
        {
            w.WriteLine(line);
        }

        w.WriteLine();
        w.WriteLine($"Extended regions for {report.Subject} (Xen {report.XenVersion}; {report.Producer})");
        if (report.Regions.Count == 0)
        {
            w.WriteLine("  none: no free range of at least 64 MiB (the /hypervisor reg holds the grant table only)");
        }
        else
        {
            w.WriteLine("  reg  xen#  start                end (exclusive)      size");
            for (int i = 0; i < report.Regions.Count; i++)
            {
                MemoryBank r = report.Regions[i];
                w.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {i + 1,3}  {i,4}  {Hex.Of(r.Start),-19}  {Hex.End(r),-19}  {Hex.Size(r.Size)}"));
            }

            ulong total = report.Regions.Aggregate(0UL, (sum, r) => sum + r.Size);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {report.Regions.Count} regions, {Hex.Size(total)} in all"));
        }

        if (report.GrantTable is { } g)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reg 0 (grant table): {Hex.Of(g.Start)} size {Hex.Of(g.Size)} ({Hex.Size(g.Size)})"));
        }

        if (report.Log is { } log)
        {
            w.WriteLine();
            if (log.Matches)
            {
                w.WriteLine($"Xen log {log.LogFile}: matches ({log.LogRegions.Count} regions printed by Xen)");
            }
            else
            {
                w.WriteLine($"Xen log {log.LogFile}: DIFFERS from the computed regions");
                foreach (MemoryBank b in log.OnlyInLog)
                {
                    w.WriteLine($"  - only in log:  {Hex.Of(b.Start)}->{Hex.End(b)} ({Hex.Size(b.Size)})");
                }

                foreach (MemoryBank b in log.OnlyOurs)
                {
                    w.WriteLine($"  + only ours:    {Hex.Of(b.Start)}->{Hex.End(b)} ({Hex.Size(b.Size)})");
                }
            }
        }

        w.WriteLine();
        w.WriteLine("Inputs");
        int width = report.Inputs.Count == 0 ? 0 : report.Inputs.Max(i => i.Name.Length);
        foreach (ReportInput input in report.Inputs)
        {
            w.WriteLine($"  {input.Name.PadRight(width)}  {input.Value}");
        }

        TableSections.WarningsAndNotes(report.Warnings, report.Notes, w);
    }
}
