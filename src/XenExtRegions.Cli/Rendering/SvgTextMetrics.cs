using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The two font stacks of the map.</summary>
internal enum SvgFont
{
    /// <summary>Headings, legend and sentences.</summary>
    Sans,

    /// <summary>Addresses, numbers and anything whose box must be known exactly (every monospace font is about 0.6 em wide).</summary>
    Mono,
}

/// <summary>
/// Estimates how wide a text is drawn, without a font file, so the layout can keep labels apart. Monospace is
/// near exact; the sans estimate errs wide (DejaVu Sans advance widths rounded up), so a box is never smaller than
/// the glyphs.
/// </summary>
internal static class SvgTextMetrics
{
    public const string SansFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";
    public const string MonoFamily = "DejaVu Sans Mono, Menlo, Consolas, monospace";

    /// <summary>Height above the baseline, in em, that a box reserves (cap height plus accents).</summary>
    public const double Ascent = 0.8;

    /// <summary>Depth below the baseline, in em (descenders).</summary>
    public const double Descent = 0.24;

    private const double MonoAdvance = 0.61;

    public static double Width(string text, double fontSize, SvgFont font, bool bold)
    {
        double em = 0;
        foreach (char c in text)
        {
            em += font == SvgFont.Mono ? MonoEm(c) : SansEm(c);
        }

        double boldFactor = bold ? (font == SvgFont.Mono ? 1.0 : 1.12) : 1.0;
        return em * fontSize * boldFactor;
    }

    /// <summary>The longest prefix of <paramref name="text"/> that fits, ending in "…" when cut.</summary>
    public static string Fit(string text, double maxWidth, double fontSize, SvgFont font, bool bold)
    {
        if (Width(text, fontSize, font, bold) <= maxWidth)
        {
            return text;
        }

        double budget = maxWidth - Width("…", fontSize, font, bold);
        double used = 0;
        int keep = 0;
        while (keep < text.Length)
        {
            double next = Width(text[keep].ToString(), fontSize, font, bold);
            if (used + next > budget)
            {
                break;
            }

            used += next;
            keep++;
        }

        return keep == 0 ? string.Empty : string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
    }

    /// <summary>Breaks a sentence at spaces (or anywhere, for one over-long word) into lines no wider than <paramref name="maxWidth"/>.</summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize, SvgFont font, bool bold)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        double lineWidth = 0;
        double space = Width(" ", fontSize, font, bold);
        foreach (string word in text.Split(' '))
        {
            double wordWidth = Width(word, fontSize, font, bold);
            if (line.Length > 0 && lineWidth + space + wordWidth <= maxWidth)
            {
                line.Append(' ').Append(word);
                lineWidth += space + wordWidth;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                lineWidth = 0;
            }

            // A word wider than a line is cut where it no longer fits.
            foreach (char c in word)
            {
                double w = Width(c.ToString(), fontSize, font, bold);
                if (line.Length > 0 && lineWidth + w > maxWidth)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                line.Append(c);
                lineWidth += w;
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    private static double MonoEm(char c) =>
        c < 0x250 || c is '→' or '…' or '–' or '—' or '·' ? MonoAdvance : 1.0;

    private static double SansEm(char c) => c switch
    {
        ' ' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'i' or 'j' or 'l' or 'I' or '·' => 0.34,
        'f' or 't' or 'r' or '/' or '-' or '(' or ')' or '[' or ']' or '{' or '}' => 0.43,
        'm' or 'M' or '%' => 1.0,
        'w' or 'W' or '@' or '—' or '…' => 1.02,
        '#' or '=' or '<' or '>' or '+' or '~' or '→' or '&' => 0.86,
        >= 'A' and <= 'Z' => 0.78,
        >= 'a' and <= 'z' or >= '0' and <= '9' => 0.66,
        < (char)0x80 => 0.6,
        _ => 1.05,
    };
}
