using System.Globalization;
using System.Text;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// How the CLI prints names and strings holding bytes that are not valid UTF-8. The library reads each such byte as
/// the lone surrogate U+DC80 + (byte − 0x80); no output encoding can carry that, and the framework's default
/// (U+FFFD) would print the siblings <c>n\x80</c> and <c>n\x81</c> alike. Printed text spells such a byte as
/// <c>\xNN</c>, as dtc escapes bytes, and any other lone surrogate as <c>\uNNNN</c>.
/// </summary>
internal sealed class ByteEscapeFallback : EncoderFallback
{
    /// <summary>UTF-8 without a byte order mark, with this fallback: for standard output, standard error and text files.</summary>
    public static Encoding Utf8 { get; } = CreateUtf8();

    /// <inheritdoc/>
    public override int MaxCharCount => 6;

    /// <inheritdoc/>
    public override EncoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    /// <summary><paramref name="text"/> with lone surrogates spelled out (for JSON, whose writer would put U+FFFD there).</summary>
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
            sb.Append(Spell(c));
        }

        return sb?.ToString() ?? text;
    }

    private static string Spell(char c) => c is >= '\uDC80' and <= '\uDCFF'
        ? "\\x" + (c - 0xDC00).ToString("x2", CultureInfo.InvariantCulture)
        : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    private static Encoding CreateUtf8()
    {
        var encoding = (Encoding)new UTF8Encoding(false).Clone();
        encoding.EncoderFallback = new ByteEscapeFallback();
        return encoding;
    }

    private sealed class Buffer : EncoderFallbackBuffer
    {
        private string _text = string.Empty;
        private int _at;

        public override int Remaining => _text.Length - _at;

        public override bool Fallback(char charUnknown, int index)
        {
            _text = Spell(charUnknown);
            _at = 0;
            return true;
        }

        // Only a valid pair reaches the encoder as a pair, and UTF-8 encodes every one; kept for completeness.
        public override bool Fallback(char charUnknownHigh, char charUnknownLow, int index)
        {
            _text = Spell(charUnknownHigh) + Spell(charUnknownLow);
            _at = 0;
            return true;
        }

        public override char GetNextChar() => _at < _text.Length ? _text[_at++] : '\0';

        public override bool MovePrevious()
        {
            if (_at == 0)
            {
                return false;
            }

            _at--;
            return true;
        }

        public override void Reset()
        {
            _text = string.Empty;
            _at = 0;
        }
    }
}
