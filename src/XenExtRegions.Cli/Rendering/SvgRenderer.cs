using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Draws the memory map as SVG: one lane per kind of fact (host RAM, reserved, modules, domain RAM, grant table,
/// MMIO, PCI apertures, user exclusions, extended regions) over a shared piecewise-logarithmic address axis, with
/// a legend, hex bounds on the axis, sizes in the bars, a list of the regions, and hover titles on every bar.
/// Built with XElement so every text is XML-escaped.
/// </summary>
internal static class SvgRenderer
{
    private const double Width = 1400;
    private const double LaneLeft = 170;
    private const double PlotRight = 30;
    private const double LaneHeight = 34;
    private const double LaneGap = 8;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Dictionary<MapLayer, (string Name, string Fill, string Stroke)> Styles = new()
    {
        [MapLayer.HostRam] = ("Host RAM", "#c8e6c9", "#2e7d32"),
        [MapLayer.Reserved] = ("Reserved memory", "#ffcc80", "#e65100"),
        [MapLayer.Module] = ("Boot modules", "#e1bee7", "#7b1fa2"),
        [MapLayer.DomainRam] = ("Domain RAM", "#90caf9", "#1565c0"),
        [MapLayer.GrantTable] = ("Grant table", "#f48fb1", "#ad1457"),
        [MapLayer.Mmio] = ("Device reg windows", "#cfd8dc", "#455a64"),
        [MapLayer.PciAperture] = ("PCI apertures", "#80cbc4", "#00695c"),
        [MapLayer.Exclusion] = ("User exclusions", "#ef9a9a", "#b71c1c"),
        [MapLayer.ExtendedRegion] = ("Extended regions", "#ffd54f", "#e65100"),
    };

    public static void Render(RegionReport report, TextWriter w)
    {
        XDocument doc = Build(report);
        w.Write(doc.Declaration + "\n" + doc.Root);
        w.WriteLine();
    }

    public static XDocument Build(RegionReport report)
    {
        string domainRamName = report.Subject + " RAM";
        List<MapLayer> lanes = Enum.GetValues<MapLayer>()
            .Where(l => l == MapLayer.ExtendedRegion || report.Map.Any(m => m.Layer == l))
            .ToList();

        var ranges = report.Map.Where(m => m.Size > 0).Select(m => (Start: (UInt128)m.Start, End: (UInt128)m.Start + m.Size)).ToList();
        var scale = new SvgScale(ranges, LaneLeft, Width - LaneLeft - PlotRight);

        double top = 112;
        double lanesBottom = top + (lanes.Count * (LaneHeight + LaneGap));
        double axisY = lanesBottom + 4;
        int regionRows = Math.Max(1, report.Regions.Count);
        double listTop = axisY + 120;
        double height = listTop + 30 + (regionRows * 18) + 20 + ((report.Warnings.Count + report.Notes.Count) * 16) + 20;

        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", Width),
            new XAttribute("height", Num(height)),
            new XAttribute("viewBox", $"0 0 {Num(Width)} {Num(height)}"),
            new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
            new XAttribute("font-size", "12"));
        root.Add(new XElement(Svg + "title", $"Xen extended regions: {report.Subject}, Xen {report.XenVersion}"));
        root.Add(new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")));
        root.Add(Text(20, 30, $"Extended regions for {report.Subject}: {report.Regions.Count} region(s)", 18, "bold"));
        root.Add(Text(20, 50, $"Xen {report.XenVersion} · {report.Producer} · source: {report.InputFacts.Source}", 12, null, "#424242"));
        root.Add(Text(20, 68, "Address axis: piecewise logarithmic (each piece between two bounds gets a width growing with the log of its size, so small ranges stay visible). Hover a bar for its exact bounds.", 11, null, "#616161"));

        // Legend.
        double lx = 20;
        foreach (MapLayer layer in lanes)
        {
            (string name, string fill, string stroke) = Styles[layer];
            if (layer == MapLayer.DomainRam)
            {
                name = domainRamName;
            }

            root.Add(new XElement(Svg + "rect", new XAttribute("x", Num(lx)), new XAttribute("y", 80), new XAttribute("width", 14), new XAttribute("height", 14), new XAttribute("fill", fill), new XAttribute("stroke", stroke)));
            root.Add(Text(lx + 19, 92, name, 12));
            lx += 34 + (name.Length * 7.4);
        }

        // Vertical guides at every bound, behind the bars.
        var guides = new XElement(Svg + "g", new XAttribute("stroke", "#eeeeee"), new XAttribute("stroke-width", "1"));
        foreach (UInt128 b in scale.Bounds)
        {
            double x = scale.X(b);
            guides.Add(new XElement(Svg + "line", new XAttribute("x1", Num(x)), new XAttribute("x2", Num(x)), new XAttribute("y1", Num(top - 4)), new XAttribute("y2", Num(axisY))));
        }

        root.Add(guides);

        for (int li = 0; li < lanes.Count; li++)
        {
            MapLayer layer = lanes[li];
            (string name, string fill, string stroke) = Styles[layer];
            if (layer == MapLayer.DomainRam)
            {
                name = domainRamName;
            }

            double y = top + (li * (LaneHeight + LaneGap));
            var lane = new XElement(Svg + "g", new XAttribute("class", "lane"), new XAttribute("data-layer", layer.ToString()));
            lane.Add(new XElement(Svg + "rect", new XAttribute("x", Num(LaneLeft)), new XAttribute("y", Num(y)), new XAttribute("width", Num(Width - LaneLeft - PlotRight)), new XAttribute("height", Num(LaneHeight)), new XAttribute("fill", "#fafafa"), new XAttribute("stroke", "#e0e0e0")));
            lane.Add(Text(LaneLeft - 10, y + (LaneHeight / 2) + 4, name, 12, layer == MapLayer.ExtendedRegion ? "bold" : null, null, "end"));
            int index = 0;
            foreach (MapItem item in report.Map.Where(m => m.Layer == layer && m.Size > 0))
            {
                UInt128 end = (UInt128)item.Start + item.Size;
                double x1 = scale.X(item.Start);
                double x2 = scale.X(end);
                double w = Math.Max(2, x2 - x1);
                string bounds = $"{Hex.Of(item.Start)}–{Hex.Of((ulong)(end - 1))} (end {HexEnd(end)}), {Hex.Size(item.Size)}";
                var bar = new XElement(
                    Svg + "rect",
                    new XAttribute("x", Num(x1)),
                    new XAttribute("y", Num(y + 3)),
                    new XAttribute("width", Num(w)),
                    new XAttribute("height", Num(LaneHeight - 6)),
                    new XAttribute("rx", 3),
                    new XAttribute("fill", fill),
                    new XAttribute("stroke", stroke),
                    new XAttribute("stroke-width", layer == MapLayer.ExtendedRegion ? "1.5" : "1"),
                    new XElement(Svg + "title", $"{name}: {item.Label}\n{bounds}"));
                var group = new XElement(Svg + "g", new XAttribute("class", "range"), bar);
                string text = layer == MapLayer.ExtendedRegion ? $"#{index + 1} {Hex.Size(item.Size)}" : Hex.Size(item.Size);
                if (w >= (text.Length * 6.6) + 6)
                {
                    group.Add(Text(x1 + (w / 2), y + (LaneHeight / 2) + 4, text, 11, layer == MapLayer.ExtendedRegion ? "bold" : null, "#212121", "middle"));
                }
                else if (layer == MapLayer.ExtendedRegion && w >= 16)
                {
                    group.Add(Text(x1 + (w / 2), y + (LaneHeight / 2) + 4, $"#{index + 1}", 10, "bold", "#212121", "middle"));
                }

                lane.Add(group);
                index++;
            }

            root.Add(lane);
        }

        // Axis with hex labels at bounds, skipping labels that would collide.
        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"));
        axis.Add(new XElement(Svg + "line", new XAttribute("x1", Num(LaneLeft)), new XAttribute("x2", Num(Width - PlotRight)), new XAttribute("y1", Num(axisY)), new XAttribute("y2", Num(axisY)), new XAttribute("stroke", "#616161")));
        double lastLabel = double.NegativeInfinity;
        foreach (UInt128 b in scale.Bounds)
        {
            double x = scale.X(b);
            axis.Add(new XElement(Svg + "line", new XAttribute("x1", Num(x)), new XAttribute("x2", Num(x)), new XAttribute("y1", Num(axisY)), new XAttribute("y2", Num(axisY + 5)), new XAttribute("stroke", "#616161")));
            if (x - lastLabel >= 13)
            {
                var label = Text(x, axisY + 14, HexEnd(b), 10, null, "#424242", "end");
                label.Add(new XAttribute("transform", $"rotate(-50 {Num(x)} {Num(axisY + 14)})"));
                axis.Add(label);
                lastLabel = x;
            }
        }

        root.Add(axis);
        root.Add(Gaps(report, scale, top - 4, axisY));

        // The regions as a list, in Xen's numbering and the reg index.
        var list = new XElement(Svg + "g", new XAttribute("class", "region-list"));
        list.Add(Text(20, listTop, "Extended regions (reg index, start → exclusive end, size)", 13, "bold"));
        if (report.Regions.Count == 0)
        {
            list.Add(Text(30, listTop + 20, "none: no free range of at least 64 MiB", 12, null, "#b71c1c"));
        }

        for (int i = 0; i < report.Regions.Count; i++)
        {
            var r = report.Regions[i];
            double y = listTop + 20 + (i * 18);
            list.Add(new XElement(Svg + "rect", new XAttribute("x", 30), new XAttribute("y", Num(y - 10)), new XAttribute("width", 12), new XAttribute("height", 12), new XAttribute("fill", Styles[MapLayer.ExtendedRegion].Fill), new XAttribute("stroke", Styles[MapLayer.ExtendedRegion].Stroke)));
            list.Add(Text(50, y, $"reg[{i + 1}]  {Hex.Of(r.Start)} → {Hex.End(r)}  ({Hex.Size(r.Size)})", 12, null, null, null, "monospace"));
        }

        if (report.GrantTable is { } g)
        {
            list.Add(Text(520, listTop + 20, $"reg[0] grant table: {Hex.Of(g.Start)} size {Hex.Of(g.Size)} ({Hex.Size(g.Size)})", 12, null, null, null, "monospace"));
        }

        double wy = listTop + 30 + (regionRows * 18);
        foreach (string warning in report.Warnings)
        {
            list.Add(Text(20, wy, "⚠ " + warning, 12, null, "#b71c1c"));
            wy += 16;
        }

        foreach (string note in report.Notes)
        {
            list.Add(Text(20, wy, "· " + note, 12, null, "#455a64"));
            wy += 16;
        }

        root.Add(list);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    /// <summary>Hatches the stretches where nothing is described, so a compressed 16 GiB hole does not read as empty RAM.</summary>
    private static XElement Gaps(RegionReport report, SvgScale scale, double top, double bottom)
    {
        var gaps = new XElement(Svg + "g", new XAttribute("class", "gaps"));
        gaps.Add(new XElement(
            Svg + "defs",
            new XElement(
                Svg + "pattern",
                new XAttribute("id", "gap-hatch"),
                new XAttribute("width", 6),
                new XAttribute("height", 6),
                new XAttribute("patternUnits", "userSpaceOnUse"),
                new XAttribute("patternTransform", "rotate(45)"),
                new XElement(Svg + "line", new XAttribute("x1", 0), new XAttribute("y1", 0), new XAttribute("x2", 0), new XAttribute("y2", 6), new XAttribute("stroke", "#bdbdbd"), new XAttribute("stroke-width", 1.5)))));
        var items = report.Map.Where(m => m.Size > 0).Select(m => ((UInt128)m.Start, (UInt128)m.Start + m.Size)).ToList();
        for (int i = 0; i + 1 < scale.Bounds.Count; i++)
        {
            UInt128 a = scale.Bounds[i];
            UInt128 b = scale.Bounds[i + 1];
            if (items.Any(it => it.Item1 <= a && it.Item2 >= b))
            {
                continue;
            }

            double x1 = scale.X(a);
            double x2 = scale.X(b);
            var size = b - a;
            string sizeText = size > ulong.MaxValue ? "16 EiB" : Hex.Size((ulong)size);
            gaps.Add(new XElement(
                Svg + "rect",
                new XAttribute("x", Num(x1)),
                new XAttribute("y", Num(top)),
                new XAttribute("width", Num(Math.Max(1, x2 - x1))),
                new XAttribute("height", Num(bottom - top)),
                new XAttribute("fill", "url(#gap-hatch)"),
                new XAttribute("fill-opacity", "0.6"),
                new XElement(Svg + "title", $"Nothing described here: {HexEnd(a)}–{HexEnd(b)} ({sizeText}); the axis is compressed")));
        }

        return gaps;
    }

    private static string HexEnd(UInt128 end) =>
        end > ulong.MaxValue ? "0x10000000000000000" : Hex.Of((ulong)end);

    private static XElement Text(double x, double y, string text, int size, string? weight = null, string? fill = null, string? anchor = null, string? family = null)
    {
        var e = new XElement(Svg + "text", new XAttribute("x", Num(x)), new XAttribute("y", Num(y)), new XAttribute("font-size", size), text);
        if (weight is not null)
        {
            e.Add(new XAttribute("font-weight", weight));
        }

        if (fill is not null)
        {
            e.Add(new XAttribute("fill", fill));
        }

        if (anchor is not null)
        {
            e.Add(new XAttribute("text-anchor", anchor));
        }

        if (family is not null)
        {
            e.Add(new XAttribute("font-family", family));
        }

        return e;
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
