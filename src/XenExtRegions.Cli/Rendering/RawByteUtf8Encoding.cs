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
    public override int GetByteCount(char[] chars, int index, int count) => GetByteCount(chars.AsSpan(index, count));

    /// <inheritdoc/>
    public override int GetByteCount(string s) => GetByteCount(s.AsSpan());

    /// <inheritdoc/>
    public override int GetByteCount(ReadOnlySpan<char> chars)
    {
        char pending = '\0';
        return Transcode(chars, Span<byte>.Empty, count: true, ref pending, flush: true);
    }

    /// <inheritdoc/>
    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        GetBytes(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex));

    /// <inheritdoc/>
    public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        GetBytes(s.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex));

    /// <inheritdoc/>
    public override int GetBytes(ReadOnlySpan<char> chars, Span<byte> bytes)
    {
        char pending = '\0';
        return Transcode(chars, bytes, count: false, ref pending, flush: true);
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

    /// <summary>
    /// Encodes into <paramref name="bytes"/>, or only counts when <paramref name="count"/>. A high surrogate ending a
    /// chunk waits in <paramref name="pending"/> unless <paramref name="flush"/>. Text without surrogates, nearly all
    /// of it, goes through the framework's UTF-8 encoder a run at a time (the same bytes, vectorised).
    /// </summary>
    private static int Transcode(ReadOnlySpan<char> chars, Span<byte> bytes, bool count, ref char pending, bool flush)
    {
        int at = 0;
        int i = 0;
        while (i < chars.Length)
        {
            if (pending == '\0')
            {
                int run = chars[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
                if (run < 0)
                {
                    run = chars.Length - i;
                }

                if (run > 0)
                {
                    ReadOnlySpan<char> plain = chars.Slice(i, run);
                    at += count ? Utf8.GetByteCount(plain) : Utf8.GetBytes(plain, bytes[at..]);
                    i += run;
                    continue;
                }
            }

            char c = chars[i++];
            if (pending != '\0')
            {
                char high = pending;
                pending = '\0';
                if (char.IsLowSurrogate(c))
                {
                    at = Put(bytes, count, at, char.ConvertToUtf32(high, c));
                    continue;
                }

                at = PutText(bytes, count, at, high);
            }

            if (char.IsHighSurrogate(c))
            {
                if (i < chars.Length && char.IsLowSurrogate(chars[i]))
                {
                    at = Put(bytes, count, at, char.ConvertToUtf32(c, chars[i++]));
                }
                else if (i == chars.Length && !flush)
                {
                    pending = c;
                }
                else
                {
                    at = PutText(bytes, count, at, c);
                }
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                at = PutByte(bytes, count, at, (byte)(c - 0xDC00));
            }
            else if (char.IsLowSurrogate(c))
            {
                at = PutText(bytes, count, at, c);
            }
            else
            {
                at = Put(bytes, count, at, c);
            }
        }

        if (flush && pending != '\0')
        {
            at = PutText(bytes, count, at, pending);
            pending = '\0';
        }

        return at;
    }

    private static int PutByte(Span<byte> bytes, bool count, int at, byte b)
    {
        if (!count)
        {
            bytes[at] = b;
        }

        return at + 1;
    }

    private static int Put(Span<byte> bytes, bool count, int at, int scalar)
    {
        if (scalar < 0x80)
        {
            return PutByte(bytes, count, at, (byte)scalar);
        }

        if (scalar < 0x800)
        {
            at = PutByte(bytes, count, at, (byte)(0xC0 | (scalar >> 6)));
        }
        else
        {
            if (scalar < 0x10000)
            {
                at = PutByte(bytes, count, at, (byte)(0xE0 | (scalar >> 12)));
            }
            else
            {
                at = PutByte(bytes, count, at, (byte)(0xF0 | (scalar >> 18)));
                at = PutByte(bytes, count, at, (byte)(0x80 | ((scalar >> 12) & 0x3F)));
            }

            at = PutByte(bytes, count, at, (byte)(0x80 | ((scalar >> 6) & 0x3F)));
        }

        return PutByte(bytes, count, at, (byte)(0x80 | (scalar & 0x3F)));
    }

    private static int PutText(Span<byte> bytes, bool count, int at, char lone)
    {
        foreach (char c in "\\u" + ((int)lone).ToString("x4", CultureInfo.InvariantCulture))
        {
            at = PutByte(bytes, count, at, (byte)c);
        }

        return at;
    }

    /// <summary>Keeps a high surrogate that ends one buffer for the low one that starts the next (StreamWriter flushes anywhere).</summary>
    private sealed class PairKeepingEncoder : Encoder
    {
        private char _pending;

        public override int GetByteCount(char[] chars, int index, int count, bool flush) => GetByteCount(chars.AsSpan(index, count), flush);

        public override int GetByteCount(ReadOnlySpan<char> chars, bool flush)
        {
            char pending = _pending;
            return Transcode(chars, Span<byte>.Empty, count: true, ref pending, flush);
        }

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex, bool flush) =>
            GetBytes(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex), flush);

        public override int GetBytes(ReadOnlySpan<char> chars, Span<byte> bytes, bool flush) =>
            Transcode(chars, bytes, count: false, ref _pending, flush);

        public override void Reset() => _pending = '\0';
    }
}
