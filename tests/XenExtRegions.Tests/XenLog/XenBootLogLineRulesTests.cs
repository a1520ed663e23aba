using System;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// The bounds of each line format: banner digits, the IPA width Xen can print, the widest address a line can hold,
/// and which broken line gets which diagnostic (naming its line and text).
/// </summary>
public sealed class XenBootLogLineRulesTests
{
    private static XenBootLog Parse(params string[] lines) => XenBootLogParser.Parse(XenLogSamples.Render(lines));

    [Theory]
    [InlineData("Xen version 4.19.10 (a@b) (gcc)", 4, 19, 10, "4.19.10")]
    [InlineData("Xen version 4.16.9 (a@b) (gcc)", 4, 16, 9, "4.16.9")]
    [InlineData("Xen version 4.18.0-pre (a@b) (gcc)", 4, 18, 0, "4.18.0-pre")]
    [InlineData("Xen version 4.17.3+dfsg-1 (a@b) (gcc)", 4, 17, 3, "4.17.3+dfsg-1")]
    [InlineData("Xen version 4.20.99999 (a@b)", 4, 20, 99999, "4.20.99999")]
    [InlineData("Xen version 04.017.2 (a@b)", 4, 17, 2, "4.17.2")]
    [InlineData("Xen 4.16.9 (c/s x) EFI loader", 4, 16, 9, "4.16.9")]
    [InlineData("Xen version 4.19-2 (a@b)", 4, 19, 0, "4.19-2")]
    public void The_patch_number_is_every_digit_after_the_dot_that_follows_the_minor(string line, int major, int minor, int patch, string text)
    {
        XenBootLog log = Parse(line);
        Assert.Equal(new Version(major, minor, patch), log.Version);
        Assert.Equal(text, log.VersionText);
    }

    [Fact]
    public void Of_two_boots_in_one_file_the_first_banner_is_kept_and_an_EFI_line_never_replaces_a_banner()
    {
        XenBootLog log = Parse("Xen version 4.17.3 (a@b)", "Xen version 4.20.1 (a@b)", "Xen 4.21.0 (c/s x) EFI loader");
        Assert.Equal("4.17.3", log.VersionText);
        Assert.Equal(1, log.VersionLineNumber);
        XenBootLog efi = Parse("Xen 4.17.2 (c/s x) EFI loader", "Xen 4.18.1 (c/s y) EFI loader");
        Assert.Equal("4.17.2", efi.VersionText);
        Assert.Equal(1, efi.VersionLineNumber);
    }

