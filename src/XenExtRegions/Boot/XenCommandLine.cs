using System;
using System.Collections.Generic;
using System.Globalization;

namespace XenExtRegions.Boot;

/// <summary>
/// Xen's command line (<c>/chosen</c> <c>xen,xen-bootargs</c>, or the <c>Command line:</c> line of a boot log), read as
/// Xen's <c>parse_params</c> reads it: options separated by spaces, <c>name=value</c>, a <c>no-</c> prefix inverting a
/// boolean, the last occurrence winning. Only the options that shape extended regions are interpreted; every option is
/// kept in <see cref="Options"/>.
/// </summary>
public sealed class XenCommandLine
{
    private static readonly char[] Space = [' '];

    private XenCommandLine(string text, IReadOnlyList<XenCommandLineOption> options)
    {
        Text = text;
        Options = options;
    }

    /// <summary>The command line as given.</summary>
    public string Text { get; }

    /// <summary>Every option in order.</summary>
    public IReadOnlyList<XenCommandLineOption> Options { get; }

    /// <summary><c>ext_regions</c>: null when absent (Xen's default is on), else its value.</summary>
    public bool? ExtendedRegions { get; private set; }

    /// <summary>The <c>dom0_mem</c> size in bytes (Xen's <c>parse_size_and_unit</c>: no suffix means KiB), or null when absent.</summary>
    public ulong? Dom0Memory { get; private set; }

    /// <summary><c>iommu</c>: null when absent (Xen's default enables the IOMMU when a driver finds one), else whether it is enabled.</summary>
    public bool? Iommu { get; private set; }

    /// <summary><c>iommu=force</c> or <c>iommu=required</c>: Xen panics when no IOMMU can be set up.</summary>
    public bool IommuRequired { get; private set; }

    /// <summary><c>gnttab_max_frames</c>, or null when absent (Xen's default is 64).</summary>
    public ulong? GrantTableMaxFrames { get; private set; }

    /// <summary><c>llc-coloring</c>: null when absent (off), else its value (4.20+ builds with CONFIG_LLC_COLORING).</summary>
    public bool? LlcColoring { get; private set; }

    /// <summary>Values Xen rejects, in Xen's own words (<c>parameter "x" has invalid value "y"!</c>).</summary>
    public IReadOnlyList<string> Problems => _problems;

    private readonly List<string> _problems = new();

    /// <summary>Reads a command line.</summary>
    /// <param name="text">The command line; null reads as empty.</param>
    /// <returns>The options and the interpreted values.</returns>
    public static XenCommandLine Parse(string? text)
    {
        string line = text ?? string.Empty;
        var options = new List<XenCommandLineOption>();
        foreach (string word in line.Split(Space, StringSplitOptions.RemoveEmptyEntries))
        {
            string key = word;
            string? value = null;
            int equals = word.IndexOf('=');
            if (equals >= 0)
            {
                key = word.Substring(0, equals);
                value = word.Substring(equals + 1);
            }

            bool negated = key.StartsWith("no-", StringComparison.Ordinal);
            options.Add(new XenCommandLineOption(negated ? key.Substring(3) : key, value, negated));
        }

        var result = new XenCommandLine(line, options);
        foreach (XenCommandLineOption option in options)
        {
            result.Apply(option);
        }

        return result;
    }

    private void Apply(XenCommandLineOption option)
    {
        switch (option.Name)
        {
            case "ext_regions":
                if (ReadBoolean(option) is bool ext)
                {
                    ExtendedRegions = ext;
                }

                break;
            case "llc-coloring":
                if (ReadBoolean(option) is bool llc)
                {
                    LlcColoring = llc;
                }

                break;
            case "dom0_mem":
                ReadDom0Memory(option);
                break;
            case "iommu":
                ReadIommu(option);
                break;
            case "gnttab_max_frames":
                if (option.Negated || !TryParseInteger(option.Value ?? string.Empty, 0, out ulong frames, out int end) || end != (option.Value ?? string.Empty).Length)
                {
                    Invalid(option);
                }
                else
                {
                    GrantTableMaxFrames = frames;
                }

                break;
        }
    }

