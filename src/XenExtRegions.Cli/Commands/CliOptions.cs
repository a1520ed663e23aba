using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using XenExtRegions.Diagnostics;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Commands;

/// <summary>Option factories with value parsers built on <see cref="AddressText"/>: errors name the option.</summary>
internal static class CliOptions
{
    public const string NumberHelp = "hex (0x…), decimal, or with K/M/G/T suffix (powers of 1024)";

    public static Option<ulong> Number(string name, string description, ulong? defaultValue = null)
    {
        var option = new Option<ulong>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result => ParseNumber(result, name),
        };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }

        return option;
    }

    public static Option<int> Bits(string name, string description, int defaultValue)
    {
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return defaultValue;
                }

                if (!AddressText.TryParseNumber(result.Tokens[0].Value, out ulong v, out string? error))
                {
                    result.AddError($"{name}: {error}");
                    return defaultValue;
                }

                if (v < 1 || v > 64)
                {
                    result.AddError($"{name}: {v} is not a width in bits between 1 and 64");
                    return defaultValue;
                }

                return (int)v;
            },
        };
    }

    public static Option<MemoryBank?> StartSize(string name, string description, MemoryBankKind kind)
    {
        return new Option<MemoryBank?>(name)
        {
            Description = description,
            HelpName = "START:SIZE",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return null;
                }

                return ParseBank(result, result.Tokens[0].Value, name, kind);
            },
        };
    }

    public static Option<List<MemoryBank>> StartSizeList(string name, string description, MemoryBankKind kind)
    {
        return new Option<List<MemoryBank>>(name)
        {
            Description = description + " (repeatable)",
            HelpName = "START:SIZE",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var list = new List<MemoryBank>();
                foreach (Token token in result.Tokens)
                {
                    if (ParseBank(result, token.Value, name, kind) is { } bank)
                    {
                        list.Add(bank);
                    }
                }

                return list;
            },
        };
    }

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = "Output form",
            HelpName = string.Join("|", allowed),
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    /// <summary>A pair of switches such as --iommu / --no-iommu: true, false, or null when neither is given.</summary>
    /// <exception cref="CliInputException">Both are given.</exception>
    public static bool? OnOff(ParseResult parse, Option<bool> on, Option<bool> off)
    {
        bool isOn = parse.GetValue(on);
        bool isOff = parse.GetValue(off);
        if (isOn && isOff)
        {
            throw new CliInputException($"{on.Name} and {off.Name} contradict each other");
        }

        return isOn ? true : isOff ? false : null;
    }

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write the output to FILE instead of standard output ('-': standard output; binary forms only when it is not a terminal)",
        HelpName = "FILE",
    };

    /// <summary>dtc's -b: the header's boot_cpuid_phys, one 32-bit cell.</summary>
    public static Option<uint?> BootCpu() => new("--boot-cpu", "-b")
    {
        Description = "As dtc -b: the header's boot_cpuid_phys (" + NumberHelp + "); without it a DTS input takes the reg of the first /cpus child, as dtc does, and a DTB keeps its own",
        HelpName = "CPU",
        CustomParser = result =>
        {
            ulong value = ParseNumber(result, "--boot-cpu");
            if (value > uint.MaxValue)
            {
                result.AddError($"--boot-cpu: 0x{value:x} does not fit in 32 bits (boot_cpuid_phys is one cell)");
                return null;
            }

            return (uint)value;
        },
    };

    private static ulong ParseNumber(ArgumentResult result, string name)
    {
        if (result.Tokens.Count == 0)
        {
            return 0;
        }

        string text = result.Tokens[0].Value;
        if (!AddressText.TryParseNumber(text, out ulong value, out string? error))
        {
            result.AddError($"{name}: {error}");
            return 0;
        }

        return value;
    }

    private static MemoryBank? ParseBank(ArgumentResult result, string text, string name, MemoryBankKind kind)
    {
        if (!AddressText.TryParseStartSize(text, out ulong start, out ulong size, out string? error))
        {
            result.AddError($"{name}: {error}");
            return null;
        }

        return new MemoryBank(start, size, kind, name);
    }
}
