using System;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The one mapping between device-tree bytes (node names, property names, string values) and .NET strings, lossless
/// both ways, as Python's "surrogateescape": valid UTF-8 decodes as usual, and each byte of an invalid sequence
/// decodes to the lone surrogate U+DC80 + (byte − 0x80), which encodes back to that byte. A blob may hold any bytes
/// (dtc keeps them), so decoding with replacement characters would make <c>ff fe</c> come back as
/// <c>ef bf bd ef bf bd</c> and make the siblings <c>n\x80</c> and <c>n\x81</c> one name.
/// </summary>
/// <remarks>
/// Decoding is one-to-one: a decoded string holds a lone U+DC80–U+DCFF only for a byte that is not part of valid
/// UTF-8, and valid UTF-8 never decodes to a lone surrogate, so equal strings mean equal bytes. The converse fails
/// only for strings no decoder makes (escapes of bytes that together are valid UTF-8, other lone surrogates):
/// <see cref="NameProblem"/> finds them so that names of the model stay one-to-one with their bytes.
/// </remarks>
internal static class EscapedUtf8
{
    /// <summary>The escape of byte 0x80; byte b (0x80–0xFF) is <c>(char)(0xDC00 + b)</c>.</summary>
    public const char FirstEscape = '\uDC80';

    /// <summary>The escape of byte 0xFF.</summary>
    public const char LastEscape = '\uDCFF';

    /// <summary>True for a character that stands for one raw byte 0x80–0xFF.</summary>
    public static bool IsEscape(char c) => c >= FirstEscape && c <= LastEscape;

    /// <summary>The byte an escape stands for.</summary>
    public static byte EscapedByte(char c) => (byte)(c - 0xDC00);

    /// <summary>Decodes <paramref name="length"/> bytes of <paramref name="blob"/> from <paramref name="start"/>.</summary>
    public static string Decode(byte[] blob, int start, int length)
    {
        // Valid UTF-8 (ASCII above all) goes to the framework's decoder, which is exact for it and fast.
        int bad = FirstInvalid(new ReadOnlySpan<byte>(blob, start, length));
        return bad < 0 ? Encoding.UTF8.GetString(blob, start, length) : DecodeEscaping(new ReadOnlySpan<byte>(blob, start, length), bad);
    }

