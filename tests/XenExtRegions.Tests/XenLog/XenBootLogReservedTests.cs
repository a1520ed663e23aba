using System;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// RESVD lines per release (spec §16, verified in early_print_info of bootfdt.c at RELEASE-4.16.0/4.17.0/4.18.0 and
/// RELEASE-4.19.0, bootinfo-fdt.c at RELEASE-4.21.0): before 4.19 the /memreserve/ entries come first with an
/// exclusive end, then reserved_mem with an inclusive end; from 4.19 /memreserve/ is part of reserved_mem, inclusive.
/// </summary>
public sealed class XenBootLogReservedTests
{
    // One 64 MiB /memreserve/ entry at 0x90000000 and one 16 MiB /reserved-memory child at 0xa0000000.
    private const string Lines417 = "(XEN)  RESVD[0]: 0000000090000000 - 0000000094000000\n(XEN)  RESVD[1]: 00000000a0000000 - 00000000a0ffffff\n";
    private const string Lines420 = "(XEN)  RESVD[0]: 0000000090000000 - 0000000093ffffff\n(XEN)  RESVD[1]: 00000000a0000000 - 00000000a0ffffff\n";

    private static XenBootLog Parse(string version, string lines, int? count) => XenBootLogParser.Parse(
        "(XEN) Xen version " + version + " (a@b) (gcc)\n" + lines, new XenBootLogOptions { MemoryReservationCount = count });

    [Theory]
    [InlineData("4.17.7", Lines417)]
    [InlineData("4.16.2", Lines417)]
    [InlineData("4.18.0", Lines417)]
    [InlineData("4.19.0", Lines420)]
    [InlineData("4.20.5-pre", Lines420)]
    public void With_the_memreserve_count_each_release_gives_the_same_banks(string version, string lines)
    {
        XenBootLog log = Parse(version, lines, 1);
        MemoryBank m = Assert.Single(log.MemoryReservations);
        Assert.Equal((0x90000000UL, 0x4000000UL, MemoryBankKind.MemoryReservation), (m.Start, m.Size, m.Kind));
        MemoryBank r = Assert.Single(log.Reserved);
        Assert.Equal((0xa0000000UL, 0x1000000UL, MemoryBankKind.ReservedMemory), (r.Start, r.Size, r.Kind));
        Assert.Equal("log line 2", m.Source);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void Raw_lines_are_kept_as_printed()
    {
        XenBootLog log = Parse("4.17.7", Lines417, null);
        Assert.Equal(
            new[] { new XenLogReservedLine(0, 0x90000000, 0x94000000, 2), new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 3) },
            log.ReservedLines);
        Assert.Equal("RESVD[0]: 0000000090000000 - 0000000094000000", log.ReservedLines[0].ToString());
    }

    [Theory]
    [InlineData("4.17.7", true)]
    [InlineData("4.16.0", true)]
    [InlineData("4.18.6", true)]
    [InlineData("4.19.0", false)]
    [InlineData("4.21.0", false)]
    public void Without_the_count_every_line_is_reserved_and_4_16_to_4_18_say_it_may_be_wrong(string version, bool warned)
    {
        XenBootLog log = Parse(version, Lines417, null);
        Assert.Empty(log.MemoryReservations);
        Assert.Equal(new[] { 0x4000001UL, 0x1000000UL }, log.Reserved.Select(b => b.Size));
        Assert.Equal(warned, log.Diagnostics.Any(d => d.LineNumber == 2 && d.Message.Contains("/memreserve/", StringComparison.Ordinal)
            && d.Message.Contains("MemoryReservationCount", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_release_comes_from_the_assumed_version_without_a_banner()
    {
        var options = new XenBootLogOptions { MemoryReservationCount = 1, AssumedVersion = new Version(4, 17) };
        XenBootLog log = XenBootLogParser.Parse(Lines417, options);
        Assert.Equal(0x4000000UL, Assert.Single(log.MemoryReservations).Size);
        XenBootLog latest = XenBootLogParser.Parse(Lines420, new XenBootLogOptions { MemoryReservationCount = 1 });
        Assert.Equal(0x4000000UL, Assert.Single(latest.MemoryReservations).Size);
        Assert.Contains(latest.Diagnostics, d => d.Message.Contains("no 'Xen version' banner", StringComparison.Ordinal));
    }

    [Fact]
    public void The_banner_decides_over_the_assumed_version_and_4_19_itself_reads_inclusive()
    {
        // AssumedVersion is for logs without a banner: a 4.17 banner keeps the exclusive /memreserve/ end.
        XenBootLog banner = XenBootLogParser.Parse(
            "(XEN) Xen version 4.17.7 (a@b)\n" + Lines417, new XenBootLogOptions { MemoryReservationCount = 1, AssumedVersion = new Version(4, 19) });
        Assert.Equal(0x4000000UL, Assert.Single(banner.MemoryReservations).Size);
        XenBootLog exact = XenBootLogParser.Parse(Lines420, new XenBootLogOptions { MemoryReservationCount = 1, AssumedVersion = new Version(4, 19) });
        Assert.Equal(0x4000000UL, Assert.Single(exact.MemoryReservations).Size);
        Assert.Empty(exact.Diagnostics);
    }

    [Fact]
    public void A_count_of_zero_reads_every_line_as_reserved_memory_and_a_count_larger_than_the_lines_is_reported()
    {
        XenBootLog zero = Parse("4.17.7", Lines417, 0);
        Assert.Empty(zero.MemoryReservations);
        Assert.Equal(2, zero.Reserved.Count);
        Assert.Empty(zero.Diagnostics);
        XenBootLog three = Parse("4.17.7", Lines417, 3);
        Assert.Equal(2, three.MemoryReservations.Count);
        Assert.Empty(three.Reserved);
        Assert.Contains(three.Diagnostics, d => d.Message.Contains("3 /memreserve/ entries", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_exclusive_range_and_a_negative_count_are_refused()
    {
        XenBootLog log = Parse("4.17.7", "(XEN)  RESVD[0]: 0000000090000000 - 0000000090000000\n", 1);
        Assert.Empty(log.MemoryReservations);
        Assert.Contains(log.Diagnostics, d => d.LineNumber == 2);
        Assert.Throws<ArgumentException>(() => XenBootLogParser.Parse("", new XenBootLogOptions { MemoryReservationCount = -1 }));
    }
}