    [Fact]
    public void Of_two_unprefixed_command_lines_the_first_is_kept_and_an_unprefixed_one_never_replaces_Xens()
    {
        XenBootLog log = XenBootLogParser.Parse("Command line: a\nCommand line: b\n");
        Assert.Equal("a", log.CommandLine);
        XenBootLog xen = XenBootLogParser.Parse("(XEN) Command line: a\nCommand line: b\n");
        Assert.Equal("a", xen.CommandLine);
        Assert.Equal(1, xen.CommandLineLineNumber);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(32, true)]
    [InlineData(64, true)]
    [InlineData(0, false)]
    [InlineData(65, false)]
    [InlineData(99999, false)]
    public void The_IPA_width_is_read_from_1_to_64_bits(int bits, bool read)
    {
        XenBootLog log = Parse(FormattableString.Invariant($"P2M: {bits}-bit IPA with 40-bit PA and 8-bit VMID"));
        Assert.Equal(read ? bits : null, log.IpaBits);
        Assert.Equal(read ? 1 : 0, log.IpaBitsLineNumber);
        if (!read)
        {
            XenLogDiagnostic d = Assert.Single(log.Diagnostics);
            Assert.Equal((1, "P2M IPA width out of range"), (d.LineNumber, d.Message));
            Assert.StartsWith("P2M: ", d.Line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ffffffffffffffff", "ffffffffffffffff", 0xffffffffffffffffUL, 1UL)]
    [InlineData("0000000000000000", "0000000000000000", 0UL, 1UL)]
    [InlineData("0", "fffffffffffffffe", 0UL, 0xffffffffffffffffUL)]
    [InlineData("00000000000000000000000048000000", "000000000000000000000000bfffffff", 0x48000000UL, 0x78000000UL)]
    [InlineData("8000000000000000", "80000000ffffffff", 0x8000000000000000UL, 0x100000000UL)]
    [InlineData("1", "fffffffffffffffe", 1UL, 0xfffffffffffffffeUL)]
    public void A_RAM_line_holds_any_64_bit_inclusive_range_with_leading_zeros(string first, string last, ulong start, ulong size)
    {
        XenBootLog log = Parse("RAM: " + first + " - " + last);
        MemoryBank bank = Assert.Single(log.HostRam);
        Assert.Equal(new MemoryBank(start, size, MemoryBankKind.HostRam, "log line 1"), bank);
        Assert.Empty(log.Diagnostics);
    }

    [Theory]
    [InlineData("0000000000000000 - ffffffffffffffff")]
    [InlineData("10000000000000000 - 10000000000000001")]
    [InlineData("0000000048000000 - 1ffffffffffffffff")]
    [InlineData("00000000bfffffff - 0000000048000000")]
    public void A_RAM_line_that_no_bank_can_hold_is_reported_with_its_line(string range)
    {
        XenBootLog log = Parse("Command line: x", "RAM: " + range);
        Assert.Empty(log.HostRam);
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal(new XenLogDiagnostic(2, "RAM: " + range, "RAM line with an unreadable or inverted range"), d);
    }

    [Fact]
    public void A_RESVD_line_with_an_unreadable_range_is_reported_and_kept_out_of_the_raw_lines()
    {
        XenBootLog log = Parse("RESVD[0]: 10000000000000000 - 10000000000000001");
        Assert.Empty(log.ReservedLines);
        Assert.Equal(new XenLogDiagnostic(1, "RESVD[0]: 10000000000000000 - 10000000000000001", "RESVD line with an unreadable index or range"), Assert.Single(log.Diagnostics));
    }

    [Fact]
    public void An_inclusive_RESVD_line_of_one_byte_is_kept_and_an_inverted_or_whole_space_one_is_reported()
    {
        XenBootLog log = Parse(
            "Xen version 4.19.0 (a@b)",
            "RESVD[0]: 0000000090000000 - 0000000090000000",
            "RESVD[1]: 0000000090000000 - 000000008fffffff",
            "RESVD[2]: 0000000000000000 - ffffffffffffffff",
            "RESVD[3]: 0000000000000001 - fffffffffffffffe");
        Assert.Equal(
            new[]
            {
                new MemoryBank(0x90000000, 1, MemoryBankKind.ReservedMemory, "log line 2"),
                new MemoryBank(1, 0xfffffffffffffffe, MemoryBankKind.ReservedMemory, "log line 5"),
            },
            log.Reserved);
        Assert.Equal(
            new[]
            {
                new XenLogDiagnostic(3, "RESVD[1]: 0000000090000000 - 000000008fffffff", "RESVD line with an inverted range"),
                new XenLogDiagnostic(4, "RESVD[2]: 0000000000000000 - ffffffffffffffff", "a bank covering the whole 64-bit space cannot be represented"),
            },
            log.Diagnostics);
    }

    [Fact]
    public void Before_4_19_a_memreserve_RESVD_line_has_an_exclusive_end_and_may_reach_the_top_of_the_address_space()
    {
        XenBootLog log = XenBootLogParser.Parse(
            XenLogSamples.Render(["Xen version 4.18.2 (a@b)", "RESVD[0]: 0000000000000000 - ffffffffffffffff", "RESVD[1]: 0000000090000000 - 0000000080000000"]),
            new XenBootLogOptions { MemoryReservationCount = 2 });
        Assert.Equal(new MemoryBank(0, ulong.MaxValue, MemoryBankKind.MemoryReservation, "log line 2"), Assert.Single(log.MemoryReservations));
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal((3, "/memreserve/ RESVD line (exclusive end) with an empty or inverted range"), (d.LineNumber, d.Message));
    }

    [Fact]
    public void Without_the_memreserve_count_before_4_19_the_note_names_the_first_RESVD_line_and_how_many_there_are()
    {
        XenBootLog log = Parse("Xen version 4.18.2 (a@b)", "RESVD[0]: 0000000090000000 - 0000000094000000", "RESVD[1]: 00000000a0000000 - 00000000a0ffffff");
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal((2, "RESVD[0]: 0000000090000000 - 0000000094000000"), (d.LineNumber, d.Line));
        Assert.StartsWith("Xen 4.18 prints the host device tree's /memreserve/ entries first", d.Message, StringComparison.Ordinal);
        Assert.Contains("all 2 RESVD lines", d.Message, StringComparison.Ordinal);

        // Nothing to say when there is no RESVD line.
        Assert.Empty(Parse("Xen version 4.18.2 (a@b)").Diagnostics);
    }

    [Fact]
    public void Without_a_banner_the_memreserve_note_needs_a_count_and_a_RESVD_line()
    {
        const string Lines = "(XEN) RESVD[0]: 0000000090000000 - 0000000093ffffff\n";
        XenBootLog counted = XenBootLogParser.Parse(Lines, new XenBootLogOptions { MemoryReservationCount = 1 });
        XenLogDiagnostic d = Assert.Single(counted.Diagnostics);
        Assert.Equal((0, string.Empty), (d.LineNumber, d.Line));
        Assert.StartsWith("no 'Xen version' banner: /memreserve/ RESVD lines read with an inclusive end", d.Message, StringComparison.Ordinal);
        Assert.Empty(XenBootLogParser.Parse(Lines, new XenBootLogOptions { MemoryReservationCount = 0 }).Diagnostics);
        Assert.Empty(XenBootLogParser.Parse("(XEN) hello\n", new XenBootLogOptions { MemoryReservationCount = 1 }).Diagnostics);
        Assert.Empty(XenBootLogParser.Parse(Lines, new XenBootLogOptions { MemoryReservationCount = 1, AssumedVersion = new Version(4, 19) }).Diagnostics);
    }

    [Fact]
    public void A_count_above_the_RESVD_lines_seen_is_reported_once_for_the_whole_log()
    {
        XenBootLog log = XenBootLogParser.Parse(
            "(XEN) Xen version 4.19.0 (a@b)\n(XEN) RESVD[1]: 0000000090000000 - 0000000093ffffff\n",
            new XenBootLogOptions { MemoryReservationCount = 2 });
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal((0, string.Empty), (d.LineNumber, d.Line));
        Assert.Equal(
            "the host device tree has 2 /memreserve/ entries but the log has 1 RESVD lines with an index below 2 (a capture that misses lines, or a different tree)",
            d.Message);
        Assert.Single(log.MemoryReservations);
    }

    [Theory]
    [InlineData("Xen", BootModuleKind.XenImage)]
    [InlineData("Device Tree", BootModuleKind.DeviceTree)]
    [InlineData("Kernel", BootModuleKind.Kernel)]
    [InlineData("Ramdisk", BootModuleKind.Ramdisk)]
    [InlineData("XSM", BootModuleKind.XsmPolicy)]
    [InlineData("Guest Device Tree", BootModuleKind.GuestDeviceTree)]
    [InlineData("Kernel (d1)", BootModuleKind.Kernel)]
    [InlineData("Ramdisk (d1)", BootModuleKind.Ramdisk)]
    [InlineData("Static Heap", BootModuleKind.Unknown)]
    [InlineData("", BootModuleKind.Unknown)]
    public void A_module_kind_is_read_from_Xens_name_for_it(string kind, BootModuleKind expected)
    {
        XenBootLog log = Parse("Xen version 4.20.0 (a@b)", "MODULE[3]: 0000000050000000 - 0000000050000fff " + kind);
        BootModule m = Assert.Single(log.Modules);
        Assert.Equal(new BootModule(expected, 0x50000000, 0x1000, "log line 2"), m);
    }

    [Fact]
    public void A_module_of_one_byte_is_kept_from_4_20_and_empty_before()
    {
        const string Line = "MODULE[0]: 0000000050000000 - 0000000050000000 Kernel";
        Assert.Equal(1UL, Assert.Single(Parse("Xen version 4.20.0 (a@b)", Line).Modules).Size);
        XenBootLog old = Parse("Xen version 4.19.2 (a@b)", Line);
        Assert.Empty(old.Modules);
        Assert.Equal(new XenLogDiagnostic(2, Line, "MODULE line with an empty range"), Assert.Single(old.Diagnostics));
    }

    [Fact]
    public void A_module_over_the_whole_64_bit_space_is_reported()
    {
        const string Line = "MODULE[0]: 0000000000000000 - ffffffffffffffff Kernel";
        XenBootLog log = Parse("Xen version 4.20.0 (a@b)", Line);
        Assert.Empty(log.Modules);
        Assert.Equal(new XenLogDiagnostic(2, Line, "MODULE line with an empty range"), Assert.Single(log.Diagnostics));
        XenBootLog old = Parse("Xen version 4.17.0 (a@b)", Line);
        Assert.Equal(ulong.MaxValue, Assert.Single(old.Modules).Size);
    }

    [Fact]
    public void An_inverted_or_unreadable_module_line_is_reported_at_once()
    {
        XenBootLog log = Parse("MODULE[0]: 0000000050000001 - 0000000050000000 Kernel", "MODULE[1]: 10000000000000000 - 1 Xen");
        Assert.Empty(log.Modules);
        Assert.Equal(
            new[] { 1, 2 },
            log.Diagnostics.Where(d => d.Message == "MODULE line with an unreadable or inverted range").Select(d => d.LineNumber));
    }

    [Fact]
    public void The_assumed_version_note_names_no_line_and_is_given_once()
    {
        XenBootLog log = Parse("MODULE[0]: 0000000050000000 - 0000000050000fff Kernel", "MODULE[1]: 0000000060000000 - 0000000060000fff Ramdisk");
        Assert.Equal(2, log.Modules.Count);
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal((0, string.Empty), (d.LineNumber, d.Line));
        Assert.StartsWith("no 'Xen version' banner: MODULE lines read with an inclusive end", d.Message, StringComparison.Ordinal);
        Assert.Equal("log line 2", log.Modules[1].Source);
    }

    [Fact]
    public void StripPrefixes_removes_every_console_prefix_and_reads_null_as_empty()
    {
        Assert.Equal("RAM: 1 - 2", XenBootLogParser.StripPrefixes("[12:00:01.123] (XEN) [  0.5] RAM: 1 - 2  "));
        Assert.Equal("RAM: 1 - 2", XenBootLogParser.StripPrefixes("2024-01-16T10:00:01.123Z (XEN) RAM: 1 - 2"));
        Assert.Equal("Command line: x", XenBootLogParser.StripPrefixes("12:00:01.123 (XEN) Command line: x"));
        Assert.Equal(string.Empty, XenBootLogParser.StripPrefixes(null!));
        Assert.Equal("hello", XenBootLogParser.StripPrefixes("hello"));
    }

    [Fact]
    public void Up_to_eight_console_prefixes_are_stripped_and_a_ninth_is_message_text()
    {
        // The passes are bounded (each removes at least one character); no console writes more than a few prefixes.
        string eight = string.Concat(Enumerable.Repeat("(XEN) ", 8));
        Assert.Equal("I/O virtualisation enabled", XenBootLogParser.StripPrefixes(eight + "I/O virtualisation enabled"));
        Assert.Equal("(XEN) I/O virtualisation enabled", XenBootLogParser.StripPrefixes(eight + "(XEN) I/O virtualisation enabled"));
        Assert.True(XenBootLogParser.Parse(eight + "I/O virtualisation enabled\n").IommuEnabled);
    }

    [Fact]
    public void A_XEN_prefix_after_a_capture_timestamp_still_marks_the_line_as_Xens()
    {
        XenBootLog log = XenBootLogParser.Parse("[12:00:01.123] (XEN) hello\n12:00:02.000 (XEN) world\n[1.5] not xen\n");
        Assert.Equal(2, log.XenLineCount);
    }
}
