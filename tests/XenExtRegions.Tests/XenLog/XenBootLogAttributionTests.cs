using System;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// Which domain a line belongs to when it names none, what is kept when a fact repeats, and which broken or
/// unattributable line is reported (with its line number and text) rather than guessed.
/// </summary>
public sealed class XenBootLogAttributionTests
{
    private const string DomU = "*** LOADING DOMU cpus=1 memory=0x40000KB ***";

    private static XenBootLog Parse(params string[] lines) => XenBootLogParser.Parse(XenLogSamples.Render(lines));

    [Fact]
    public void A_4_16_unnamed_region_line_while_a_domU_waits_for_its_id_is_Dom0s_and_leaves_the_domU_waiting()
    {
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            DomU,
            "Failed to remove: 0x40000000->0x50000000",
            "Extended region 0: 0x48000000->0x54000000",
            "Failed to allocate extended regions",
            "Loading d1 kernel from boot module @ 000000004b000000");
        XenLogDomain d0 = log.FindDomain("d0")!;
        Assert.Equal(0x48000000UL, Assert.Single(d0.ExtendedRegions).Start);
        Assert.Equal(XenLogRegionsOutcome.FailedToAllocate, d0.Outcome);
        Assert.Empty(d0.ProducerErrors);
        Assert.Equal(new[] { 1, 4, 5 }, d0.LineNumbers);
        XenLogDomain d1 = log.FindDomain("d1")!;
        Assert.Equal("Failed to remove: 0x40000000->0x50000000", Assert.Single(d1.ProducerErrors));
        Assert.Equal(new[] { 2, 3, 6 }, d1.LineNumbers);
        Assert.Equal(XenLogRegionsOutcome.NotInLog, d1.Outcome);
    }

    [Fact]
    public void Without_any_domain_line_an_unnamed_region_line_is_Dom0s()
    {
        XenBootLog log = Parse("Extended region 0: 0x48000000->0x54000000", "BANK[0] 0x00000060000000-0x00000070000000 (256MB)");
        XenLogDomain d0 = Assert.Single(log.Domains);
        Assert.Equal("d0", d0.Name);
        Assert.Single(d0.Ram);
        Assert.Equal(new[] { 1, 2 }, d0.LineNumbers);
    }

    [Fact]
    public void An_unnamed_region_line_makes_Dom0_the_domain_being_built()
    {
        // Xen 4.16 prints Dom0's regions while it builds Dom0: the unnamed lines after them are Dom0's too.
        XenBootLog log = Parse(
            "Loading d1 kernel from boot module @ 0",
            "Extended region 0: 0x48000000->0x54000000",
            "Grant table range: 0x00000040200000-0x00000040240000");
        Assert.Equal(0x40200000UL, log.FindDomain("d0")!.GrantTable!.Value.Start);
        Assert.Null(log.FindDomain("d1")!.GrantTable);
    }

    [Fact]
    public void A_second_build_of_a_domain_keeps_what_its_first_build_printed()
    {
        // Two boots in one file: the second LOADING DOMU's pending domain, named d1 again, has no allocation or grant
        // table of its own yet, and must not wipe d1's.
        XenBootLog log = Parse(
            DomU,
            "Allocating mappings totalling 512MB for d1:",
            "Grant table range: 0x00000040200000-0x00000040240000",
            DomU,
            "d1 BANK[0] 0x00000080000000-0x000000a0000000 (512MB)");
        XenLogDomain d1 = Assert.Single(log.Domains);
        Assert.Equal((false, (ulong?)512, 0x40200000UL, 0x80000000UL), (d1.DirectMapped, d1.AllocatedMiB, d1.GrantTable!.Value.Start, Assert.Single(d1.Ram).Start));
    }

    [Theory]
    [InlineData("BANK[0] 0x00000040000000-0x00000050000000 (256MB)")]
    [InlineData("Failed to add: 0x40000000->0x80000000")]
    [InlineData("Unable to retrieve address 0 for /soc/serial@1000")]
    [InlineData("Allocating 1:1 mappings totalling 256MB for dom0:")]
    [InlineData("Grant table range: 0x00000040200000-0x00000040240000")]
    public void A_domU_whose_id_never_comes_is_reported_with_what_it_lost(string line)
    {
        // Named at the domain's LOADING line: the facts printed after it went to no domain.
        const string Never = "a dom0less domain was being built from this line but the log never printed its id (dN): its lines were not attributed to any domain";
        Assert.Equal(new XenLogDiagnostic(1, string.Empty, Never), Assert.Single(Parse(DomU, line).Diagnostics));
        Assert.Equal(new XenLogDiagnostic(2, string.Empty, Never), Assert.Single(Parse("(XEN) boot", DomU, line, "Freed 356kB init memory.").Diagnostics));
        Assert.Equal(new XenLogDiagnostic(1, string.Empty, Never), Assert.Single(Parse(DomU, line, DomU, "Loading d2 kernel from boot module @ 0").Diagnostics));
        Assert.Empty(Parse(DomU, line).Domains);
    }

    [Fact]
    public void Every_fact_printed_before_a_domUs_id_moves_to_it()
    {
        XenBootLog log = Parse(
            DomU,
            "Grant table range: 0x00000040200000-0x00000040240000",
            "Allocating 1:1 mappings totalling 1024MB for dom0:",
            "BANK[0] 0x00000080000000-0x000000c0000000 (1024MB)",
            "Failed to add: 0x1->0x2",
            "d1: extended region 0: 0x40400000->0x80000000");
        XenLogDomain d1 = Assert.Single(log.Domains);
        Assert.Equal(
            (true, (ulong?)1024, 0x40200000UL, 0x80000000UL, "Failed to add: 0x1->0x2", XenLogRegionsOutcome.Found, 6),
            (d1.DirectMapped, d1.AllocatedMiB, d1.GrantTable!.Value.Start, Assert.Single(d1.Ram).Start, Assert.Single(d1.ProducerErrors), d1.Outcome, d1.OutcomeLineNumber));
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, d1.LineNumbers);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void A_domU_with_nothing_but_its_LOADING_line_is_not_reported()
    {
        XenBootLog log = Parse(DomU, DomU, "Freed 356kB init memory.");
        Assert.Empty(log.Diagnostics);
        Assert.Empty(log.Domains);
    }

    [Theory]
    [InlineData("Allocating 1:1 mappings totalling 256MB for dom0:")]
    [InlineData("BANK[0] 0x00000060000000-0x00000070000000 (256MB)")]
    [InlineData("Grant table range: 0x00000040200000-0x00000040240000")]
    [InlineData("Failed to add: 0x40000000->0x80000000")]
    public void After_boot_an_unnamed_line_is_reported_not_given_to_a_domain(string line)
    {
        XenBootLog log = Parse("*** LOADING DOMAIN 0 ***", "Freed 356kB init memory.", line);
        XenLogDomain d0 = Assert.Single(log.Domains);
        Assert.Equal(new[] { 1 }, d0.LineNumbers);
        Assert.Empty(d0.Ram);
        Assert.Null(d0.GrantTable);
        Assert.Null(d0.DirectMapped);
        XenLogDiagnostic d = Assert.Single(log.Diagnostics);
        Assert.Equal((3, line), (d.LineNumber, d.Line));
        Assert.StartsWith("after 'Freed …kB init memory' no domain is being built", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_line_after_boot_starts_that_domain_again()
    {
        XenBootLog log = Parse("Freed 356kB init memory.", "Loading d3 kernel from boot module @ 0", "BANK[0] 0x00000060000000-0x00000070000000 (256MB)");
        Assert.Single(log.FindDomain("d3")!.Ram);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void Each_domain_keeps_its_first_grant_table_and_the_log_its_last()
    {
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "Grant table range: 0x00000040200000-0x00000040240000",
            "Grant table range: 0x00000050200000-0x00000050240000",
            "Loading d1 kernel from boot module @ 0",
            "Grant table range: 0x00000060200000-0x00000060280000");
        Assert.Equal(new MemoryBank(0x40200000, 0x40000, MemoryBankKind.GrantTable, "log line 2"), log.FindDomain("d0")!.GrantTable);
        Assert.Equal(new MemoryBank(0x60200000, 0x80000, MemoryBankKind.GrantTable, "log line 5"), log.FindDomain("d1")!.GrantTable);
        Assert.Equal(new MemoryBank(0x60200000, 0x80000, MemoryBankKind.GrantTable, "log line 5"), log.GrantTable);
    }

    [Fact]
    public void A_grant_table_range_has_an_exclusive_end_so_equal_ends_are_an_empty_table_not_an_error()
    {
        // Xen built without grant tables (CONFIG_GRANT_TABLE=n) gives the window size 0.
        XenBootLog log = Parse("Grant table range: 0x00000040200000-0x00000040200000");
        Assert.Equal(new MemoryBank(0x40200000, 0, MemoryBankKind.GrantTable, "log line 1"), log.GrantTable);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void An_inverted_grant_table_range_is_reported()
    {
        XenBootLog log = Parse("Grant table range: 0x00000040240000-0x00000040200000");
        Assert.Null(log.GrantTable);
        Assert.Equal(new XenLogDiagnostic(1, "Grant table range: 0x00000040240000-0x00000040200000", "grant table range is unreadable or inverted"), Assert.Single(log.Diagnostics));
    }

    [Theory]
    [InlineData("BANK[0] 0x00000060000000-0x00000060000000 (0MB)")]
    [InlineData("d1 BANK[0] 0x00000060000000-0x00000050000000 (256MB)")]
    [InlineData("d1: STATIC BANK[0] 0x00000030000000-0x00000030000000")]
    [InlineData("BANK[0] 0x10000000000000000-0x10000000000000001 (256MB)")]
    public void An_empty_inverted_or_unreadable_bank_is_reported_and_not_kept(string line)
    {
        XenBootLog log = Parse("*** LOADING DOMAIN 0 ***", line);
        Assert.Empty(log.Domains.SelectMany(d => d.Ram.Concat(d.StaticMemory)));
        Assert.Equal(new XenLogDiagnostic(2, line, "BANK line with an unreadable or empty range"), Assert.Single(log.Diagnostics));
        Assert.Equal(new[] { 1 }, log.FindDomain("d0")!.LineNumbers);
    }

    [Theory]
    [InlineData("d0: extended region 0: 0x48000000->0x48000000")]
    [InlineData("d0: extended region 1: 0x48000000->0x47000000")]
    [InlineData("Extended region 0: 0x10000000000000000->0x10000000000000001")]
    public void An_empty_or_unreadable_region_line_is_reported_and_gives_no_verdict(string line)
    {
        XenBootLog log = Parse(line);
        Assert.Empty(log.ExtendedRegions);
        Assert.False(log.HasDom0ExtendedRegionVerdict);
        Assert.Equal(new XenLogDiagnostic(1, line, "extended region line with an unreadable or empty range"), Assert.Single(log.Diagnostics));
    }

    [Fact]
    public void Dom0_RAM_alone_is_no_verdict_on_its_extended_regions()
    {
        XenBootLog log = Parse("*** LOADING DOMAIN 0 ***", "BANK[0] 0x00000060000000-0x00000070000000 (256MB)");
        Assert.Equal(XenLogRegionsOutcome.NotInLog, log.FindDomain("d0")!.Outcome);
        Assert.False(log.HasDom0ExtendedRegionVerdict);
    }

    [Fact]
    public void Other_lines_about_extended_regions_are_kept_as_warnings_but_are_no_fact()
    {
        XenBootLog log = XenBootLogParser.Parse("d0: Unable to allocate extended regions: -12\nd1: failed to allocate extended regions\nhello\n");
        Assert.Equal(new[] { "d0: Unable to allocate extended regions: -12", "d1: failed to allocate extended regions" }, log.ExtendedRegionWarnings);
        Assert.Equal(1, log.XenLineCount);
        Assert.Null(log.FindDomain("d0"));
        Assert.Empty(log.Diagnostics);
    }

    [Theory]
    [InlineData("BANK[0] 0xzz-0x1")]
    [InlineData("RAM: 48000000")]
    [InlineData("MODULE[0]: 0000000050000000 Kernel")]
    [InlineData("RESVD[x]: 0 - 1")]
    [InlineData("Grant table range: unknown")]
    [InlineData("P2M: 40 bits IPA")]
    [InlineData("d0: extended region 0: 0x48000000 - 0x54000000")]
    [InlineData("Allocating 1:1 mappings totalling lots for dom0:")]
    public void A_line_that_starts_like_a_memory_line_but_cannot_be_read_is_reported(string line)
    {
        XenBootLog log = Parse(line);
        Assert.Equal(new XenLogDiagnostic(1, line, "looks like a Xen memory line but could not be read"), Assert.Single(log.Diagnostics));
        Assert.Empty(log.Domains);
    }

    [Fact]
    public void Unprefixed_producer_errors_count_as_Xen_lines()
    {
        XenBootLog log = XenBootLogParser.Parse("Failed to add: 0x1->0x2\nUnable to retrieve address 0 for /soc\nFailed to add: x\n");
        Assert.Equal(2, log.XenLineCount);
        Assert.Equal(new[] { "Failed to add: 0x1->0x2", "Unable to retrieve address 0 for /soc" }, Assert.Single(log.Domains).ProducerErrors);
    }

    [Fact]
    public void A_PA_width_error_at_the_end_of_a_line_is_one_error()
    {
        const string Error = "/soc/pcie@40000000: [0x0, 0x10000ffffffffffe] exceeds the maximum allowed PA width (64 bits)";
        XenBootLog log = Parse("*** LOADING DOMAIN 0 ***", Error + "<1>");
        XenLogDomain d0 = Assert.Single(log.Domains);
        Assert.Equal(Error, Assert.Single(d0.ProducerErrors));
        Assert.Equal(XenLogRegionsOutcome.NotInLog, d0.Outcome);
        Assert.Empty(log.Diagnostics);
    }

    [Theory]
    [InlineData("d1", true)]
    [InlineData("D1", true)]
    [InlineData("dom1", true)]
    [InlineData("Dom01", true)]
    [InlineData("(d1):", true)]
    [InlineData("x1", false)] // only d and dom are Xen's prefixes: another letter is another name
    [InlineData("1", false)]
    [InlineData("d", false)]
    [InlineData("dom", false)]
    [InlineData("", false)]
    public void A_domain_is_found_by_Xens_name_in_any_of_its_spellings(string name, bool found)
    {
        XenBootLog log = Parse(DomU, "Loading d1 kernel from boot module @ 0", "d1: extended region 0: 0x48000000->0x54000000");
        Assert.Equal(found ? "d1" : null, log.FindDomain(name)?.Name);
    }

    [Fact]
    public void Text_sharing_a_line_with_a_PA_width_error_keeps_that_lines_Xen_prefix()
    {
        // An unprefixed command line (a guest's console) loses to Xen's own, even when Xen's shares the error's line.
        const string Error = "/soc/pcie@40000000: [0x0, 0x10000ffffffffffe] exceeds the maximum allowed PA width (64 bits)";
        XenBootLog log = XenBootLogParser.Parse("Command line: guest\n(XEN) " + Error + "<1>Command line: dom0_mem=1G\n");
        Assert.Equal(("dom0_mem=1G", 2), (log.CommandLine, log.CommandLineLineNumber));

        XenBootLog unprefixed = XenBootLogParser.Parse("(XEN) Command line: xen\n" + Error + "<1>Command line: guest\n");
        Assert.Equal(("xen", 1), (unprefixed.CommandLine, unprefixed.CommandLineLineNumber));
    }

    [Fact]
    public void Line_numbers_of_a_domain_are_each_given_once_in_order()
    {
        XenBootLog log = Parse(
            DomU,
            "Failed to add: 0x1->0x2",
            "/soc/pcie@40000000: [0x0, 0x10000ffffffffffe] exceeds the maximum allowed PA width (64 bits)<1>Failed to remove: 0x1->0x2",
            "Loading d1 kernel from boot module @ 0",
            "d1: extended region 0: 0x48000000->0x54000000");
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, Assert.Single(log.Domains).LineNumbers);
        Assert.Equal(3, log.Domains[0].ProducerErrors.Count);

        // Dom0's 4.16 region line comes while the domU waits; the domU's lines then merge into d0, before and after it.
        XenBootLog merged = Parse(
            DomU,
            "Failed to add: 0x1->0x2",
            "Extended region 0: 0x48000000->0x54000000",
            "Failed to add: 0x3->0x4",
            "d0: extended region 1: 0x58000000->0x60000000");
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, Assert.Single(merged.Domains).LineNumbers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("x")]
    [InlineData("dx")]
    public void Finding_a_name_no_domain_has_gives_null(string name)
    {
        XenBootLog log = Parse("d0: failed to allocate extended regions");
        Assert.Null(log.FindDomain(name));
    }
}
