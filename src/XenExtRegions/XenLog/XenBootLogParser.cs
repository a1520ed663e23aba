using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>
/// Reads a Xen on Arm console log (serial console capture, <c>xl dmesg</c>, or Xen's console ring dumped from RAM)
/// and takes from it the facts Xen printed at boot, per domain. Never throws for any text: lines it does not know
/// are ignored, and lines that look like Xen's but cannot be read are reported in <see cref="XenBootLog.Diagnostics"/>.
/// </summary>
/// <remarks>
/// <para>Input: CR, LF or CRLF line ends; a NUL byte splits a line (a console ring padded with NULs); ANSI colour
/// escapes and other control characters are dropped; a line is read up to 4096 characters. Each line may carry
/// console prefixes, in any order and repeated: <c>(XEN) </c>, a Xen timestamp <c>(XEN) [  1.234567]</c>, a capture
/// tool's <c>[12:00:01.123]</c>, <c>2024-01-16T10:00:01.123Z</c> or <c>12:00:01.123</c>. Text right after NUL bytes
/// without a <c>(XEN)</c> prefix is read as the cut-off tail of a ring line and skipped.</para>
/// <para>Lines read (Xen's own wording; end conventions as Xen prints them):</para>
/// <list type="bullet">
/// <item><c>Xen version 4.20.5-pre (…)</c>, or the EFI loader's <c>Xen 4.17.3 (c/s …)</c>: the release.</item>
/// <item><c>Command line: …</c>, <c>I/O virtualisation enabled|disabled</c>, <c>P2M: 40-bit IPA …</c>, <c>Xen dom0less mode detected</c>.</item>
/// <item><c>RAM: 0000000048000000 - 00000000bfffffff</c>: host RAM, inclusive end.</item>
/// <item><c>RESVD[0]: …</c>: before 4.19 the device tree's <c>/memreserve/</c> entries come first with an exclusive
/// end, then <c>/reserved-memory</c> banks with an inclusive end; from 4.19 all inclusive (see
/// <see cref="XenBootLogOptions.MemoryReservationCount"/>).</item>
/// <item><c>MODULE[1]: … Kernel</c>: a boot module; exclusive end before 4.20, inclusive from 4.20.</item>
/// <item><c>*** LOADING DOMAIN 0 ***</c>, <c>*** LOADING DOMU cpus=… memory=…KB ***</c>, <c>Loading d1 kernel …</c>:
/// which domain is being built.</item>
/// <item><c>Allocating 1:1 mappings totalling 256MB for dom0:</c> then <c>BANK[0] 0x…-0x… (256MB)</c>;
/// <c>Allocating mappings totalling 512MB for d1:</c> then <c>d1 BANK[0] …</c>; <c>d1: STATIC BANK[0] …</c>: exclusive ends.</item>
/// <item><c>Grant table range: 0x…-0x…</c>: exclusive end.</item>
/// <item><c>d0: extended region 0: 0x48000000-&gt;0x54000000</c> (4.16: <c>Extended region 0: …</c>, Dom0's): exclusive end;
/// <c>dN: extended regions support is disabled</c>, <c>dN: failed to allocate extended regions</c>,
/// <c>dN: extended regions not supported for 32-bit guests</c> and their 4.16 wordings.</item>
/// <item>find_memory_holes' and find_unallocated_memory's errors (<c>Unable to retrieve address …</c>, <c>… exceeds the
/// maximum allowed PA width …</c>, <c>Failed to add: …</c>, <c>Failed to remove: …</c>), for the domain being built.</item>
/// </list>
/// </remarks>
public static partial class XenBootLogParser
{
    private static readonly Version FirstInclusiveModuleEnd = new(4, 20);
    private static readonly Version FirstInclusiveMemoryReservationEnd = new(4, 19);

    /// <summary>Reads a whole log.</summary>
    /// <param name="text">The log text; null reads as empty.</param>
    /// <param name="options">How to read it; null for <see cref="XenBootLogOptions.Default"/>.</param>
    /// <returns>What the log says.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static XenBootLog Parse(string? text, XenBootLogOptions? options = null)
    {
        using var reader = new StringReader(text ?? string.Empty);
        return Parse(reader, options);
    }

