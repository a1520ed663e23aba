using System.Globalization;
using System.Text;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Names for JSON output. JSON text is UTF-8, and the JSON writer would put U+FFFD for each lone surrogate (how the
/// library reads a byte that is not valid UTF-8), printing <c>n\x80</c> and <c>n\x81</c> alike; such a byte is
/// spelled <c>\xNN</c> instead (as dtc escapes bytes), any other lone surrogate <c>\uNNNN</c>.
/// </summary>
internal static class JsonText
{
    /// <summary><paramref name="text"/> with lone surrogates spelled out.</summary>
    public static string Escape(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (!char.IsSurrogate(c) || pair)
            {
                sb?.Append(c);
                if (pair)
                {
                    sb?.Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            sb.Append(c is >= '\uDC80' and <= '\uDCFF'
                ? "\\x" + (c - 0xDC00).ToString("x2", CultureInfo.InvariantCulture)
                : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return sb?.ToString() ?? text;
    }
}
