using System;
using System.Globalization;
using System.Text;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// The CLI's text output encoding: UTF-8 without a byte order mark, except that each lone surrogate U+DC80–U+DCFF
/// (how the library reads a byte of a name or string that is not valid UTF-8) is written as that raw byte, so
/// <c>dt get</c> prints a string's bytes as fdtget does and names print as dtc prints them. Any other lone
/// surrogate, which stands for no byte, is written as the text <c>\uNNNN</c>.
/// </summary>
internal sealed class RawByteUtf8Encoding : Encoding
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    private RawByteUtf8Encoding()
    {
    }

    /// <summary>The one instance.</summary>
    public static RawByteUtf8Encoding Instance { get; } = new();

    /// <inheritdoc/>
    public override int GetByteCount(char[] chars, int index, int count)
    {
        char pending = '\0';
        return Transcode(chars, index, count, null, 0, ref pending, flush: true);
    }

    /// <inheritdoc/>
    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        char pending = '\0';
        return Transcode(chars, charIndex, charCount, bytes, byteIndex, ref pending, flush: true);
    }

    /// <inheritdoc/>
    public override int GetCharCount(byte[] bytes, int index, int count) => Utf8.GetCharCount(bytes, index, count);

    /// <inheritdoc/>
    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) => Utf8.GetChars(bytes, byteIndex, byteCount, chars, charIndex);

    /// <inheritdoc/>
    public override int GetMaxByteCount(int charCount) => (charCount + 1) * 6;

    /// <inheritdoc/>
    public override int GetMaxCharCount(int byteCount) => byteCount + 1;

    /// <inheritdoc/>
    public override byte[] GetPreamble() => Array.Empty<byte>();

    /// <inheritdoc/>
    public override Encoder GetEncoder() => new PairKeepingEncoder();

    /// <summary>Encodes; <paramref name="bytes"/> null only counts. A high surrogate ending a chunk waits in <paramref name="pending"/> unless <paramref name="flush"/>.</summary>
    private static int Transcode(char[] chars, int index, int count, byte[]? bytes, int at, ref char pending, bool flush)
    {
        int start = at;
        int end = index + count;
        for (int i = index; i < end; i++)
        {
            char c = chars[i];
            if (pending != '\0')
            {
                char high = pending;
                pending = '\0';
                if (char.IsLowSurrogate(c))
                {
                    at = Put(bytes, at, char.ConvertToUtf32(high, c));
                    continue;
                }

                at = PutText(bytes, at, high);
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < end && char.IsLowSurrogate(chars[i + 1]))
                {
                    at = Put(bytes, at, char.ConvertToUtf32(c, chars[++i]));
                }
                else if (i + 1 == end && !flush)
                {
                    pending = c;
                }
                else
                {
                    at = PutText(bytes, at, c);
                }
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                at = PutByte(bytes, at, (byte)(c - 0xDC00));
            }
            else if (char.IsLowSurrogate(c))
            {
                at = PutText(bytes, at, c);
            }
            else
            {
                at = Put(bytes, at, c);
            }
        }

        if (flush && pending != '\0')
        {
            at = PutText(bytes, at, pending);
            pending = '\0';
        }

        return at - start;
    }

    private static int PutByte(byte[]? bytes, int at, byte b)
    {
        if (bytes is not null)
        {
            bytes[at] = b;
        }

        return at + 1;
    }

    private static int Put(byte[]? bytes, int at, int scalar)
    {
        if (scalar < 0x80)
        {
            return PutByte(bytes, at, (byte)scalar);
        }

        if (scalar < 0x800)
        {
            at = PutByte(bytes, at, (byte)(0xC0 | (scalar >> 6)));
        }
        else
        {
            if (scalar < 0x10000)
            {
                at = PutByte(bytes, at, (byte)(0xE0 | (scalar >> 12)));
            }
            else
            {
                at = PutByte(bytes, at, (byte)(0xF0 | (scalar >> 18)));
                at = PutByte(bytes, at, (byte)(0x80 | ((scalar >> 12) & 0x3F)));
            }

            at = PutByte(bytes, at, (byte)(0x80 | ((scalar >> 6) & 0x3F)));
        }

        return PutByte(bytes, at, (byte)(0x80 | (scalar & 0x3F)));
    }

    private static int PutText(byte[]? bytes, int at, char lone)
    {
        foreach (char c in "\\u" + ((int)lone).ToString("x4", CultureInfo.InvariantCulture))
        {
            at = PutByte(bytes, at, (byte)c);
        }

        return at;
    }

    /// <summary>Keeps a high surrogate that ends one buffer for the low one that starts the next (StreamWriter flushes anywhere).</summary>
    private sealed class PairKeepingEncoder : Encoder
    {
        private char _pending;

        public override int GetByteCount(char[] chars, int index, int count, bool flush)
        {
            char pending = _pending;
            return Transcode(chars, index, count, null, 0, ref pending, flush);
        }

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex, bool flush) =>
            Transcode(chars, charIndex, charCount, bytes, byteIndex, ref _pending, flush);

        public override void Reset() => _pending = '\0';
    }
}
