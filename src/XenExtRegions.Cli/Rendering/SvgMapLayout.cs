using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Lays out one memory map: where every bar, text, tick and hatch goes. Nothing is drawn here; the result is a
/// plain model (<see cref="SvgMap"/>) that <see cref="SvgRenderer"/> writes and tests inspect. The rules that keep
/// a dense board readable live here: ranges of one lane too close to draw apart are merged into one bar, a text
/// is placed only where its box is free, and what does not fit goes to a numbered row under the lane (region
/// numbers) or to a lettered list under the map (merged bars).
/// </summary>
internal static partial class SvgMapLayout
{
    public const double Width = 1400;
    public const double PlotLeft = 170;
    public const double PlotRight = Width - 30;
    private const double Margin = 20;
    private const double LaneHeight = 34;
    private const double LaneGap = 8;
    private const double BarInset = 3;

    /// <summary>Bars of one lane closer than this (in pixels) are merged when one is narrow: apart they would read as one smudge.</summary>
    private const double MergeGap = 6;

    /// <summary>A bar at least this wide (pixels) stays on its own next to a neighbour it touches, its border showing where one ends.</summary>
    private const double SoloWidth = 10;

    private const double CalloutRow = 15;
    private const double CalloutFont = 10;
    private const double BarFont = 11;

    /// <summary>How far (pixels) a number may be pushed sideways from its bar before it goes one row lower.</summary>
    private const double MaxCalloutShift = 90;

    /// <param name="report">What to draw.</param>
    /// <param name="top">Where the map starts in the document.</param>
    /// <param name="explainAxis">Whether to say how the axis works (once per document is enough).</param>
    public static SvgMap Build(RegionReport report, double top, bool explainAxis = true)
    {
        var map = new SvgMap { Subject = report.Subject, Top = top, PlotLeft = PlotLeft, PlotRight = PlotRight };
        List<MapLayer> layers = Enum.GetValues<MapLayer>()
            .Where(l => l == MapLayer.ExtendedRegion || report.Map.Any(m => m.Layer == l && m.Size > 0))
            .ToList();
        var ranges = report.Map.Where(m => m.Size > 0 && m.Layer != MapLayer.ExtendedRegion)
            .Select(m => ((UInt128)m.Start, (UInt128)m.Start + m.Size))
            .Concat(report.Regions.Where(r => r.Size > 0).Select(r => ((UInt128)r.Start, (UInt128)r.Start + r.Size)));
        var scale = new SvgScale(ranges, PlotLeft, PlotRight - PlotLeft);

        double y = Header(report, map, layers, top, explainAxis);
        y = Lanes(report, map, scale, layers, y);
        y = Axis(report, map, scale, y);
        y = RegionList(report, map, y);
        y = FootnoteList(map, y);
        y = Messages(report, map, y);
        map.Height = y + 12 - top;
        return map;
    }

    /// <summary>The lane name of the domain's RAM: the subject's first word ("Dom0", "d1").</summary>
    public static string LaneName(RegionReport report, MapLayer layer)
    {
        if (layer != MapLayer.DomainRam)
        {
            return SvgStyles.Of(layer).Name;
        }

        string subject = report.Subject.Trim();
        int space = subject.IndexOf(' ', StringComparison.Ordinal);
        return (space > 0 ? subject[..space] : subject) + " RAM";
    }

    private static double Header(RegionReport report, SvgMap map, List<MapLayer> layers, double top, bool explainAxis)
    {
        string count = report.Regions.Count switch
        {
            0 => "no region",
            1 => "1 region",
            int n => n.ToString(CultureInfo.InvariantCulture) + " regions",
        };
        string title = SvgTextMetrics.Fit($"Extended regions for {report.Subject}: {count}", Width - (2 * Margin), 18, SvgFont.Sans, true);
        map.Labels.Add(new SvgLabel(SvgLabelRole.Title, title, Margin, top + 28, 18, SvgFont.Sans, true));
        double y = top + 48;
        y = Paragraph(map, SvgLabelRole.Subtitle, $"Xen {report.XenVersion} · {report.Producer} · source: {report.InputFacts.Source}", y, 12, "#424242");
        if (explainAxis)
        {
            y = Paragraph(map, SvgLabelRole.Subtitle, "Address axis: piecewise logarithmic (each piece between two bounds gets a width growing with the log of its size, so small ranges stay visible). Ranges too close to draw apart share one bar. Hover a bar for its exact bounds.", y, 11, "#616161");
        }

        // Legend: a swatch and a name per lane, wrapping onto a second row on a wide map.
        double x = Margin;
        y += 2;
        foreach (MapLayer layer in layers)
        {
            string name = LaneName(report, layer);
            double w = 19 + SvgTextMetrics.Width(name, 12, SvgFont.Sans, false);
            if (x > Margin && x + w > Width - Margin)
            {
                x = Margin;
                y += 20;
            }

            map.Swatches.Add(new SvgSwatch(x, y, 14, layer));
            map.Labels.Add(new SvgLabel(SvgLabelRole.Legend, name, x + 19, y + 12, 12));
            x += w + 18;
        }

        return y + 32;
    }

    /// <summary>Writes a sentence as wrapped lines from the left margin; returns the next baseline.</summary>
    private static double Paragraph(SvgMap map, SvgLabelRole role, string text, double y, double size, string fill, string prefix = "")
    {
        IReadOnlyList<string> lines = SvgTextMetrics.Wrap(prefix + text, Width - (2 * Margin), size, SvgFont.Sans, false);
        foreach (string line in lines)
        {
            map.Labels.Add(new SvgLabel(role, line, Margin, y, size) { Fill = fill });
            y += size + 5;
        }

        return y;
    }

