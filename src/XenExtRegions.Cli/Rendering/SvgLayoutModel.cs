using System;
using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.Cli.Rendering;

/// <summary>What a text of the map is for (tests find region numbers and list entries by it).</summary>
internal enum SvgLabelRole
{
    Title,
    Subtitle,
    Legend,
    LaneName,
    BarLabel,
    RegionNumber,
    GroupMarker,
    AxisLabel,
    ListHeading,
    ListEntry,
    Footnote,
    Warning,
    Note,
}

/// <summary>Where the anchor point sits on the text, as SVG's text-anchor.</summary>
internal enum SvgAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// One text as laid out: anchor point, font, rotation (degrees, SVG's clockwise sense) and the width the layout
/// reserved for it. <see cref="Corners"/> is the box the layout promises nothing else enters.
/// </summary>
internal sealed record SvgLabel
{
    public SvgLabel(SvgLabelRole role, string text, double x, double y, double fontSize, SvgFont font = SvgFont.Sans, bool bold = false, SvgAnchor anchor = SvgAnchor.Start)
    {
        Role = role;
        Text = text;
        X = x;
        Y = y;
        FontSize = fontSize;
        Font = font;
        Bold = bold;
        Anchor = anchor;
        Width = SvgTextMetrics.Width(text, fontSize, font, bold);
    }

    public SvgLabelRole Role { get; }

    public string Text { get; }

    public double X { get; }

    /// <summary>The baseline.</summary>
    public double Y { get; }

    public double FontSize { get; }

    public SvgFont Font { get; }

    public bool Bold { get; }

    public SvgAnchor Anchor { get; }

    public double Width { get; }

    public double Rotation { get; init; }

    /// <summary>For <see cref="SvgLabelRole.RegionNumber"/> and region list entries: the /hypervisor reg index.</summary>
    public int? RegIndex { get; init; }

    public string? Fill { get; init; }

    /// <summary>Left edge before rotation.</summary>
    public double Left => Anchor switch
    {
        SvgAnchor.Middle => X - (Width / 2),
        SvgAnchor.End => X - Width,
        _ => X,
    };

    /// <summary>The four corners of the text's box, rotated about the anchor like the drawn text.</summary>
    public IReadOnlyList<(double X, double Y)> Corners()
    {
        double top = Y - (SvgTextMetrics.Ascent * FontSize);
        double bottom = Y + (SvgTextMetrics.Descent * FontSize);
        (double X, double Y)[] box = [(Left, top), (Left + Width, top), (Left + Width, bottom), (Left, bottom)];
        if (Rotation == 0)
        {
            return box;
        }

        double rad = Rotation * Math.PI / 180;
        double cos = Math.Cos(rad);
        double sin = Math.Sin(rad);
        return box.Select(p => (X + ((p.X - X) * cos) - ((p.Y - Y) * sin), Y + ((p.X - X) * sin) + ((p.Y - Y) * cos))).ToArray();
    }
}

/// <summary>A straight line: a tick, a guide, or a leader from a bar to its number.</summary>
internal sealed record SvgLine(double X1, double Y1, double X2, double Y2);

/// <summary>A small colour square: in the legend, or before a list entry.</summary>
internal sealed record SvgSwatch(double X, double Y, double Size, MapLayer Layer);

/// <summary>A stretch of the axis nothing describes, hatched.</summary>
internal sealed record SvgGap(double X, double Y, double Width, double Height, string Title);

/// <summary>
/// One drawn bar: a single range, or several adjacent ranges of one lane merged because they are too close to draw
/// apart (<see cref="Members"/> holds them all; the hover title lists them with exact bounds).
/// </summary>
internal sealed record SvgBar(MapLayer Layer, double X, double Y, double Width, double Height, string Title, IReadOnlyList<MapItem> Members)
{
    /// <summary>For an extended region: its /hypervisor reg index (1 for Xen's extended region 0).</summary>
    public int? RegIndex { get; init; }

    /// <summary>The footnote letter of a merged bar whose label did not fit on it.</summary>
    public string? Marker { get; set; }

    public List<SvgLabel> Labels { get; } = [];

    public List<SvgLine> Leaders { get; } = [];
}

/// <summary>One lane: a kind of fact, its background band and its bars.</summary>
internal sealed record SvgLane(MapLayer Layer, string Name, double Y, double Height)
{
    public List<SvgBar> Bars { get; } = [];
}

/// <summary>A merged bar whose label is listed under the map, by its letter.</summary>
internal sealed record SvgFootnote(string Marker, SvgBar Bar);

/// <summary>
/// The whole layout of one map, in absolute coordinates of the document: what the writer draws, and what tests
/// check (no two labels overlap, every region numbered once) without a browser.
/// </summary>
internal sealed class SvgMap
{
    public required string Subject { get; init; }

    public required double Top { get; init; }

    public double Height { get; set; }

    public double PlotLeft { get; init; }

    public double PlotRight { get; init; }

    public double AxisY { get; set; }

    public double LanesTop { get; set; }

    public List<SvgLane> Lanes { get; } = [];

    /// <summary>Texts not attached to a bar (headings, legend, lane names, axis, lists, warnings).</summary>
    public List<SvgLabel> Labels { get; } = [];

    public List<SvgSwatch> Swatches { get; } = [];

    public List<SvgLine> Ticks { get; } = [];

    public List<SvgLine> Guides { get; } = [];

    public List<SvgGap> Gaps { get; } = [];

    public List<SvgFootnote> Footnotes { get; } = [];

    /// <summary>Every text of the map, the bars' included.</summary>
    public IEnumerable<SvgLabel> AllLabels() =>
        Labels.Concat(Lanes.SelectMany(l => l.Bars).SelectMany(b => b.Labels));
}
