using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// Reads a Xen on Arm console log (as captured from the serial console or <c>xl dmesg</c>) and takes from it the
/// memory facts Xen printed at boot. Never throws for any text: lines it does not know are ignored, and lines that
/// look like Xen's but cannot be read are reported in <see cref="XenBootLog.Diagnostics"/>.
/// </summary>
/// <remarks>
/// <para>Each line may carry console prefixes, in any order and repeated: <c>(XEN) </c>, a Xen timestamp
/// <c>(XEN) [  1.234567]</c>, or a capture tool's <c>[12:00:01.123]</c>. They are stripped first.</para>
/// <para>Lines read (Xen's own wording; end conventions as Xen prints them):</para>
/// <list type="bullet">
/// <item><c>Xen version 4.17.3 (…)</c>: the release.</item>
/// <item><c>RAM: 0000000048000000 - 00000000bfffffff</c>: host RAM, inclusive end.</item>
/// <item><c>RESVD[0]: 0000000054000000 - 0000000056ffffff</c>: reserved memory, inclusive end.</item>
/// <item><c>MODULE[1]: 0000000050000000 - 0000000052000000 Kernel</c>: a boot module; the end is exclusive before
/// 4.20 and inclusive from 4.20. The banner decides; without one <see cref="XenBootLogOptions.AssumedVersion"/> does
/// (default: 4.20 or later, noted as a diagnostic).</item>
/// <item><c>BANK[0] 0x00000060000000-0x00000070000000 (256MB)</c>: Dom0 RAM, exclusive end (only banks after an
/// <c>Allocating … for dom0</c>/<c>d0</c> line, or with no such line at all, count as Dom0's).</item>
/// <item><c>Grant table range: 0x00000078080000-0x000000780c0000</c>: exclusive end.</item>
/// <item><c>P2M: 40-bit IPA with 40-bit PA and 8-bit VMID</c>: the IPA width.</item>
/// <item><c>d0: extended region 0: 0x48000000-&gt;0x54000000</c> (4.17+), <c>(d0) extended region …</c>, or
/// <c>Extended region 0: …</c> (4.16): exclusive end.</item>
/// </list>
/// </remarks>
public static class XenBootLogParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private const string Hex = "(?:0x)?([0-9a-f]+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // A console prefix: "(XEN)" or a bracketed timestamp; stripped repeatedly from the start of a line.
    private static readonly Regex Prefix = new(@"^\s*(?:\(XEN\)|\[[^\]\r\n]{0,40}\])[ \t]?", Options, Timeout);
    private static readonly Regex VersionLine = new(@"^\s*Xen version (\d+)\.(\d+)(?:\.(\d+))?", Options, Timeout);
    private static readonly Regex RamLine = new(@"^RAM:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);
    private static readonly Regex ResvdLine = new(@"^RESVD_?\[(\d+)\]:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);
    private static readonly Regex ModuleLine = new(@"^MODULE\[(\d+)\]:\s*" + Hex + @"\s*-\s*" + Hex + @"(?:\s+(.*?))?\s*$", Options, Timeout);
    private static readonly Regex BankLine = new(@"^BANK\[(\d+)\]\s*" + Hex + @"\s*-\s*" + Hex + @"(?:\s*\(\d+MB\).*)?$", Options, Timeout);
    private static readonly Regex AllocatingLine = new(@"^Allocating\b.*\bfor (dom\d+|d\d+|\S+)\s*:?\s*$", Options, Timeout);
    private static readonly Regex GrantLine = new(@"^Grant table range:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);
    private static readonly Regex P2mLine = new(@"^P2M:\s*(\d+)-bit IPA\b", Options, Timeout);
    private static readonly Regex RegionLine = new(
        @"^(?:\(?(d\d+|dom\d+)\)?:?\s+)?extended region (\d+):\s*" + Hex + @"\s*->\s*" + Hex + @"\s*$", Options, Timeout);
    private static readonly Regex RegionWarning = new(
        @"^(?:\(?(?:d\d+|dom\d+)\)?:?\s+)?.*\bextended regions\b.*$", Options, Timeout);
    private static readonly Regex Keyword = new(@"^(RAM:|RESVD|MODULE\[|BANK\[|Grant table range|P2M:.*IPA|.*extended region \d)", Options, Timeout);

    private static readonly Version FirstInclusiveModuleEnd = new(4, 20);

    /// <summary>Reads a whole log.</summary>
    /// <param name="text">The log text; null reads as empty.</param>
    /// <param name="options">How to read it; null for <see cref="XenBootLogOptions.Default"/>.</param>
    /// <returns>What the log says.</returns>
    public static XenBootLog Parse(string? text, XenBootLogOptions? options = null)
    {
        using var reader = new StringReader(text ?? string.Empty);
        return Parse(reader, options);
    }

    /// <summary>Reads a log line by line.</summary>
    /// <param name="reader">The log.</param>
    /// <param name="options">How to read it; null for <see cref="XenBootLogOptions.Default"/>.</param>
    /// <returns>What the log says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    public static XenBootLog Parse(TextReader reader, XenBootLogOptions? options = null)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        options ??= XenBootLogOptions.Default;
        var state = new State();
        string? raw;
        int lineNumber = 0;
        while ((raw = reader.ReadLine()) is not null)
        {
            lineNumber++;
            try
            {
                ReadLine(state, StripPrefixes(raw), lineNumber);
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological line: report it rather than stall or throw.
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, string.Empty, "line too complex to read; skipped"));
            }
        }

        var modules = ResolveModules(state, options);
        return new XenBootLog(
            state.Version,
            state.HostRam,
            state.Reserved,
            modules,
            state.Dom0Ram,
            state.GrantTable,
            state.IpaBits,
            state.Regions,
            state.RegionWarnings,
            state.Diagnostics,
            lineNumber);
    }

    /// <summary>Removes console prefixes (<c>(XEN) </c>, <c>[timestamp]</c>) from the start of a line.</summary>
    /// <param name="line">A raw log line.</param>
    /// <returns>The line's message.</returns>
    /// <exception cref="RegexMatchTimeoutException">Only for a pathological line (bounded matching time).</exception>
    public static string StripPrefixes(string line)
    {
        string s = line ?? string.Empty;

        // Bounded: each pass removes at least one character.
        for (int i = 0; i < 8; i++)
        {
            Match m = Prefix.Match(s);
            if (!m.Success || m.Length == 0)
            {
                break;
            }

            s = s.Substring(m.Length);
        }

        return s.Trim();
    }

    private static void ReadLine(State state, string line, int lineNumber)
    {
        if (line.Length == 0 || line.Length > 4096)
        {
            return;
        }

        Match m;
        if ((m = VersionLine.Match(line)).Success)
        {
            int major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            int minor = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            int patch = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            state.Version ??= new Version(major, minor, patch);
        }
        else if ((m = RamLine.Match(line)).Success)
        {
            AddInclusive(state, state.HostRam, m.Groups[1].Value, m.Groups[2].Value, MemoryBankKind.HostRam, line, lineNumber);
        }
        else if ((m = ResvdLine.Match(line)).Success)
        {
            AddInclusive(state, state.Reserved, m.Groups[2].Value, m.Groups[3].Value, MemoryBankKind.ReservedMemory, line, lineNumber);
        }
        else if ((m = ModuleLine.Match(line)).Success)
        {
            if (TryHex(m.Groups[2].Value, out ulong start) && TryHex(m.Groups[3].Value, out ulong end) && end >= start)
            {
                state.PendingModules.Add(new PendingModule(start, end, m.Groups[4].Value, line, lineNumber));
            }
            else
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "MODULE line with an unreadable or inverted range"));
            }
        }
        else if ((m = AllocatingLine.Match(line)).Success)
        {
            string who = m.Groups[1].Value.ToLowerInvariant();
            state.BanksAreDom0 = who is "dom0" or "d0";
        }
        else if ((m = BankLine.Match(line)).Success)
        {
            if (!state.BanksAreDom0)
            {
                return;
            }

            if (TryHex(m.Groups[2].Value, out ulong start) && TryHex(m.Groups[3].Value, out ulong end) && end > start)
            {
                state.Dom0Ram.Add(new MemoryBank(start, end - start, MemoryBankKind.DomainRam, Source(lineNumber)));
            }
            else
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "BANK line with an unreadable or empty range"));
            }
        }
        else if ((m = GrantLine.Match(line)).Success)
        {
            if (TryHex(m.Groups[1].Value, out ulong start) && TryHex(m.Groups[2].Value, out ulong end) && end >= start)
            {
                state.GrantTable = new MemoryBank(start, end - start, MemoryBankKind.GrantTable, Source(lineNumber));
            }
            else
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "grant table range is unreadable or inverted"));
            }
        }
        else if ((m = P2mLine.Match(line)).Success)
        {
            if (int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && bits > 0 && bits <= 64)
            {
                state.IpaBits = bits;
            }
            else
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "P2M IPA width out of range"));
            }
        }
        else if ((m = RegionLine.Match(line)).Success)
        {
            string? domain = m.Groups[1].Success ? NormaliseDomain(m.Groups[1].Value) : null;
            if (int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && TryHex(m.Groups[3].Value, out ulong start) && TryHex(m.Groups[4].Value, out ulong end) && end > start)
            {
                state.Regions.Add(new XenLogExtendedRegion(domain, index, start, end, lineNumber));
            }
            else
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "extended region line with an unreadable or empty range"));
            }
        }
        else if (RegionWarning.IsMatch(line))
        {
            state.RegionWarnings.Add(line);
        }
        else if (Keyword.IsMatch(line))
        {
            state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "looks like a Xen memory line but could not be read"));
        }
    }

    private static void AddInclusive(State state, List<MemoryBank> target, string first, string last, MemoryBankKind kind, string line, int lineNumber)
    {
        if (TryHex(first, out ulong start) && TryHex(last, out ulong end) && end >= start)
        {
            if (end - start == ulong.MaxValue)
            {
                state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "a bank covering the whole 64-bit space cannot be represented"));
                return;
            }

            target.Add(new MemoryBank(start, end - start + 1, kind, Source(lineNumber)));
        }
        else
        {
            state.Diagnostics.Add(new XenLogDiagnostic(lineNumber, line, "range is unreadable or inverted"));
        }
    }

    private static List<BootModule> ResolveModules(State state, XenBootLogOptions options)
    {
        var modules = new List<BootModule>();
        if (state.PendingModules.Count == 0)
        {
            return modules;
        }

        Version? version = state.Version ?? options.AssumedVersion;
        bool inclusive = version is null || version >= FirstInclusiveModuleEnd;
        if (version is null)
        {
            state.Diagnostics.Add(new XenLogDiagnostic(
                0,
                string.Empty,
                "no 'Xen version' banner: MODULE lines read with an inclusive end (Xen 4.20 and later); pass the version to read them as 4.16-4.19 print them"));
        }

        foreach (PendingModule p in state.PendingModules)
        {
            ulong size = inclusive ? p.End - p.Start + 1 : p.End - p.Start;
            if (size == 0 || (inclusive && p.End - p.Start == ulong.MaxValue))
            {
                state.Diagnostics.Add(new XenLogDiagnostic(p.LineNumber, p.Line, "MODULE line with an empty range"));
                continue;
            }

            modules.Add(new BootModule(KindOf(p.Kind), p.Start, size, Source(p.LineNumber)));
        }

        return modules;
    }

    private static BootModuleKind KindOf(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        return t switch
        {
            "xen" => BootModuleKind.XenImage,
            "device tree" => BootModuleKind.DeviceTree,
            "kernel" => BootModuleKind.Kernel,
            "ramdisk" => BootModuleKind.Ramdisk,
            "xsm" => BootModuleKind.XsmPolicy,
            "guest device tree" => BootModuleKind.GuestDeviceTree,
            _ when t.StartsWith("kernel", StringComparison.Ordinal) => BootModuleKind.Kernel,
            _ when t.StartsWith("ramdisk", StringComparison.Ordinal) => BootModuleKind.Ramdisk,
            _ => BootModuleKind.Unknown,
        };
    }

    private static string NormaliseDomain(string text)
    {
        string t = text.ToLowerInvariant();
        return t.StartsWith("dom", StringComparison.Ordinal) ? "d" + t.TrimStart('d', 'o', 'm') : t;
    }

    private static bool TryHex(string digits, out ulong value)
    {
        string d = digits.TrimStart('0');
        if (d.Length > 16)
        {
            value = 0;
            return false;
        }

        return ulong.TryParse(d.Length == 0 ? "0" : d, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static string Source(int lineNumber) => FormattableString.Invariant($"log line {lineNumber}");

    private readonly struct PendingModule
    {
        public PendingModule(ulong start, ulong end, string kind, string line, int lineNumber)
        {
            Start = start;
            End = end;
            Kind = kind;
            Line = line;
            LineNumber = lineNumber;
        }

        public ulong Start { get; }

        public ulong End { get; }

        public string Kind { get; }

        public string Line { get; }

        public int LineNumber { get; }
    }

    private sealed class State
    {
        public Version? Version { get; set; }

        public List<MemoryBank> HostRam { get; } = new();

        public List<MemoryBank> Reserved { get; } = new();

        public List<PendingModule> PendingModules { get; } = new();

        public List<MemoryBank> Dom0Ram { get; } = new();

        public bool BanksAreDom0 { get; set; } = true;

        public MemoryBank? GrantTable { get; set; }

        public int? IpaBits { get; set; }

        public List<XenLogExtendedRegion> Regions { get; } = new();

        public List<string> RegionWarnings { get; } = new();

        public List<XenLogDiagnostic> Diagnostics { get; } = new();
    }
}
