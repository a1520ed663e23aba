using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The texts under the axis: the /hypervisor reg list, the lettered merged bars, warnings and notes.</summary>
internal static partial class SvgMapLayout
{
    private const double ListFont = 12;
    private const double ListRow = 18;
    private const double FootnoteFont = 11;

    private static double RegionList(RegionReport report, SvgMap map, double y)
    {
        y = Heading(map, "The /hypervisor reg by index, as numbered on the map: reg[0] grant table, reg[1]… extended regions (reg[1] is Xen's \"extended region 0\")", y);
        var entries = new List<(string Text, MapLayer Layer, int? Reg)>();
        if (report.GrantTable is { } g)
        {
            entries.Add((string.Create(CultureInfo.InvariantCulture, $"reg[0]  {Hex.Of(g.Start)} → {Hex.End(g)}  {Hex.Size(g.Size)}  grant table"), MapLayer.GrantTable, 0));
        }

        for (int i = 0; i < report.Regions.Count; i++)
        {
            MemoryBank r = report.Regions[i];
            entries.Add((string.Create(CultureInfo.InvariantCulture, $"reg[{i + 1}]  {Hex.Of(r.Start)} → {Hex.End(r)}  {Hex.Size(r.Size)}"), MapLayer.ExtendedRegion, i + 1));
        }

        if (report.Regions.Count == 0)
        {
            string why = report.Warnings.Count > 0 ? "see the warnings below" : "no free range of at least 64 MiB";
            entries.Add(("no extended region: " + why, MapLayer.ExtendedRegion, null));
        }

        // Columns, filled top to bottom, when the list is long: 24 regions take 9 rows instead of 25.
        double columnWidth = entries.Max(e => SvgTextMetrics.Width(e.Text, ListFont, SvgFont.Mono, false)) + 18 + 36;
        int fit = Math.Max(1, (int)((Width - (2 * Margin) + 36) / columnWidth));
        int columns = Math.Clamp((entries.Count + 7) / 8, 1, fit);
        int rows = (entries.Count + columns - 1) / columns;
        for (int k = 0; k < entries.Count; k++)
        {
            (string text, MapLayer layer, int? reg) = entries[k];
            double x = Margin + 10 + ((k / rows) * columnWidth);
            double rowY = y + ((k % rows) * ListRow);
            if (reg is not null)
            {
                map.Swatches.Add(new SvgSwatch(x, rowY - 10, 12, layer));
            }

            string fitted = SvgTextMetrics.Fit(text, Width - Margin - (x + 18), ListFont, SvgFont.Mono, false);
            map.Labels.Add(new SvgLabel(SvgLabelRole.ListEntry, fitted, x + 18, rowY, ListFont, SvgFont.Mono) { RegIndex = reg, Fill = reg is null ? "#b71c1c" : null });
        }

        return y + (rows * ListRow) + 8;
    }

    private static double FootnoteList(SvgMap map, double y)
    {
        if (map.Footnotes.Count == 0)
        {
            return y;
        }

        y = Heading(map, "Merged bars too narrow for their label, by letter (hover a bar for every range's exact bounds)", y);
        foreach (SvgFootnote note in map.Footnotes)
        {
            SvgBar bar = note.Bar;
            string prefix = CommonPathPrefix(bar.Members);
            prefix = prefix.Length > 1 ? prefix : string.Empty;
            UInt128 end = bar.Members.Max(m => (UInt128)m.Start + m.Size);
            string names = string.Join(", ", bar.Members.Select(m => m.Label.Length > prefix.Length ? m.Label[prefix.Length..] : m.Label).Distinct(StringComparer.Ordinal).Take(60));
            string text = string.Create(CultureInfo.InvariantCulture, $"{note.Marker,-3} {SvgStyles.Of(bar.Layer).Name}: {bar.Members.Count} {SvgStyles.Of(bar.Layer).Plural} {Hex.Of(bar.Members[0].Start)} → {HexEnd(end)}: {prefix}{(prefix.Length > 0 ? "… " : string.Empty)}{names}");
            string fitted = SvgTextMetrics.Fit(text, Width - (2 * Margin) - 10, FootnoteFont, SvgFont.Mono, false);
            map.Labels.Add(new SvgLabel(SvgLabelRole.Footnote, fitted, Margin + 10, y, FootnoteFont, SvgFont.Mono) { Fill = "#37474f" });
            y += FootnoteFont + 5;
        }

        return y + 8;
    }

    private static double Messages(RegionReport report, SvgMap map, double y)
    {
        foreach (string warning in report.Warnings)
        {
            y = Paragraph(map, SvgLabelRole.Warning, warning, y, 12, "#b71c1c", "⚠ ");
        }

        foreach (string note in report.Notes)
        {
            y = Paragraph(map, SvgLabelRole.Note, note, y, 12, "#455a64", "· ");
        }

        return y;
    }

    private static double Heading(SvgMap map, string text, double y)
    {
        foreach (string line in SvgTextMetrics.Wrap(text, Width - (2 * Margin), 13, SvgFont.Sans, true))
        {
            map.Labels.Add(new SvgLabel(SvgLabelRole.ListHeading, line, Margin, y, 13, SvgFont.Sans, true));
            y += 18;
        }

        return y + 2;
    }
}
