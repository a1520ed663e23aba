using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Editing;

/// <summary>
/// A value type as fdtget and fdtput take it with <c>-t</c>: <c>s</c> string, <c>i</c> signed, <c>u</c> unsigned,
/// <c>x</c> hex, after an optional size prefix <c>hh</c> or <c>b</c> (1 byte), <c>h</c> (2), <c>l</c> (4, the default);
/// no <c>-t</c> means "guess" when printing and decimal when parsing, as they do.
/// </summary>
internal readonly record struct FdtValueType(char Letter, int Size)
{
    /// <summary>No -t: fdtget guesses strings, else prints 4-byte cells (or bytes) in decimal; fdtput reads decimal.</summary>
    public static FdtValueType Default => new('\0', -1);

    /// <summary>Parses a -t argument with utilfdt_decode_type's rules; false for a type the tools refuse.</summary>
    public static bool TryParse(string text, out FdtValueType type)
    {
        type = Default;
        int i = 0;
        char qualifier = '\0';
        if (i < text.Length && "hlLb".Contains(text[i], StringComparison.Ordinal))
        {
            qualifier = text[i++];
            if (i < text.Length && text[i] == qualifier)
            {
                i++;
                if (qualifier == 'h')
                {
                    qualifier = 'b'; // hh: a byte, as in printf
                }
            }
        }

        if (i != text.Length - 1 || !"iuxs".Contains(text[i], StringComparison.Ordinal))
        {
            return false;
        }

        char letter = text[i];
        int size = letter == 's' ? -1 : qualifier switch { 'b' => 1, 'h' => 2, 'l' => 4, _ => -1 };
        type = new FdtValueType(letter, size);
        return true;
    }

    /// <summary>
    /// The value as fdtget prints it: strings separated by spaces, or numbers of the chosen size (by default 4 bytes
    /// when the length allows, else 1) in decimal, signed for 4-byte cells as fdtget's int does. Null and a reason when
    /// fdtget refuses it (unterminated string, length not a multiple of the size).
    /// </summary>
    public string? Format(ReadOnlySpan<byte> value, out string? error)
    {
        error = null;
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (Letter == 's' || (Letter == '\0' && IsPrintableStringList(value)))
        {
            if (value[^1] != 0)
            {
                error = "is not a NUL-terminated string";
                return null;
            }

            // Decoded as the library decodes strings, so bytes that are not UTF-8 go out as the same bytes (RawByteUtf8Encoding), as fdtget prints them.
            return string.Join(" ", new DeviceTreeProperty("value", value).GetStringList());
        }

        int size = Size == -1 ? (value.Length % 4 == 0 ? 4 : 1) : Size;
        if (value.Length % size != 0)
        {
            error = FormattableString.Invariant($"is {value.Length} bytes long, not a multiple of the {size}-byte size asked for");
            return null;
        }

        var text = new StringBuilder();
        for (int at = 0; at < value.Length; at += size)
        {
            uint raw = size switch
            {
                4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(value.Slice(at, 4)),
                2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(value.Slice(at, 2)),
                _ => value[at],
            };
            text.Append(at == 0 ? string.Empty : " ").Append(Letter switch
            {
                'x' => raw.ToString("x", CultureInfo.InvariantCulture),
                'u' => raw.ToString(CultureInfo.InvariantCulture),
                _ => ((int)raw).ToString(CultureInfo.InvariantCulture),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// Joins <paramref name="arguments"/> into one value as fdtput does: strings NUL-terminated one after another, or
    /// numbers big-endian of the chosen size (4 by default). Unlike fdtput a number must be whole and in range: the
    /// error names it instead of storing what a partial scan left.
    /// </summary>
    public byte[]? Encode(IReadOnlyList<string> arguments, out string? error)
    {
        error = null;
        var bytes = new List<byte>();
        foreach (string argument in arguments)
        {
            if (Letter == 's')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(argument));
                bytes.Add(0);
                continue;
            }

            int size = Size == -1 ? 4 : Size;
            if (!TryParseNumber(argument, size, out ulong number, out error))
            {
                return null;
            }

            for (int shift = (size - 1) * 8; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)(number >> shift));
            }
        }

        return bytes.ToArray();
    }

    /// <summary>How this type reads numbers, for messages.</summary>
    private string NumberForm => Letter switch
    {
        'x' => "a hex number (-t x)",
        'u' => "an unsigned decimal number (-t u)",
        'i' => "a number (-t i: decimal, 0x… hex or 0… octal)",
        _ => "a decimal number (the default type; -t x or -t i for hex, -t s for strings)",
    };

    private bool TryParseNumber(string text, int size, out ulong value, out string? error)
    {
        value = 0;
        error = null;
        bool signed = Letter is '\0' or 'i';
        string digits = text;
        bool negative = false;
        if (signed && digits.Length > 0 && (digits[0] == '-' || digits[0] == '+'))
        {
            negative = digits[0] == '-';
            digits = digits.Substring(1);
        }

        int radix = 10;
        if (Letter == 'x')
        {
            radix = 16;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                digits = digits.Substring(2);
            }
        }
        else if (Letter == 'i' && digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits.Substring(2);
        }
        else if (Letter == 'i' && digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
        }

        ulong limit = size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;
        ulong magnitude = 0;
        bool wellFormed = digits.Length > 0;
        bool tooLarge = false;
        foreach (char c in digits)
        {
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix)
            {
                wellFormed = false;
                break;
            }

            if (magnitude > (limit - (ulong)d) / (ulong)radix)
            {
                tooLarge = true;
            }
            else
            {
                magnitude = (magnitude * (ulong)radix) + (ulong)d;
            }
        }

        if (!wellFormed)
        {
            error = $"VALUE: '{text}' is not {NumberForm}";
            return false;
        }

        if (tooLarge)
        {
            error = FormattableString.Invariant($"VALUE: '{text}' does not fit in {size} byte{(size == 1 ? string.Empty : "s")}");
            return false;
        }

        if (negative)
        {
            ulong half = 1UL << ((size * 8) - 1);
            if (magnitude > half)
            {
                error = FormattableString.Invariant($"VALUE: '{text}' does not fit in {size} byte{(size == 1 ? string.Empty : "s")}");
                return false;
            }

            magnitude = (0 - magnitude) & limit; // two's complement, as fdtput stores a negative int
        }

        value = magnitude;
        return true;
    }

    /// <summary>util_is_printable_string: NUL-terminated, non-empty printable ASCII strings only.</summary>
    private static bool IsPrintableStringList(ReadOnlySpan<byte> value)
    {
        if (value[^1] != 0)
        {
            return false;
        }

        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == 0)
            {
                if (i == start)
                {
                    return false;
                }

                start = i + 1;
            }
            else if (value[i] < 0x20 || value[i] > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
