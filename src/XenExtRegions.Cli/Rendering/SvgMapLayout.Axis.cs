using System;
using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The address axis under the lanes, and the hatching of stretches nothing describes.</summary>
internal static partial class SvgMapLayout
{
    private const double AxisFont = 10;
    private const double AxisAngle = -45;

    /// <summary>Horizontal distance two parallel slanted labels need so their boxes stay apart (box height / sin 45°, plus air).</summary>
    private static readonly double AxisSpacing = (((SvgTextMetrics.Ascent + SvgTextMetrics.Descent) * AxisFont) + 2) / Math.Sin(Math.PI / 4);

    private static double Axis(RegionReport report, SvgMap map, SvgScale scale, double lanesBottom)
    {
        double axisY = lanesBottom - LaneGap + 4;
        map.AxisY = axisY;
        map.Ticks.Add(new SvgLine(PlotLeft, axisY, PlotRight, axisY));

        // One tick per distinct pixel: a tree with 100 000 windows still draws a few hundred.
        double lastTick = double.NegativeInfinity;
        foreach (UInt128 b in scale.Bounds)
        {
            double x = scale.X(b);
            if (x - lastTick >= 1)
            {
                map.Ticks.Add(new SvgLine(x, axisY, x, axisY + 5));
                lastTick = x;
            }
        }

        // Labels go to the bounds that matter most first (the regions', then RAM's), then fill in where there is room.
        var placed = new List<double>();
        var labelled = new List<(double X, UInt128 Bound)>();
        foreach (UInt128 b in AxisPriority(report, scale))
        {
            double x = scale.X(b);
            int i = placed.BinarySearch(x);
            if (i >= 0)
            {
                continue;
            }

            i = ~i;
            bool freeLeft = i == 0 || x - placed[i - 1] >= AxisSpacing;
            bool freeRight = i == placed.Count || placed[i] - x >= AxisSpacing;
            if (freeLeft && freeRight)
            {
                placed.Insert(i, x);
                labelled.Add((x, b));
            }
        }

        double deepest = 0;
        foreach ((double x, UInt128 b) in labelled.OrderBy(l => l.X))
        {
            var label = new SvgLabel(SvgLabelRole.AxisLabel, HexEnd(b), x + 3, axisY + 12, AxisFont, SvgFont.Mono, false, SvgAnchor.End) { Rotation = AxisAngle, Fill = "#424242" };
            map.Labels.Add(label);
            map.Guides.Add(new SvgLine(x, map.LanesTop - 4, x, axisY));
            deepest = Math.Max(deepest, label.Width * Math.Sin(-AxisAngle * Math.PI / 180));
        }

        Gaps(report, map, scale, map.LanesTop - 4, axisY);
        return axisY + 12 + deepest + 24;
    }

    private static IEnumerable<UInt128> AxisPriority(RegionReport report, SvgScale scale)
    {
        foreach (var r in report.Regions.Where(r => r.Size > 0))
        {
            yield return r.Start;
            yield return (UInt128)r.Start + r.Size;
        }

        foreach (MapLayer layer in new[] { MapLayer.DomainRam, MapLayer.HostRam, MapLayer.GrantTable, MapLayer.Exclusion })
        {
            foreach (MapItem m in report.Map.Where(m => m.Layer == layer && m.Size > 0))
            {
                yield return m.Start;
                yield return (UInt128)m.Start + m.Size;
            }
        }

        foreach (UInt128 b in scale.Bounds)
        {
            yield return b;
        }
    }

    /// <summary>Hatches the stretches where nothing is described, so a compressed 16 GiB hole does not read as empty RAM.</summary>
    private static void Gaps(RegionReport report, SvgMap map, SvgScale scale, double top, double bottom)
    {
        // The union of everything drawn, as sorted disjoint intervals; the gaps are what lies between them.
        var spans = report.Map.Where(m => m.Size > 0 && m.Layer != MapLayer.ExtendedRegion)
            .Select(m => ((UInt128)m.Start, (UInt128)m.Start + m.Size))
            .Concat(report.Regions.Where(r => r.Size > 0).Select(r => ((UInt128)r.Start, (UInt128)r.Start + r.Size)))
            .OrderBy(s => s.Item1)
            .ToList();
        UInt128 coveredTo = 0;
        bool any = false;
        foreach ((UInt128 start, UInt128 end) in spans)
        {
            if (any && start > coveredTo)
            {
                double x1 = scale.X(coveredTo);
                double x2 = scale.X(start);
                UInt128 size = start - coveredTo;
                string sizeText = size > ulong.MaxValue ? "16 EiB" : Hex.Size((ulong)size);
                map.Gaps.Add(new SvgGap(x1, top, Math.Max(1, x2 - x1), bottom - top, $"Nothing described here: {HexEnd(coveredTo)}–{HexEnd(start)} ({sizeText}); the axis is compressed"));
            }

            coveredTo = any ? (end > coveredTo ? end : coveredTo) : end;
            any = true;
        }
    }
}