    /// <summary>Decodes <paramref name="bytes"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        int bad = FirstInvalid(bytes);
        return bad < 0 ? Encoding.UTF8.GetString(bytes.ToArray()) : DecodeEscaping(bytes, bad);
    }

    /// <summary>The number of bytes <see cref="Encode(string, byte[], int)"/> writes for <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> holds a lone surrogate that is not a byte escape.</exception>
    public static int GetByteCount(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                count++;
            }
            else if (c < 0x800)
            {
                count += 2;
            }
            else if (c < 0xD800 || c > 0xDFFF)
            {
                count += 3;
            }
            else if (IsPairAt(text, i))
            {
                count += 4;
                i++;
            }
            else if (IsEscape(c))
            {
                count++;
            }
            else
            {
                throw LoneSurrogate(text, i);
            }
        }

        return count;
    }

    /// <summary>Writes the bytes of <paramref name="text"/> at <paramref name="at"/>; returns how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> holds a lone surrogate that is not a byte escape.</exception>
    public static int Encode(string text, byte[] destination, int at)
    {
        int start = at;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                destination[at++] = (byte)c;
            }
            else if (c < 0x800)
            {
                destination[at++] = (byte)(0xC0 | (c >> 6));
                destination[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (c < 0xD800 || c > 0xDFFF)
            {
                destination[at++] = (byte)(0xE0 | (c >> 12));
                destination[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (IsPairAt(text, i))
            {
                int scalar = char.ConvertToUtf32(c, text[i + 1]);
                destination[at++] = (byte)(0xF0 | (scalar >> 18));
                destination[at++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                destination[at++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                destination[at++] = (byte)(0x80 | (scalar & 0x3F));
                i++;
            }
            else if (IsEscape(c))
            {
                destination[at++] = EscapedByte(c);
            }
            else
            {
                throw LoneSurrogate(text, i);
            }
        }

        return at - start;
    }

    /// <summary>The bytes of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> holds a lone surrogate that is not a byte escape.</exception>
    public static byte[] Encode(string text)
    {
        var bytes = new byte[GetByteCount(text)];
        Encode(text, bytes, 0);
        return bytes;
    }

    /// <summary>
    /// Why <paramref name="name"/> is not a string that decoding bytes can give, or null when it is: a lone surrogate
    /// other than a byte escape has no bytes, and escapes of bytes that form valid UTF-8 (U+DCC3 U+DCA9 for é) would
    /// give a second name for the same bytes.
    /// </summary>
    public static string? NameProblem(string name)
    {
        int first = -1;
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsSurrogate(name[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return null;
        }

        for (int i = first; i < name.Length; i++)
        {
            char c = name[i];
            if (IsPairAt(name, i))
            {
                i++;
            }
            else if (char.IsSurrogate(c) && !IsEscape(c))
            {
                return FormattableString.Invariant($"it holds a lone surrogate U+{(int)c:X4} at index {i}, which stands for no bytes (only U+DC80-U+DCFF stand for the raw bytes 0x80-0xFF).");
            }
        }

        if (!string.Equals(Decode(Encode(name)), name, StringComparison.Ordinal))
        {
            return "its escapes U+DC80-U+DCFF stand for bytes that together are valid UTF-8; write those characters themselves, so that one name has one spelling.";
        }

        return null;
    }

    /// <summary>The index of the first byte that does not start a valid UTF-8 sequence, or -1 when all are valid.</summary>
    internal static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] < 0x80)
            {
                i++;
                continue;
            }

            int length = SequenceLength(bytes, i);
            if (length == 0)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>The length of the valid multi-byte sequence at <paramref name="i"/> (Unicode table 3-7), or 0.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> bytes, int i)
    {
        byte lead = bytes[i];
        int rest = bytes.Length - i - 1;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            return rest >= 1 && IsContinuation(bytes[i + 1]) ? 2 : 0;
        }

        if (lead >= 0xE0 && lead <= 0xEF)
        {
            if (rest < 2)
            {
                return 0;
            }

            // E0 needs A0-BF (no overlong forms), ED needs 80-9F (no surrogates).
            byte second = bytes[i + 1];
            bool secondOk = lead == 0xE0 ? second >= 0xA0 && second <= 0xBF : lead == 0xED ? second >= 0x80 && second <= 0x9F : IsContinuation(second);
            return secondOk && IsContinuation(bytes[i + 2]) ? 3 : 0;
        }

        if (lead >= 0xF0 && lead <= 0xF4)
        {
            if (rest < 3)
            {
                return 0;
            }

            // F0 needs 90-BF (no overlong forms), F4 needs 80-8F (nothing above U+10FFFF).
            byte second = bytes[i + 1];
            bool secondOk = lead == 0xF0 ? second >= 0x90 && second <= 0xBF : lead == 0xF4 ? second >= 0x80 && second <= 0x8F : IsContinuation(second);
            return secondOk && IsContinuation(bytes[i + 2]) && IsContinuation(bytes[i + 3]) ? 4 : 0;
        }

        return 0;
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private static string DecodeEscaping(ReadOnlySpan<byte> bytes, int firstBad)
    {
        // Bytes before firstBad are valid; they are decoded by the same loop, which is simpler than splitting.
        _ = firstBad;
        // Every byte gives at most one UTF-16 unit (a 4-byte sequence gives two), so the length is an upper bound.
        var chars = new char[bytes.Length];
        int n = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                chars[n++] = (char)b;
                i++;
                continue;
            }

            int length = SequenceLength(bytes, i);
            switch (length)
            {
                case 2:
                    chars[n++] = (char)(((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                    break;
                case 3:
                    chars[n++] = (char)(((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
                    break;
                case 4:
                {
                    int scalar = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3F) << 12) | ((bytes[i + 2] & 0x3F) << 6) | (bytes[i + 3] & 0x3F);
                    scalar -= 0x10000;
                    chars[n++] = (char)(0xD800 + (scalar >> 10));
                    chars[n++] = (char)(0xDC00 + (scalar & 0x3FF));
                    break;
                }

                default:
                    // Only this byte is escaped: a continuation byte never starts a sequence, so the bytes of a broken
                    // sequence are escaped one by one on the next turns.
                    chars[n++] = (char)(0xDC00 + b);
                    length = 1;
                    break;
            }

            i += length;
        }

        return new string(chars, 0, n);
    }

    private static ArgumentException LoneSurrogate(string text, int i) =>
        new(FormattableString.Invariant($"'{Printable(text)}' holds a lone surrogate U+{(int)text[i]:X4} at index {i}; only U+DC80-U+DCFF stand for raw bytes (0x80-0xFF)."));

    /// <summary>
    /// <paramref name="text"/> for messages that may show any character: only lone surrogates (which no output
    /// encoding can carry) change, byte escapes to <c>\xNN</c> and others to <c>\uNNNN</c>.
    /// </summary>
    public static string ForMessage(string text)
    {
        int first = 0;
        while (first < text.Length && !char.IsSurrogate(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var sb = new StringBuilder(text, 0, first, text.Length + 8);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (IsPairAt(text, i))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsEscape(c))
            {
                sb.Append("\\x").Append(((int)EscapedByte(c)).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> for messages: printable ASCII kept, byte escapes as <c>\xNN</c>, other characters
    /// outside printable ASCII (and the backslash) as <c>\xNN</c> or <c>\uNNNN</c>.
    /// </summary>
    public static string Printable(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 0x20 && c < 0x7f && c != '\\')
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            if (c == '\\')
            {
                sb.Append("\\\\");
            }
            else if (c < 0x80 || IsEscape(c))
            {
                sb.Append("\\x").Append(((int)(c < 0x80 ? c : EscapedByte(c))).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb?.ToString() ?? text;
    }
}
