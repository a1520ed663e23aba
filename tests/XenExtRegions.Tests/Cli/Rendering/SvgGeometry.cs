using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>
/// Overlap of two label boxes by the separating-axis test on their (possibly rotated) corners: deliberately not
/// the layout's own rules (row cursors, spacing by sin 45°), so a wrong rule there shows up here.
/// </summary>
internal static class SvgGeometry
{
    /// <summary>True when the boxes share an area wider than <paramref name="tolerance"/> pixels on every axis.</summary>
    public static bool Overlap(SvgLabel a, SvgLabel b, double tolerance = 0.05)
    {
        IReadOnlyList<(double X, double Y)> pa = a.Corners();
        IReadOnlyList<(double X, double Y)> pb = b.Corners();
        foreach ((double X, double Y) axis in Axes(pa).Concat(Axes(pb)))
        {
            (double minA, double maxA) = Project(pa, axis);
            (double minB, double maxB) = Project(pb, axis);
            if (maxA - tolerance <= minB || maxB - tolerance <= minA)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every pair of overlapping labels, described for a failure message.</summary>
    public static List<string> Overlaps(IEnumerable<SvgLabel> labels)
    {
        var all = labels.Where(l => l.Text.Length > 0).ToList();
        var found = new List<string>();
        for (int i = 0; i < all.Count; i++)
        {
            for (int j = i + 1; j < all.Count; j++)
            {
                if (Overlap(all[i], all[j]))
                {
                    found.Add($"{all[i].Role} '{all[i].Text}' at ({all[i].X:0.#},{all[i].Y:0.#}) overlaps {all[j].Role} '{all[j].Text}' at ({all[j].X:0.#},{all[j].Y:0.#})");
                }
            }
        }

        return found;
    }

    private static IEnumerable<(double X, double Y)> Axes(IReadOnlyList<(double X, double Y)> p)
    {
        for (int i = 0; i < 2; i++)
        {
            double dx = p[i + 1].X - p[i].X;
            double dy = p[i + 1].Y - p[i].Y;
            double len = Math.Sqrt((dx * dx) + (dy * dy));
            if (len > 0)
            {
                yield return (-dy / len, dx / len);
            }
        }
    }

    private static (double Min, double Max) Project(IReadOnlyList<(double X, double Y)> p, (double X, double Y) axis)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach ((double x, double y) in p)
        {
            double d = (x * axis.X) + (y * axis.Y);
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        return (min, max);
    }
}
