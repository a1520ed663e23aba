using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>
/// The SVG map's readability rules, checked on the layout model (no browser): on a board with 120 device windows
/// and 30 regions no two texts overlap, every region carries its reg index exactly once, texts sit only where they
/// fit, merged bars keep every member in their hover title; and the documents are well formed and repeatable.
/// </summary>
public sealed class SvgRendererTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    [Fact]
    public void Dense_map_is_a_well_formed_svg_whose_bars_all_have_hover_titles()
    {
        XDocument doc = XDocument.Parse(RenderToString([SvgTestReports.Dense()]));

        Assert.Equal(Ns + "svg", doc.Root!.Name);
        string[] viewBox = ((string)doc.Root.Attribute("viewBox")!).Split(' ');
        Assert.Equal((string)doc.Root.Attribute("height")!, viewBox[3]);
        var bars = doc.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "range").ToList();
        Assert.NotEmpty(bars);
        Assert.All(bars, g => Assert.NotNull(g.Element(Ns + "rect")));
        Assert.All(bars, g => Assert.False(string.IsNullOrWhiteSpace(g.Element(Ns + "title")?.Value)));
        Assert.DoesNotContain(doc.Descendants().Attributes(), a => a.Value.Contains("NaN", StringComparison.Ordinal) || a.Value.Contains("Infinity", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_region_is_numbered_once_on_the_map_and_once_in_the_list_by_its_reg_index()
    {
        RegionReport report = SvgTestReports.Dense();
        SvgMap map = SvgRenderer.Layout([report]).Single();

        var numbers = map.AllLabels().Where(l => l.Role == SvgLabelRole.RegionNumber).ToList();
        Assert.Equal(Enumerable.Range(1, 30), numbers.Select(l => l.RegIndex!.Value).Order());
        Assert.All(numbers, l => Assert.True(l.Text == l.RegIndex.ToString() || l.Text.StartsWith($"reg[{l.RegIndex}]", StringComparison.Ordinal), l.Text));
        var entries = map.Labels.Where(l => l.Role == SvgLabelRole.ListEntry).ToList();
        Assert.Equal(Enumerable.Range(0, 31), entries.Select(l => l.RegIndex!.Value).Order());
        Assert.All(entries, e => Assert.StartsWith($"reg[{e.RegIndex}]  0x{(e.RegIndex == 0 ? report.GrantTable!.Value.Start : report.Regions[e.RegIndex!.Value - 1].Start):x} ", e.Text, StringComparison.Ordinal));

        // The document says the same: one region-number text per region, carrying that region's reg index.
        XDocument doc = XDocument.Parse(RenderToString([report]));
        var texts = doc.Descendants(Ns + "text").Where(t => (string?)t.Attribute("class") == "region-number").ToList();
        Assert.Equal(Enumerable.Range(1, 30), texts.Select(t => (int)t.Attribute("data-reg")!).Order());
    }

    [Fact]
    public void No_two_texts_overlap_and_every_text_stays_on_the_canvas()
    {
        SvgMap map = SvgRenderer.Layout([SvgTestReports.Dense()]).Single();
        List<SvgLabel> labels = map.AllLabels().ToList();

        Assert.True(labels.Count > 120, $"only {labels.Count} texts: the dense report no longer exercises the layout");
        Assert.Contains(labels, l => l.Role == SvgLabelRole.AxisLabel && l.Rotation != 0);
        List<string> overlaps = SvgGeometry.Overlaps(labels);
        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps.Take(20)));
        foreach (SvgLabel l in labels)
        {
            Assert.All(l.Corners(), p => Assert.True(p.X >= 0 && p.X <= SvgMapLayout.Width && p.Y >= map.Top && p.Y <= map.Top + map.Height, $"{l.Role} '{l.Text}' leaves the canvas at ({p.X:0.#},{p.Y:0.#})"));
        }
    }

    [Fact]
    public void A_text_on_a_bar_fits_inside_it_and_the_others_sit_under_their_lane()
    {
        SvgMap map = SvgRenderer.Layout([SvgTestReports.Dense()]).Single();

        foreach (SvgLane lane in map.Lanes)
        {
            foreach (SvgBar bar in lane.Bars)
            {
                foreach (SvgLabel l in bar.Labels)
                {
                    if (l.Y < lane.Y + lane.Height)
                    {
                        Assert.True(l.Left >= bar.X && l.Left + l.Width <= bar.X + bar.Width, $"'{l.Text}' ({l.Width:0.#} px) does not fit its {bar.Width:0.#} px bar");
                    }
                    else
                    {
                        Assert.Single(bar.Leaders);
                    }
                }
            }
        }

        // The dense report crowds numbers enough that some go one row lower.
        SvgLane regions = map.Lanes[^1];
        var below = regions.Bars.SelectMany(b => b.Labels).Where(l => l.Y > regions.Y + regions.Height).ToList();
        Assert.True(below.Select(l => l.Y).Distinct().Count() >= 2, "the region numbers all fit one row: the report no longer crowds them");
    }

    [Fact]
    public void Close_device_windows_share_a_bar_whose_title_lists_each_and_a_letter_when_its_count_does_not_fit()
    {
        SvgMap map = SvgRenderer.Layout([SvgTestReports.Dense()]).Single();
        SvgLane mmio = map.Lanes.Single(l => l.Layer == MapLayer.Mmio);

        Assert.Equal(120, mmio.Bars.Sum(b => b.Members.Count));
        Assert.True(mmio.Bars.Count < 60, $"{mmio.Bars.Count} device bars: close windows were not merged");
        SvgBar packed = mmio.Bars.OrderByDescending(b => b.Members.Count).First();
        Assert.All(packed.Members.Take(40), m => Assert.Contains(m.Label + ": " + SvgMapLayout.Bounds(m), packed.Title, StringComparison.Ordinal));
        Assert.True(packed.Members.Count > 40, $"the largest merged bar has {packed.Members.Count} windows: the report is not dense enough");
        Assert.Contains($"… and {packed.Members.Count - 40} more", packed.Title, StringComparison.Ordinal);

        var markers = map.Lanes.SelectMany(l => l.Bars).Where(b => b.Marker is not null).ToList();
        Assert.NotEmpty(markers);
        Assert.All(markers, b => Assert.True(b.Members.Count > 1));
        foreach (SvgBar bar in markers)
        {
            Assert.Single(map.AllLabels(), l => l.Role == SvgLabelRole.GroupMarker && l.Text == bar.Marker);
            Assert.Single(map.Labels, l => l.Role == SvgLabelRole.Footnote && l.Text.StartsWith(bar.Marker + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Touching_wide_ranges_keep_their_own_bars_and_overlapping_ones_share_one()
    {
        RegionReport small = SvgTestReports.Small("Dom0");
        RegionReport report = small with
        {
            Map =
            [
                .. small.Map,
                new(MapLayer.PciAperture, 0x60000000, 0x8000000, "/soc/pcie@fe000000 #0"),
                new(MapLayer.PciAperture, 0x68000000, 0x8000000, "/soc/pcie@fe000000 #1"),
                new(MapLayer.Mmio, 0x60000000, 0x10000000, "/soc/pcie@fe000000 #0"),
                new(MapLayer.Mmio, 0x68000000, 0x10000000, "/soc/pcie@fe000000/bridge #0"),
            ],
        };
        SvgMap map = SvgRenderer.Layout([report]).Single();

        Assert.Equal([1, 1], map.Lanes.Single(l => l.Layer == MapLayer.PciAperture).Bars.Select(b => b.Members.Count));
        Assert.Equal([2], map.Lanes.Single(l => l.Layer == MapLayer.Mmio).Bars.Select(b => b.Members.Count));
    }

    [Fact]
    public void Region_bars_show_their_exact_bounds_and_both_numberings_on_hover()
    {
        RegionReport report = SvgTestReports.Dense();
        SvgLane lane = SvgRenderer.Layout([report]).Single().Lanes.Single(l => l.Layer == MapLayer.ExtendedRegion);

        Assert.Equal(report.Regions.Count, lane.Bars.Count);
        for (int i = 0; i < report.Regions.Count; i++)
        {
            var r = report.Regions[i];
            Assert.Equal(i + 1, lane.Bars[i].RegIndex);
            Assert.Contains($"reg[{i + 1}] (Xen's extended region {i})", lane.Bars[i].Title, StringComparison.Ordinal);
            Assert.Contains($"0x{r.Start:x}–0x{r.Start + r.Size - 1:x} (end 0x{r.Start + r.Size:x})", lane.Bars[i].Title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RenderMany_stacks_one_titled_map_per_report_in_one_document()
    {
        RegionReport[] reports = [SvgTestReports.Dense("d0 /chosen — hardware domain"), SvgTestReports.Small("d1 /chosen/domU1 — dom0less"), SvgTestReports.Small("d2 /chosen/domU2 — dom0less")];
        string text = RenderToString(reports);
        XDocument doc = XDocument.Parse(text);
        string? dir = Environment.GetEnvironmentVariable("XER_SVG_OUT");
        if (dir is not null)
        {
            File.WriteAllText(Path.Combine(dir, "synthetic-boot.svg"), text);
        }

        var maps = doc.Root!.Elements(Ns + "g").Where(g => (string?)g.Attribute("class") == "map").ToList();
        Assert.Equal(reports.Select(r => r.Subject), maps.Select(m => (string)m.Attribute("data-subject")!));
        for (int i = 0; i < maps.Count; i++)
        {
            string title = maps[i].Descendants(Ns + "text").Single(t => (string?)t.Attribute("class") == "map-title").Value;
            Assert.StartsWith($"Extended regions for {reports[i].Subject}: ", title, StringComparison.Ordinal);
            Assert.Single(maps[i].Descendants(Ns + "g"), g => (string?)g.Attribute("data-layer") == "ExtendedRegion");
        }

        Assert.Single(doc.Descendants(Ns + "pattern"));
        IReadOnlyList<SvgMap> layout = SvgRenderer.Layout(reports);
        for (int i = 1; i < layout.Count; i++)
        {
            Assert.True(layout[i - 1].Top + layout[i - 1].Height <= layout[i].Top, $"map {i} starts inside map {i - 1}");
        }

        Assert.Equal(layout[^1].Top + layout[^1].Height, double.Parse((string)doc.Root.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture), 2);
        List<string> overlaps = SvgGeometry.Overlaps(layout.SelectMany(m => m.AllLabels()));
        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps.Take(20)));
    }

    [Fact]
    public void Render_of_one_report_is_RenderMany_of_that_report()
    {
        RegionReport report = SvgTestReports.Small("Dom0");
        var one = new StringWriter();
        SvgRenderer.Render(report, one);

        Assert.Equal(RenderToString([report]), one.ToString());
    }

    [Fact]
    public void The_same_reports_give_the_same_bytes()
    {
        string first = RenderToString([SvgTestReports.Dense(), SvgTestReports.Small("d1")]);
        string second = RenderToString([SvgTestReports.Dense(), SvgTestReports.Small("d1")]);

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_table_and_the_map_give_each_region_the_same_number()
    {
        RegionReport report = SvgTestReports.Dense();
        var table = new StringWriter();
        TableRenderer.Render(report, table);
        SvgMap map = SvgRenderer.Layout([report]).Single();

        // The table's rows are "  reg  xen#  start ...": the map's "reg[k]  start" must name the same start.
        var rows = table.ToString().Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 4 && int.TryParse(p[0], out _) && int.TryParse(p[1], out _) && p[2].StartsWith("0x", StringComparison.Ordinal))
            .ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[2]);
        Assert.Equal(30, rows.Count);
        foreach (SvgLabel entry in map.Labels.Where(l => l.Role == SvgLabelRole.ListEntry && l.RegIndex > 0))
        {
            Assert.StartsWith($"reg[{entry.RegIndex}]  {rows[entry.RegIndex!.Value]} ", entry.Text, StringComparison.Ordinal);
        }
    }

    internal static string RenderToString(IReadOnlyList<RegionReport> reports)
    {
        var w = new StringWriter();
        SvgRenderer.RenderMany(reports, w);
        return w.ToString();
    }
}
