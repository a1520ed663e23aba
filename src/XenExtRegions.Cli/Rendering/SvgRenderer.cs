using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Draws memory maps as SVG: per map, one lane per kind of fact (host RAM, reserved, modules, domain RAM, grant
/// table, MMIO, PCI apertures, user exclusions, extended regions) over a piecewise-logarithmic address axis, with a
/// legend, hex bounds on the axis, every region numbered by its /hypervisor reg index, the reg list, and hover
/// titles with exact bounds on every bar. <see cref="SvgMapLayout"/> decides where things go; this class only
/// writes them, with XElement so every text is XML-escaped. Same input, same bytes.
/// </summary>
internal static class SvgRenderer
{
    private const double MapGap = 24;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static void Render(RegionReport report, TextWriter w) => RenderMany([report], w);

    /// <summary>One document with one titled map per report, stacked top to bottom (a boot's domains, in order).</summary>
    public static void RenderMany(IReadOnlyList<RegionReport> reports, TextWriter w)
    {
        XDocument doc = Build(reports);
        w.Write(doc.Declaration + "\n" + doc.Root);
        w.WriteLine();
    }

    public static XDocument Build(RegionReport report) => Build([report]);

    public static XDocument Build(IReadOnlyList<RegionReport> reports) => Write(Layout(reports));

    /// <summary>The maps of <paramref name="reports"/>, one under the other, in document coordinates.</summary>
    public static IReadOnlyList<SvgMap> Layout(IReadOnlyList<RegionReport> reports)
    {
        var maps = new List<SvgMap>();
        double top = 0;
        foreach (RegionReport report in reports)
        {
            SvgMap map = SvgMapLayout.Build(report, top, explainAxis: maps.Count == 0);
            maps.Add(map);
            top += map.Height + MapGap;
        }

        return maps;
    }

    private static XDocument Write(IReadOnlyList<SvgMap> maps)
    {
        double height = maps.Count == 0 ? 40 : maps[^1].Top + maps[^1].Height;
        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", SvgMapLayout.Width),
            new XAttribute("height", Num(height)),
            new XAttribute("viewBox", $"0 0 {Num(SvgMapLayout.Width)} {Num(height)}"),
            new XAttribute("font-family", SvgTextMetrics.SansFamily),
            new XAttribute("font-size", "12"));
        root.Add(new XElement(Svg + "title", "Xen extended regions: " + (maps.Count == 0 ? "no domain" : string.Join("; ", maps.Select(m => m.Subject)))));
        root.Add(Defs());
        root.Add(new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")));
        for (int i = 0; i < maps.Count; i++)
        {
            if (i > 0)
            {
                double y = maps[i].Top - (MapGap / 2);
                root.Add(Line(new SvgLine(10, y, SvgMapLayout.Width - 10, y), "#9e9e9e", 1));
            }

            root.Add(Map(maps[i], i));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XElement Map(SvgMap map, int index)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "map"), new XAttribute("id", "map-" + index.ToString(CultureInfo.InvariantCulture)), new XAttribute("data-subject", map.Subject));
        g.Add(new XElement(Svg + "title", map.Subject));
        foreach (SvgLabel label in map.Labels.Where(l => l.Role is SvgLabelRole.Title or SvgLabelRole.Subtitle or SvgLabelRole.Legend))
        {
            g.Add(Text(label, label.Role == SvgLabelRole.Title ? "map-title" : null));
        }

        foreach (SvgSwatch s in map.Swatches)
        {
            (_, string fill, string stroke, _) = SvgStyles.Of(s.Layer);
            g.Add(new XElement(Svg + "rect", new XAttribute("x", Num(s.X)), new XAttribute("y", Num(s.Y)), new XAttribute("width", Num(s.Size)), new XAttribute("height", Num(s.Size)), new XAttribute("fill", fill), new XAttribute("stroke", stroke)));
        }

        var guides = new XElement(Svg + "g", new XAttribute("class", "guides"), new XAttribute("stroke", "#e0e0e0"), new XAttribute("stroke-width", "1"));
        guides.Add(map.Guides.Select(l => Line(l, null, null)));
        g.Add(guides);
        foreach (SvgLane lane in map.Lanes)
        {
            g.Add(Lane(map, lane));
        }

        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"));
        axis.Add(map.Ticks.Select(l => Line(l, "#616161", null)));
        axis.Add(map.Labels.Where(l => l.Role == SvgLabelRole.AxisLabel).Select(l => Text(l, null)));
        g.Add(axis);

        var gaps = new XElement(Svg + "g", new XAttribute("class", "gaps"));
        foreach (SvgGap gap in map.Gaps)
        {
            gaps.Add(new XElement(
                Svg + "rect",
                new XAttribute("x", Num(gap.X)),
                new XAttribute("y", Num(gap.Y)),
                new XAttribute("width", Num(gap.Width)),
                new XAttribute("height", Num(gap.Height)),
                new XAttribute("fill", "url(#gap-hatch)"),
                new XAttribute("fill-opacity", "0.6"),
                new XElement(Svg + "title", gap.Title)));
        }

        g.Add(gaps);
        var list = new XElement(Svg + "g", new XAttribute("class", "region-list"));
        list.Add(map.Labels.Where(l => l.Role is SvgLabelRole.ListHeading or SvgLabelRole.ListEntry or SvgLabelRole.Footnote).Select(l => Text(l, null)));
        g.Add(list);
        var messages = new XElement(Svg + "g", new XAttribute("class", "messages"));
        messages.Add(map.Labels.Where(l => l.Role is SvgLabelRole.Warning or SvgLabelRole.Note).Select(l => Text(l, null)));
        g.Add(messages);
        return g;
    }

    private static XElement Lane(SvgMap map, SvgLane lane)
    {
        (_, string fill, string stroke, _) = SvgStyles.Of(lane.Layer);
        bool regions = lane.Layer == MapLayer.ExtendedRegion;
        var e = new XElement(Svg + "g", new XAttribute("class", "lane"), new XAttribute("data-layer", lane.Layer.ToString()));
        e.Add(new XElement(Svg + "rect", new XAttribute("x", Num(map.PlotLeft)), new XAttribute("y", Num(lane.Y)), new XAttribute("width", Num(map.PlotRight - map.PlotLeft)), new XAttribute("height", Num(lane.Height)), new XAttribute("fill", "#fafafa"), new XAttribute("stroke", "#e0e0e0")));
        e.Add(map.Labels.Where(l => l.Role == SvgLabelRole.LaneName && l.Y > lane.Y && l.Y < lane.Y + lane.Height).Select(l => Text(l, null)));
        foreach (SvgBar bar in lane.Bars)
        {
            // The title sits on the group, so hovering the bar, its number or its leader line all show it.
            var group = new XElement(Svg + "g", new XAttribute("class", "range"));
            if (bar.RegIndex is int reg)
            {
                group.Add(new XAttribute("data-reg", reg));
            }

            if (bar.Members.Count > 1)
            {
                group.Add(new XAttribute("data-members", bar.Members.Count));
            }

            group.Add(new XElement(Svg + "title", bar.Title));
            group.Add(new XElement(
                Svg + "rect",
                new XAttribute("x", Num(bar.X)),
                new XAttribute("y", Num(bar.Y)),
                new XAttribute("width", Num(bar.Width)),
                new XAttribute("height", Num(bar.Height)),
                new XAttribute("rx", 3),
                new XAttribute("fill", fill),
                new XAttribute("stroke", stroke),
                new XAttribute("stroke-width", regions ? "1.5" : "1")));
            group.Add(bar.Leaders.Select(l => Line(l, "#757575", 0.8)));
            group.Add(bar.Labels.Select(l => Text(l, l.Role == SvgLabelRole.RegionNumber ? "region-number" : null)));

            e.Add(group);
        }

        return e;
    }

    private static XElement Defs() => new(
        Svg + "defs",
        new XElement(
            Svg + "pattern",
            new XAttribute("id", "gap-hatch"),
            new XAttribute("width", 6),
            new XAttribute("height", 6),
            new XAttribute("patternUnits", "userSpaceOnUse"),
            new XAttribute("patternTransform", "rotate(45)"),
            new XElement(Svg + "line", new XAttribute("x1", 0), new XAttribute("y1", 0), new XAttribute("x2", 0), new XAttribute("y2", 6), new XAttribute("stroke", "#bdbdbd"), new XAttribute("stroke-width", 1.5))));

    private static XElement Line(SvgLine l, string? stroke, double? width)
    {
        var e = new XElement(Svg + "line", new XAttribute("x1", Num(l.X1)), new XAttribute("y1", Num(l.Y1)), new XAttribute("x2", Num(l.X2)), new XAttribute("y2", Num(l.Y2)));
        if (stroke is not null)
        {
            e.Add(new XAttribute("stroke", stroke));
        }

        if (width is not null)
        {
            e.Add(new XAttribute("stroke-width", Num(width.Value)));
        }

        return e;
    }

    private static XElement Text(SvgLabel label, string? cssClass)
    {
        var e = new XElement(Svg + "text", new XAttribute("x", Num(label.X)), new XAttribute("y", Num(label.Y)), new XAttribute("font-size", Num(label.FontSize)));
        if (cssClass is not null)
        {
            e.Add(new XAttribute("class", cssClass));
        }

        if (label.Bold)
        {
            e.Add(new XAttribute("font-weight", "bold"));
        }

        if (label.Fill is not null)
        {
            e.Add(new XAttribute("fill", label.Fill));
        }

        if (label.Anchor != SvgAnchor.Start)
        {
            e.Add(new XAttribute("text-anchor", label.Anchor == SvgAnchor.Middle ? "middle" : "end"));
        }

        if (label.Font == SvgFont.Mono)
        {
            e.Add(new XAttribute("font-family", SvgTextMetrics.MonoFamily));
        }

        if (label.Rotation != 0)
        {
            e.Add(new XAttribute("transform", $"rotate({Num(label.Rotation)} {Num(label.X)} {Num(label.Y)})"));
        }

        if (label.RegIndex is int reg)
        {
            e.Add(new XAttribute("data-reg", reg));
        }

        e.Add(label.Text);
        return e;
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
