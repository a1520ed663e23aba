using System;
using CsCheck;
using System.IO;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

public sealed class XenBootLogParserTests
{
    private static string Fixture => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cli", "Fixtures", "salvator-x-h3-xen-4.17.log"));

    [Fact]
    public void The_E1_fixture_gives_every_fact_of_the_worked_example()
    {
        XenBootLog log = XenBootLogParser.Parse(Fixture);
        Assert.Equal(new Version(4, 17, 3), log.Version);
        Assert.Equal(
            new[] { (0x48000000UL, 0x78000000UL), (0x500000000UL, 0x80000000UL), (0x600000000UL, 0x80000000UL), (0x700000000UL, 0x80000000UL) },
            log.HostRam.Select(b => (b.Start, b.Size)));
        Assert.All(log.HostRam, b => Assert.Equal(MemoryBankKind.HostRam, b.Kind));
        MemoryBank reserved = Assert.Single(log.Reserved);
        Assert.Equal((0x54000000UL, 0x3000000UL), (reserved.Start, reserved.Size));
        MemoryBank dom0 = Assert.Single(log.Dom0Ram);
        Assert.Equal((0x60000000UL, 0x10000000UL), (dom0.Start, dom0.Size));
        Assert.Equal((0x78080000UL, 0x40000UL), (log.GrantTable!.Value.Start, log.GrantTable.Value.Size));
        Assert.Equal(40, log.IpaBits);
        Assert.Equal(7, log.ExtendedRegions.Count);
        Assert.All(log.ExtendedRegions, r => Assert.Equal("d0", r.Domain));
        Assert.Equal((0x78200000UL, 0xc0000000UL), (log.ExtendedRegions[3].Start, log.ExtendedRegions[3].End));
        Assert.Equal(0x47E00000UL, log.ExtendedRegions[3].Size);
        Assert.True(log.HasDom0ExtendedRegionVerdict);

        // 4.17 prints /memreserve/ entries as RESVD lines too; without the tree the parser can only say so.
        Assert.Contains("/memreserve/", Assert.Single(log.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_lines_have_an_exclusive_end_in_4_17_by_the_banner()
    {
        XenBootLog log = XenBootLogParser.Parse(Fixture);
        Assert.Equal(4, log.Modules.Count);
        BootModule kernel = log.Modules.Single(m => m.Kind == BootModuleKind.Kernel);
        Assert.Equal((0x7a000000UL, 0x2000000UL), (kernel.Start, kernel.Size));
        Assert.Equal(BootModuleKind.XenImage, log.Modules[0].Kind);
        Assert.Equal(BootModuleKind.DeviceTree, log.Modules[1].Kind);
        Assert.Equal(BootModuleKind.Ramdisk, log.Modules[3].Kind);
    }

    [Fact]
    public void Module_lines_have_an_inclusive_end_from_4_20()
    {
        const string text = "(XEN) Xen version 4.20.1 (x@y) (gcc) debug=n\n(XEN) MODULE[2]: 000000007a000000 - 000000007bffffff Kernel      \n";
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal((0x7a000000UL, 0x2000000UL), (log.Modules[0].Start, log.Modules[0].Size));
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void Without_a_banner_modules_follow_the_assumed_version_and_the_assumption_is_noted()
    {
        const string text = "MODULE[0]: 0000000050000000 - 0000000050001000 Kernel\n";
        XenBootLog latest = XenBootLogParser.Parse(text);
        Assert.Equal(0x1001UL, latest.Modules[0].Size);
        Assert.Contains(latest.Diagnostics, d => d.LineNumber == 0 && d.Message.Contains("inclusive", StringComparison.Ordinal));
        XenBootLog old = XenBootLogParser.Parse(text, new XenBootLogOptions { AssumedVersion = new Version(4, 17) });
        Assert.Equal(0x1000UL, old.Modules[0].Size);
        Assert.Empty(old.Diagnostics);
    }

    [Fact]
    public void The_banner_decides_over_the_assumed_version_and_4_20_itself_reads_inclusive()
    {
        const string Module = "(XEN) MODULE[0]: 0000000050000000 - 0000000050001000 Kernel\n";
        XenBootLog banner = XenBootLogParser.Parse("(XEN) Xen version 4.17.3 (a@b)\n" + Module, new XenBootLogOptions { AssumedVersion = new Version(4, 20) });
        Assert.Equal(0x1000UL, banner.Modules[0].Size);
        XenBootLog exact = XenBootLogParser.Parse(Module, new XenBootLogOptions { AssumedVersion = new Version(4, 20) });
        Assert.Equal(0x1001UL, exact.Modules[0].Size);
        Assert.Empty(exact.Diagnostics);
        Assert.Equal(0x1000UL, XenBootLogParser.Parse(Module, new XenBootLogOptions { AssumedVersion = new Version(4, 19, 9) }).Modules[0].Size);
    }

    [Fact]
    public void A_banner_after_the_module_lines_still_decides()
    {
        const string text = "(XEN) MODULE[0]: 0000000050000000 - 0000000050001000 Kernel\n(XEN) Xen version 4.16.2 (a@b)\n";
        Assert.Equal(0x1000UL, XenBootLogParser.Parse(text).Modules[0].Size);
    }

    [Theory]
    [InlineData("(XEN) RAM: 0000000048000000 - 00000000bfffffff")]
    [InlineData("RAM: 0000000048000000 - 00000000bfffffff")]
    [InlineData("(XEN) [    0.000000] RAM: 0000000048000000 - 00000000bfffffff")]
    [InlineData("[2024-01-16 10:00:00.123] (XEN) RAM: 0000000048000000 - 00000000bfffffff")]
    [InlineData("[   12.345] (XEN) [  0.001] RAM: 0x48000000 - 0xbfffffff")]
    [InlineData("  (XEN)   RAM: 48000000 - BFFFFFFF  ")]
    public void Console_prefixes_are_stripped(string line)
    {
        XenBootLog log = XenBootLogParser.Parse(line);
        MemoryBank ram = Assert.Single(log.HostRam);
        Assert.Equal((0x48000000UL, 0x78000000UL), (ram.Start, ram.Size));
    }

    [Theory]
    [InlineData("(XEN) Extended region 0: 0x48000000->0x54000000", null)]
    [InlineData("(XEN) d0: extended region 0: 0x48000000->0x54000000", "d0")]
    [InlineData("(XEN) (d0) extended region 0: 0x48000000->0x54000000", "d0")]
    [InlineData("(XEN) [  2.5] d1: extended region 0: 0x48000000->0x54000000", "d1")]
    public void Region_lines_in_every_wording(string line, string? domain)
    {
        XenBootLog log = XenBootLogParser.Parse(line);
        XenLogExtendedRegion r = Assert.Single(log.ExtendedRegions);
        Assert.Equal(domain, r.Domain);
        Assert.Equal((0x48000000UL, 0x54000000UL, 0xc000000UL), (r.Start, r.End, r.Size));
        Assert.Equal(domain is null or "d0", r.IsDom0);
    }

    [Fact]
    public void Only_Dom0_regions_count_as_Dom0s()
    {
        const string text = "d0: extended region 0: 0x48000000->0x54000000\nd1: extended region 0: 0x200000000->0x300000000\n";
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal(2, log.ExtendedRegions.Count);
        Assert.Equal(0x48000000UL, Assert.Single(log.GetDom0ExtendedRegions()).Start);
    }

    [Fact]
    public void A_failure_warning_is_a_verdict_without_regions()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) d0: failed to allocate extended regions\n");
        Assert.Empty(log.ExtendedRegions);
        Assert.True(log.HasDom0ExtendedRegionVerdict);
        Assert.Single(log.ExtendedRegionWarnings);
    }

    [Fact]
    public void Banks_of_other_domains_are_not_Dom0s()
    {
        const string text = "Allocating 1:1 mappings totalling 256MB for dom0:\nBANK[0] 0x00000060000000-0x00000070000000 (256MB)\n"
            + "Allocating mappings totalling 512MB for d1:\nBANK[0] 0x00000040000000-0x00000060000000 (512MB)\n";
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal(0x60000000UL, Assert.Single(log.Dom0Ram).Start);
    }

    [Fact]
    public void Noise_is_ignored_and_broken_Xen_lines_are_reported_never_thrown()
    {
        string text = "hello\n\0\0garbage\u00ff\n(XEN) RAM: zzzz - 1234\n(XEN) RAM: 00000000bfffffff - 0000000048000000\n"
            + "(XEN) MODULE[0]: 1 - 0 Xen\n(XEN) RAM: 1ffffffffffffffff - 2\n(XEN) Grant table range: 0x2-0x1\n(XEN) P2M: 99-bit IPA with 40-bit PA\n"
            + "(XEN) d0: extended region 0: 0x5->0x5\n" + new string('[', 10000) + "\n";
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Empty(log.HostRam);
        Assert.Empty(log.Modules);
        Assert.Null(log.GrantTable);
        Assert.Null(log.IpaBits);
        Assert.Empty(log.ExtendedRegions);
        Assert.Equal(8, log.Diagnostics.Count);
        Assert.All(log.Diagnostics, d => Assert.True(d.LineNumber >= 3));
        Assert.Contains("longer than", log.Diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_and_empty_text_read_as_an_empty_log()
    {
        Assert.Equal(0, XenBootLogParser.Parse((string?)null).LineCount);
        Assert.False(XenBootLogParser.Parse(string.Empty).HasDom0ExtendedRegionVerdict);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String[Gen.Char["(XEN)[]0123456789abcdefx:->RAMODULEBNKP \n"], 0, 400]
            .Sample(text => { _ = XenBootLogParser.Parse(text); }, iter: 2000);
    }
}
