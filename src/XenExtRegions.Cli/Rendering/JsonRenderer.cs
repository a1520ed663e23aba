using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Writes the JSON documents.</summary>
internal static class JsonRenderer
{
    public static JsonRange Range(MemoryBank bank, string? label = null) =>
        new(Hex.Of(bank.Start), Hex.Of(bank.Size), Hex.End(bank), label);

    public static JsonRegionsDocument ToDocument(RegionReport report)
    {
        ReportInputs i = report.InputFacts;
        var inputs = new JsonInputs(
            i.Source,
            report.XenVersion,
            report.Producer,
            i.Iommu,
            i.IpaBits,
            report.AddressCells,
            report.SizeCells,
            List(i.HostRam),
            List(i.Reserved),
            i.Modules.Select(m => Range(m, m.Source)).ToList(),
            List(i.DomainRam),
            report.GrantTable is { } g ? Range(g) : null,
            List(i.Exclusions),
            i.XenLog);
        JsonLogComparison? log = report.Log is { } l
            ? new JsonLogComparison(l.LogFile, l.Matches, List(l.LogRegions), List(l.OnlyInLog), List(l.OnlyOurs))
            : null;
        return new JsonRegionsDocument(
            List(report.Regions),
            report.GrantTable is { } gt ? Range(gt) : null,
            inputs,
            report.Warnings,
            report.Notes,
            report.XenLogLines,
            report.Log?.Matches,
            log);
    }

    public static void Render(RegionReport report, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(ToDocument(report), CliJsonContext.Relaxed.JsonRegionsDocument));

    public static void Write(JsonRegsDocument document, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Relaxed.JsonRegsDocument));

    public static void Write(JsonTreeDocument document, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Relaxed.JsonTreeDocument));

    public static void Write(JsonGuestDocument document, TextWriter w) =>
        w.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Relaxed.JsonGuestDocument));

    private static List<JsonRange> List(IEnumerable<MemoryBank> banks) => banks.Select(b => Range(b)).ToList();
}