    // OPT_BOOL: an empty value is true; "no-" inverts whatever the value says; an unknown value leaves the option unchanged.
    private bool? ReadBoolean(XenCommandLineOption option)
    {
        bool? value = string.IsNullOrEmpty(option.Value) ? true : ParseBool(option.Value!);
        if (value is null)
        {
            Invalid(option);
            return null;
        }

        return option.Negated ? !value.Value : value.Value;
    }

    // A custom parameter: Xen assigns dom0_mem before it checks that nothing follows the unit, so a bad tail is
    // reported but the number still counts.
    private void ReadDom0Memory(XenCommandLineOption option)
    {
        string value = option.Negated ? (string.IsNullOrEmpty(option.Value) ? "no" : option.Value!) : option.Value ?? string.Empty;
        if (option.Negated && !string.IsNullOrEmpty(option.Value))
        {
            Invalid(option);
            return;
        }

        ulong size = ParseSizeAndUnit(value, out int end);
        Dom0Memory = size;
        if (end != value.Length)
        {
            Invalid(option);
        }
    }

    private void ReadIommu(XenCommandLineOption option)
    {
        if (option.Negated)
        {
            // Xen hands "no" to the custom parser, which reads it as a boolean false.
            if (!string.IsNullOrEmpty(option.Value))
            {
                Invalid(option);
                return;
            }

            Iommu = false;
            return;
        }

        foreach (string item in (option.Value ?? string.Empty).Split(','))
        {
            if (ParseBool(item) is bool enable)
            {
                Iommu = enable;
            }
            else if (item is "force" or "required")
            {
                IommuRequired = true;
            }
            else if (item is "no-force" or "no-required")
            {
                IommuRequired = false;
            }
        }
    }

    private void Invalid(XenCommandLineOption option) =>
        _problems.Add("parameter \"" + option.Name + "\" has invalid value \"" + (option.Value ?? string.Empty) + "\"!");

    /// <summary>Xen's <c>parse_bool</c>: the eleven words it knows, else null.</summary>
    /// <param name="text">The value.</param>
    /// <returns>True, false, or null when Xen does not recognise the word.</returns>
    internal static bool? ParseBool(string text) => text switch
    {
        "1" or "on" or "yes" or "true" or "enable" => true,
        "0" or "no" or "off" or "false" or "disable" => false,
        _ => null,
    };

    /// <summary>Xen's <c>parse_size_and_unit</c>: a number (C base prefixes) with an optional T/G/M/K/B suffix; no suffix means KiB.</summary>
    /// <param name="text">The value.</param>
    /// <param name="end">The index of the first character not read.</param>
    /// <returns>The size in bytes, wrapping on overflow as Xen's unsigned arithmetic does.</returns>
    internal static ulong ParseSizeAndUnit(string text, out int end)
    {
        TryParseInteger(text, 0, out ulong value, out end);
        int shift = end < text.Length ? char.ToUpperInvariant(text[end]) switch
        {
            'T' => 40,
            'G' => 30,
            'M' => 20,
            'K' => 10,
            'B' => 0,
            _ => -1,
        } : -1;
        if (shift >= 0)
        {
            end++;
            return unchecked(value << shift);
        }

        return unchecked(value << 10);
    }

    // simple_strtoull with base 0: 0x… hexadecimal, 0… octal, else decimal; digits accumulate modulo 2^64.
    private static bool TryParseInteger(string text, int start, out ulong value, out int end)
    {
        value = 0;
        int i = start;
        int radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X') && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }

        int first = i;
        for (; i < text.Length; i++)
        {
            int digit = char.IsDigit(text[i]) ? text[i] - '0'
                : Uri.IsHexDigit(text[i]) ? int.Parse(text[i].ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 99;
            if (digit >= radix)
            {
                break;
            }

            value = unchecked((value * (ulong)radix) + (ulong)digit);
        }

        end = i;
        return i > first;
    }
}