    private static double Lanes(RegionReport report, SvgMap map, SvgScale scale, List<MapLayer> layers, double y)
    {
        map.LanesTop = y;
        int markers = 0;
        foreach (MapLayer layer in layers)
        {
            var lane = new SvgLane(layer, LaneName(report, layer), y, LaneHeight);
            map.Lanes.Add(lane);
            bool regions = layer == MapLayer.ExtendedRegion;
            string name = SvgTextMetrics.Fit(lane.Name, PlotLeft - 20, 12, SvgFont.Sans, regions);
            if (regions)
            {
                map.Labels.Add(new SvgLabel(SvgLabelRole.LaneName, name, PlotLeft - 10, y + 15, 12, SvgFont.Sans, true, SvgAnchor.End));
                map.Labels.Add(new SvgLabel(SvgLabelRole.LaneName, "numbered by reg index", PlotLeft - 10, y + 28, 9, SvgFont.Sans, false, SvgAnchor.End) { Fill = "#616161" });
                RegionBars(report, lane, scale);
            }
            else
            {
                map.Labels.Add(new SvgLabel(SvgLabelRole.LaneName, name, PlotLeft - 10, y + (LaneHeight / 2) + 4, 12, SvgFont.Sans, false, SvgAnchor.End));
                MergedBars(report, lane, scale);
            }

            var callouts = new List<(SvgBar Bar, string Text, SvgLabelRole Role)>();
            double lastRight = double.NegativeInfinity;
            foreach (SvgBar bar in lane.Bars)
            {
                string? inside = FirstThatFits(BarTexts(lane, bar), bar.Width, lastRight - bar.X);
                if (inside is null && !regions && bar.Members.Count > 1)
                {
                    // A merged bar with no room for its count gets a letter and a line in the list under the map.
                    bar.Marker = MarkerName(markers++);
                    map.Footnotes.Add(new SvgFootnote(bar.Marker, bar));
                    inside = FirstThatFits([bar.Marker], bar.Width, lastRight - bar.X);
                }

                SvgLabelRole role = regions ? SvgLabelRole.RegionNumber : bar.Marker is null ? SvgLabelRole.BarLabel : SvgLabelRole.GroupMarker;
                if (inside is not null)
                {
                    var label = new SvgLabel(role, inside, bar.X + (bar.Width / 2), y + (LaneHeight / 2) + 4, BarFont, SvgFont.Mono, role != SvgLabelRole.BarLabel, SvgAnchor.Middle) { RegIndex = bar.RegIndex };
                    bar.Labels.Add(label);
                    lastRight = label.Left + label.Width;
                }
                else if (regions)
                {
                    callouts.Add((bar, bar.RegIndex!.Value.ToString(CultureInfo.InvariantCulture), role));
                }
                else if (bar.Marker is not null)
                {
                    callouts.Add((bar, bar.Marker, role));
                }
            }

            int rows = Callouts(lane, callouts, y + LaneHeight);
            y += LaneHeight + (rows * CalloutRow) + (rows > 0 ? 4 : 0) + LaneGap;
        }

        return y;
    }

    /// <summary>The texts a bar may carry, longest first; the first one that fits is drawn.</summary>
    private static IEnumerable<string> BarTexts(SvgLane lane, SvgBar bar)
    {
        if (bar.RegIndex is int reg)
        {
            string size = Hex.Size(bar.Members[0].Size);
            yield return string.Create(CultureInfo.InvariantCulture, $"reg[{reg}] {size}");
            yield return string.Create(CultureInfo.InvariantCulture, $"reg[{reg}]");

            // A bare number goes under the lane with the other narrow regions', so the numbers read as one row.
            yield break;
        }

        if (bar.Members.Count == 1)
        {
            yield return Hex.Size(bar.Members[0].Size);
            yield break;
        }

        string count = string.Create(CultureInfo.InvariantCulture, $"{bar.Members.Count} {SvgStyles.Of(lane.Layer).Plural}");
        string prefix = CommonPathPrefix(bar.Members);
        if (prefix.Length > 1)
        {
            yield return $"{count}: {prefix}…";
        }

        yield return count;
    }

    /// <summary>The first text whose box fits inside the bar and starts right of the lane's previous text.</summary>
    private static string? FirstThatFits(IEnumerable<string> texts, double barWidth, double previousRightFromBar)
    {
        foreach (string text in texts)
        {
            double w = SvgTextMetrics.Width(text, BarFont, SvgFont.Mono, false);
            double left = (barWidth - w) / 2;
            if (w + 6 <= barWidth && left >= previousRightFromBar + 2)
            {
                return text;
            }
        }

        return null;
    }

    private static void RegionBars(RegionReport report, SvgLane lane, SvgScale scale)
    {
        for (int i = 0; i < report.Regions.Count; i++)
        {
            MemoryBank r = report.Regions[i];
            int reg = i + 1;
            var item = new MapItem(MapLayer.ExtendedRegion, r.Start, r.Size, string.Create(CultureInfo.InvariantCulture, $"reg[{reg}] (Xen's extended region {i})"));
            (double x1, double x2) = Span(scale, item);
            string title = $"Extended region reg[{reg}] (Xen's extended region {i})\n{Bounds(item)}";
            lane.Bars.Add(new SvgBar(MapLayer.ExtendedRegion, x1, lane.Y + BarInset, x2 - x1, LaneHeight - (2 * BarInset), title, [item]) { RegIndex = reg });
        }
    }
}
