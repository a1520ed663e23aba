using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Merging a lane's ranges into bars, and the rows of numbers and letters that did not fit on their bar.</summary>
internal static partial class SvgMapLayout
{
    /// <summary>
    /// One bar per run of ranges that overlap on screen, or nearly touch where one of them is too narrow to stand
    /// alone (linear after the sort).
    /// </summary>
    private static void MergedBars(RegionReport report, SvgLane lane, SvgScale scale)
    {
        var items = report.Map.Where(m => m.Layer == lane.Layer && m.Size > 0)
            .OrderBy(m => m.Start).ThenBy(m => m.Size).ThenBy(m => m.Label, StringComparer.Ordinal)
            .ToList();
        var run = new List<MapItem>();
        double runX1 = 0;
        double runX2 = double.NegativeInfinity;
        double lastWidth = 0;
        foreach (MapItem item in items)
        {
            (double x1, double x2) = Span(scale, item);
            bool overlaps = x1 < runX2 - 0.5;
            bool near = x1 <= runX2 + MergeGap && Math.Min(x2 - x1, lastWidth) < SoloWidth;
            if (run.Count > 0 && !overlaps && !near)
            {
                lane.Bars.Add(Merged(lane, run, runX1, runX2));
                run = [];
            }

            if (run.Count == 0)
            {
                runX1 = x1;
                runX2 = x2;
            }

            run.Add(item);
            runX2 = Math.Max(runX2, x2);
            lastWidth = x2 - x1;
        }

        if (run.Count > 0)
        {
            lane.Bars.Add(Merged(lane, run, runX1, runX2));
        }
    }

    private static SvgBar Merged(SvgLane lane, List<MapItem> run, double x1, double x2)
    {
        string name = SvgStyles.Of(lane.Layer).Name;
        if (lane.Layer == MapLayer.DomainRam)
        {
            name = lane.Name;
        }

        string title;
        if (run.Count == 1)
        {
            title = $"{name}: {run[0].Label}\n{Bounds(run[0])}";
        }
        else
        {
            ulong start = run[0].Start;
            UInt128 end = run.Max(m => (UInt128)m.Start + m.Size);
            string span = $"{Hex.Of(start)}–{HexEnd(end - 1)} (end {HexEnd(end)})";
            const int Listed = 40;
            IEnumerable<string> lines = run.Take(Listed).Select(m => $"{m.Label}: {Bounds(m)}");
            if (run.Count > Listed)
            {
                lines = lines.Append(string.Create(CultureInfo.InvariantCulture, $"… and {run.Count - Listed} more (the json output lists every one)"));
            }

            title = string.Create(CultureInfo.InvariantCulture, $"{name}: {run.Count} {SvgStyles.Of(lane.Layer).Plural} merged, {span}\n") + string.Join("\n", lines);
        }

        return new SvgBar(lane.Layer, x1, lane.Y + BarInset, x2 - x1, LaneHeight - (2 * BarInset), title, run.ToList());
    }

    /// <summary>
    /// Places the numbers and letters that did not fit on their bars in rows under the lane, each near its bar
    /// with a leader line; a number never shares a row position with another. Returns the rows used.
    /// </summary>
    private static int Callouts(SvgLane lane, List<(SvgBar Bar, string Text, SvgLabelRole Role)> callouts, double laneBottom)
    {
        var rowRight = new List<double>();
        foreach ((SvgBar bar, string text, SvgLabelRole role) in callouts)
        {
            double w = SvgTextMetrics.Width(text, CalloutFont, SvgFont.Mono, true);
            double centre = bar.X + (bar.Width / 2);
            double wanted = Math.Clamp(centre - (w / 2), PlotLeft, PlotRight - w);
            int row = -1;
            double left = wanted;
            for (int r = 0; r < rowRight.Count; r++)
            {
                double candidate = Math.Max(wanted, rowRight[r] + 4);
                if (candidate - wanted <= MaxCalloutShift && candidate + w <= PlotRight)
                {
                    row = r;
                    left = candidate;
                    break;
                }
            }

            if (row < 0)
            {
                rowRight.Add(double.NegativeInfinity);
                row = rowRight.Count - 1;
                left = wanted;
            }

            rowRight[row] = left + w;
            double baseline = laneBottom + ((row + 1) * CalloutRow) - 2;
            var label = new SvgLabel(role, text, left + (w / 2), baseline, CalloutFont, SvgFont.Mono, true, SvgAnchor.Middle) { RegIndex = bar.RegIndex };
            bar.Labels.Add(label);
            bar.Leaders.Add(new SvgLine(centre, lane.Y + LaneHeight - BarInset, left + (w / 2), baseline - (SvgTextMetrics.Ascent * CalloutFont) - 1));
        }

        return rowRight.Count;
    }

    private static (double X1, double X2) Span(SvgScale scale, MapItem item)
    {
        double x1 = scale.X(item.Start);
        double x2 = scale.X((UInt128)item.Start + item.Size);
        return (x1, Math.Max(x1 + 2, x2));
    }

    private static string MarkerName(int n) =>
        n < 26 ? ((char)('A' + n)).ToString() : MarkerName((n / 26) - 1) + (char)('A' + (n % 26));

    /// <summary>The longest run of whole path components (ending in '/') every member's label starts with.</summary>
    private static string CommonPathPrefix(IReadOnlyList<MapItem> members)
    {
        string first = members[0].Label;
        int common = first.Length;
        foreach (MapItem m in members)
        {
            int n = 0;
            while (n < common && n < m.Label.Length && m.Label[n] == first[n])
            {
                n++;
            }

            common = n;
        }

        int slash = first.LastIndexOf('/', Math.Max(0, common - 1));
        return first.StartsWith('/') && slash >= 0 ? first[..(slash + 1)] : string.Empty;
    }

    internal static string Bounds(MapItem item)
    {
        UInt128 end = (UInt128)item.Start + item.Size;
        return $"{Hex.Of(item.Start)}–{HexEnd(end - 1)} (end {HexEnd(end)}), {Hex.Size(item.Size)}";
    }

    internal static string HexEnd(UInt128 end) =>
        end > ulong.MaxValue ? "0x10000000000000000" : Hex.Of((ulong)end);
}