    /// <summary>Reads a log from a reader, in one pass with bounded memory per line.</summary>
    /// <param name="reader">The log.</param>
    /// <param name="options">How to read it; null for <see cref="XenBootLogOptions.Default"/>.</param>
    /// <returns>What the log says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static XenBootLog Parse(TextReader reader, XenBootLogOptions? options = null)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        options ??= XenBootLogOptions.Default;
        options.Validate();
        var state = new XenLogReadState();
        var splitter = new XenLogLineSplitter(reader);
        while (splitter.TryRead(out XenLogPiece piece))
        {
            ReadPiece(state, piece);
        }

        IReadOnlyList<BootModule> modules = ResolveModules(state, options);
        ResolveReserved(state, options, out List<MemoryBank> reserved, out List<MemoryBank> memoryReservations);
        IReadOnlyList<XenLogDomain> domains = state.BuildDomains();
        return new XenBootLog(state, modules, reserved, memoryReservations, domains, state.BuildDiagnostics(), splitter.LineCount);
    }

    /// <summary>
    /// Reads a log file. Only regular files are read (a device, FIFO, socket or directory is refused before it is
    /// opened), up to <see cref="XenBootLogOptions.MaxLogBytes"/>; the bytes are decoded as UTF-8 (invalid bytes
    /// become U+FFFD; a byte-order mark is honoured).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to read it; null for <see cref="XenBootLogOptions.Default"/>.</param>
    /// <returns>What the log says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid path, or an option is out of range.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a directory, device, FIFO or socket; the file is larger than
    /// <see cref="XenBootLogOptions.MaxLogBytes"/> (or grew past it while being read); or it cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static XenBootLog ParseFile(string path, XenBootLogOptions? options = null)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Length == 0)
        {
            throw new ArgumentException("The Xen console log file name is empty.", nameof(path));
        }

        options ??= XenBootLogOptions.Default;
        options.Validate();
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"'{path}' is a directory, not a Xen console log file.");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Xen console log '{path}' not found.", path);
        }

        if (DtsFileKind.IsRegularFile(full) == false)
        {
            throw new IOException($"'{path}' is not a regular file (a device, FIFO or socket); only regular files are read as a Xen console log.");
        }

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096);
        if (stream.Length > options.MaxLogBytes)
        {
            throw new IOException(FormattableString.Invariant(
                $"'{path}' has {stream.Length} bytes, more than the {options.MaxLogBytes} a Xen console log may have (XenBootLogOptions.MaxLogBytes)."));
        }

        using var bounded = new XenLogBoundedStream(stream, options.MaxLogBytes, path);
        using var reader = new StreamReader(bounded, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        return Parse(reader, options);
    }

    /// <summary>Removes console prefixes (<c>(XEN) </c>, timestamps) from the start of a line.</summary>
    /// <param name="line">A raw log line.</param>
    /// <returns>The line's message.</returns>
    /// <exception cref="RegexMatchTimeoutException">Only for a pathological line (bounded matching time).</exception>
    public static string StripPrefixes(string line) => Strip(line ?? string.Empty, out _);

    private static string Strip(string line, out bool hadXenPrefix)
    {
        string s = line;
        hadXenPrefix = false;

        // Bounded: each pass removes at least one character (every alternative of the pattern consumes one).
        for (int i = 0; i < 8; i++)
        {
            Match m = XenLogPatterns.Prefix.Match(s);
            if (!m.Success)
            {
                break;
            }

            hadXenPrefix |= m.Groups["xen"].Success;
            s = s.Substring(m.Length);
        }

        return s.Trim();
    }

    private static void ReadPiece(XenLogReadState state, XenLogPiece piece)
    {
        try
        {
            string text = Strip(piece.Text, out bool hadXen);
            if (piece.AfterNul && !hadXen)
            {
                // Xen's console ring stores "(XEN) " with every line, so text after NUL padding without it is a line's tail.
                if (XenLogPatterns.Keyword.IsMatch(text))
                {
                    state.Diagnose(piece.LineNumber, text, "text right after NUL bytes without a (XEN) prefix: read as the cut-off tail of a console-ring line and skipped");
                }

                return;
            }

            if (piece.Truncated)
            {
                state.Diagnose(piece.LineNumber, string.Empty, FormattableString.Invariant(
                    $"line longer than {XenLogLineSplitter.MaxPieceLength} characters (no Xen line is): skipped"));
                if (hadXen)
                {
                    state.XenLineCount++;
                }

                return;
            }

            if (ReadLine(state, text, piece.LineNumber, hadXen) || hadXen)
            {
                state.XenLineCount++;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line: report it rather than stall or throw.
            state.Diagnose(piece.LineNumber, string.Empty, "line too complex to read; skipped");
        }
    }

    private static List<BootModule> ResolveModules(XenLogReadState state, XenBootLogOptions options)
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
            state.Diagnose(
                0,
                string.Empty,
                "no 'Xen version' banner: MODULE lines read with an inclusive end (Xen 4.20 and later); pass the version to read them as 4.16-4.19 print them");
        }

        foreach (PendingModule p in state.PendingModules)
        {
            // An inclusive module over the whole 64-bit space wraps to size 0 too.
            ulong size = inclusive ? p.End - p.Start + 1 : p.End - p.Start;
            if (size == 0)
            {
                state.Diagnose(p.LineNumber, p.Line, "MODULE line with an empty range");
                continue;
            }

            modules.Add(new BootModule(KindOf(p.Kind), p.Start, size, Source(p.LineNumber)));
        }

        return modules;
    }

    private static void ResolveReserved(XenLogReadState state, XenBootLogOptions options, out List<MemoryBank> reserved, out List<MemoryBank> memoryReservations)
    {
        reserved = new List<MemoryBank>();
        memoryReservations = new List<MemoryBank>();
        List<XenLogReservedLine> lines = state.ReservedLines;
        Version? release = state.Version ?? options.AssumedVersion;
        bool before419 = release is not null && release < FirstInclusiveMemoryReservationEnd;
        if (options.MemoryReservationCount is not int count)
        {
            foreach (XenLogReservedLine line in lines)
            {
                AddReserved(state, reserved, line, exclusive: false, MemoryBankKind.ReservedMemory);
            }

            if (before419 && lines.Count > 0)
            {
                state.Diagnose(lines[0].LineNumber, lines[0].ToString(), FormattableString.Invariant(
                    $"Xen {release!.ToString(2)} prints the host device tree's /memreserve/ entries first among the RESVD lines, with an exclusive end, and does not remove them from the hardware domain's extended regions; all {lines.Count} RESVD lines were read as /reserved-memory banks (inclusive end). Give the number of /memreserve/ entries of the tree Xen booted (XenBootLogOptions.MemoryReservationCount) to tell them apart."));
            }

            return;
        }

        if (release is null && count > 0 && lines.Count > 0)
        {
            state.Diagnose(0, string.Empty, "no 'Xen version' banner: /memreserve/ RESVD lines read with an inclusive end (Xen 4.19 and later); before 4.19 Xen prints them with an exclusive end, pass the version to read them so");
        }

        int seen = 0;
        foreach (XenLogReservedLine line in lines)
        {
            if (line.Index < count)
            {
                seen++;
                AddReserved(state, memoryReservations, line, exclusive: before419, MemoryBankKind.MemoryReservation);
            }
            else
            {
                AddReserved(state, reserved, line, exclusive: false, MemoryBankKind.ReservedMemory);
            }
        }

        if (lines.Count > 0 && seen < count)
        {
            state.Diagnose(0, string.Empty, FormattableString.Invariant(
                $"the host device tree has {count} /memreserve/ entries but the log has {seen} RESVD lines with an index below {count} (a capture that misses lines, or a different tree)"));
        }
    }

    private static void AddReserved(XenLogReadState state, List<MemoryBank> target, XenLogReservedLine line, bool exclusive, MemoryBankKind kind)
    {
        ulong start = line.Start;
        ulong end = line.PrintedEnd;
        if (exclusive ? end <= start : end < start)
        {
            state.Diagnose(line.LineNumber, line.ToString(), exclusive ? "/memreserve/ RESVD line (exclusive end) with an empty or inverted range" : "RESVD line with an inverted range");
            return;
        }

        if (!exclusive && end - start == ulong.MaxValue)
        {
            state.Diagnose(line.LineNumber, line.ToString(), "a bank covering the whole 64-bit space cannot be represented");
            return;
        }

        target.Add(new MemoryBank(start, exclusive ? end - start : end - start + 1, kind, Source(line.LineNumber)));
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

    private static string Source(int lineNumber) => FormattableString.Invariant($"log line {lineNumber}");
}
