using System;
using System.Globalization;

namespace XenExtRegions.Diagnostics;

/// <summary>
/// Parses and prints addresses and sizes the way people write them on a command line or in a configuration:
/// hexadecimal (<c>0x48000000</c>), decimal (<c>1024</c>), or with a binary suffix (<c>512M</c>, <c>4G</c>).
/// </summary>
/// <remarks>
/// Suffixes are powers of 1024: <c>K</c> = 2^10, <c>M</c> = 2^20, <c>G</c> = 2^30, <c>T</c> = 2^40; they are
/// case-insensitive and may be followed by <c>B</c> or <c>iB</c> (<c>512MiB</c>). Underscores between digits
/// are ignored (<c>0x4800_0000</c>). Every value must fit 64 bits: an overflow is an error, never a wrap.
/// </remarks>
public static class AddressText
{
    /// <summary>Parses a number: hexadecimal with <c>0x</c>, decimal, optionally with a K/M/G/T suffix.</summary>
    /// <param name="text">The text, e.g. <c>0x48000000</c>, <c>512M</c>, <c>4096</c>.</param>
    /// <param name="value">The value, when the method returns true.</param>
    /// <param name="error">Why the text is not a number, when the method returns false.</param>
    /// <returns>True when <paramref name="text"/> is a number that fits 64 bits.</returns>
    public static bool TryParseNumber(string? text, out ulong value, out string? error)
    {
        value = 0;
        error = null;
        string s = (text ?? string.Empty).Trim().Replace("_", string.Empty);
        if (s.Length == 0)
        {
            error = "an empty value is not a number";
            return false;
        }

        int shift = 0;
        string digits = s;
        bool hex = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!hex)
        {
            // Only decimal numbers take a suffix: in hex, B would be a digit (0x1B).
            digits = StripSuffix(s, out shift);
        }
        else
        {
            digits = s.Substring(2);
        }

        if (digits.Length == 0)
        {
            error = FormattableString.Invariant($"'{text}' has no digits");
            return false;
        }

        ulong number = 0;
        foreach (char c in digits)
        {
            int digit = hex ? HexDigit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
            if (digit < 0)
            {
                error = hex
                    ? FormattableString.Invariant($"'{text}' is not a hexadecimal number ('{c}' is not a hex digit)")
                    : FormattableString.Invariant($"'{text}' is not a number (use 0x… for hexadecimal, or a K/M/G/T suffix)");
                return false;
            }

            ulong radix = hex ? 16UL : 10UL;
            if (number > (ulong.MaxValue - (ulong)digit) / radix)
            {
                error = FormattableString.Invariant($"'{text}' does not fit 64 bits");
                return false;
            }

            number = (number * radix) + (ulong)digit;
        }

        if (shift != 0 && number > ulong.MaxValue >> shift)
        {
            error = FormattableString.Invariant($"'{text}' does not fit 64 bits");
            return false;
        }

        value = number << shift;
        return true;
    }

    /// <summary>Parses a number as <see cref="TryParseNumber"/> does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The text is not a number or does not fit 64 bits.</exception>
    public static ulong ParseNumber(string text) =>
        TryParseNumber(text, out ulong value, out string? error) ? value : throw new FormatException(error);

    /// <summary>
    /// Parses a <c>START:SIZE</c> pair (each part a number as <see cref="TryParseNumber"/> accepts), e.g.
    /// <c>0x60000000:256M</c>. The size must not be 0 and the range must end at or below <c>2^64</c>.
    /// </summary>
    /// <param name="text">The pair.</param>
    /// <param name="start">The start, when the method returns true.</param>
    /// <param name="size">The size, when the method returns true.</param>
    /// <param name="error">Why the text is not a valid pair, when the method returns false.</param>
    /// <returns>True for a valid, non-empty, non-wrapping pair.</returns>
    public static bool TryParseStartSize(string? text, out ulong start, out ulong size, out string? error)
    {
        start = 0;
        size = 0;
        string s = (text ?? string.Empty).Trim();
        int colon = s.IndexOf(':');
        if (colon < 0 || colon != s.LastIndexOf(':'))
        {
            error = FormattableString.Invariant($"'{text}' is not START:SIZE (for example 0x60000000:256M)");
            return false;
        }

        if (!TryParseNumber(s.Substring(0, colon), out start, out error))
        {
            error = "start: " + error;
            return false;
        }

        if (!TryParseNumber(s.Substring(colon + 1), out size, out error))
        {
            error = "size: " + error;
            return false;
        }

        if (size == 0)
        {
            error = FormattableString.Invariant($"'{text}' has size 0");
            return false;
        }

        if (size - 1 > ulong.MaxValue - start)
        {
            error = FormattableString.Invariant($"'{text}' runs past the end of the 64-bit address space");
            return false;
        }

        return true;
    }

    /// <summary>Prints a value as lower-case hexadecimal with a <c>0x</c> prefix (<c>0x48000000</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The hexadecimal text.</returns>
    public static string ToHex(ulong value) => FormattableString.Invariant($"0x{value:x}");

    /// <summary>
    /// Prints a size for people: exact binary units when the size is a whole number of them (<c>192 MiB</c>,
    /// <c>2 GiB</c>, <c>256 KiB</c>), otherwise two decimals in the largest unit not above it (<c>1.12 GiB</c>).
    /// </summary>
    /// <param name="size">The size in bytes.</param>
    /// <returns>The size with its unit.</returns>
    public static string FormatSize(ulong size)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        int unit = 0;
        while (unit < units.Length - 1 && size >> (10 * (unit + 1)) != 0)
        {
            unit++;
        }

        ulong whole = size >> (10 * unit);
        if (unit == 0 || whole << (10 * unit) == size)
        {
            return whole.ToString(CultureInfo.InvariantCulture) + " " + units[unit];
        }

        double scaled = size / Math.Pow(1024, unit);
        return scaled.ToString("0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string StripSuffix(string s, out int shift)
    {
        shift = 0;
        string upper = s.ToUpperInvariant();
        string rest = upper;
        if (rest.EndsWith("IB", StringComparison.Ordinal))
        {
            rest = rest.Substring(0, rest.Length - 2);
        }
        else if (rest.EndsWith("B", StringComparison.Ordinal) && rest.Length >= 2 && !char.IsDigit(rest[rest.Length - 2]))
        {
            rest = rest.Substring(0, rest.Length - 1);
        }

        if (rest.Length == 0)
        {
            return s;
        }

        switch (rest[rest.Length - 1])
        {
            case 'K': shift = 10; break;
            case 'M': shift = 20; break;
            case 'G': shift = 30; break;
            case 'T': shift = 40; break;
            default: return s;
        }

        return rest.Substring(0, rest.Length - 1);
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
