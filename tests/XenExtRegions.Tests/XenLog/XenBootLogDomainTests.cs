using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>Per-domain reading (issue 11 "From the log"): which domain each line belongs to, and its outcome.</summary>
public sealed class XenBootLogDomainTests
{
    private static XenBootLog Parse(params string[] lines) => XenBootLogParser.Parse(XenLogSamples.Render(lines));

    [Fact]
    public void Dom0_and_two_dom0less_domUs_are_read_apart_in_Xens_order()
    {
        var options = new XenBootLogOptions { MemoryReservationCount = 1 };
        XenBootLog log = XenBootLogParser.Parse(XenLogSamples.Render(XenLogSamples.Xen417Dom0AndTwoDomUs), options);
        Assert.Equal(new[] { "d0", "d1", "d2" }, log.Domains.Select(d => d.Name));
        Assert.Equal(new[] { 0, 1, 2 }, log.Domains.Select(d => d.Id));

        XenLogDomain d0 = log.Domains[0];
        Assert.Equal((0x60000000UL, 0x20000000UL), (Assert.Single(d0.Ram).Start, d0.Ram[0].Size));
        Assert.True(d0.DirectMapped);
        Assert.Equal(512UL, d0.AllocatedMiB);
        Assert.Equal((0x40200000UL, 0x40000UL), (d0.GrantTable!.Value.Start, d0.GrantTable.Value.Size));
        Assert.Equal(3, d0.ExtendedRegions.Count);
        Assert.Equal(XenLogRegionsOutcome.Found, d0.Outcome);

        XenLogDomain d1 = log.Domains[1];
        Assert.Equal((0x40000000UL, 0x10000000UL), (Assert.Single(d1.Ram).Start, d1.Ram[0].Size));
        Assert.False(d1.DirectMapped);
        Assert.Equal(256UL, d1.AllocatedMiB);
        Assert.Null(d1.GrantTable);
        Assert.Equal(new[] { 0x50000000UL, 0x200000000UL }, d1.ExtendedRegions.Select(r => r.Start));
        Assert.Equal(new[] { 0x100000000UL, 0x10000000000UL }, d1.ExtendedRegions.Select(r => r.End));
        Assert.Equal(XenLogRegionsOutcome.Found, d1.Outcome);

        XenLogDomain d2 = log.Domains[2];
        Assert.Equal(0x8000000UL, Assert.Single(d2.Ram).Size);
        Assert.Empty(d2.ExtendedRegions);
        Assert.Equal(XenLogRegionsOutcome.NotInLog, d2.Outcome);
        Assert.Equal(0, d2.OutcomeLineNumber);

        // The historical Dom0 view is d0's.
        Assert.Equal(d0.Ram, log.Dom0Ram);
        Assert.Equal(3, log.GetDom0ExtendedRegions().Count);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void Line_numbers_point_at_the_lines_of_each_domain()
    {
        string[] lines = XenLogSamples.Xen417Dom0AndTwoDomUs;
        XenBootLog log = XenBootLogParser.Parse(XenLogSamples.Render(lines));
        int LineOf(string text) => System.Array.IndexOf(lines, text) + 1;
        XenLogDomain d1 = log.FindDomain("d1")!;
        Assert.Equal(LineOf("d1: extended region 0: 0x50000000->0x100000000"), d1.OutcomeLineNumber);
        Assert.Contains(LineOf("*** LOADING DOMU cpus=1 memory=40000KB ***"), d1.LineNumbers);
        Assert.Contains(LineOf("d1 BANK[0] 0x00000040000000-0x00000050000000 (256MB)"), d1.LineNumbers);
        Assert.DoesNotContain(LineOf("BANK[0] 0x00000060000000-0x00000080000000 (512MB)"), d1.LineNumbers);
        Assert.Equal("log line " + LineOf("BANK[0] 0x00000060000000-0x00000080000000 (512MB)"), log.FindDomain("dom0")!.Ram[0].Source);
    }

    [Fact]
    public void On_4_20_the_grant_table_before_the_Allocating_line_is_still_Dom0s_and_errors_explain_the_failure()
    {
        XenBootLog log = XenBootLogParser.Parse(XenLogSamples.Render(XenLogSamples.Xen420IommuFailure));
        XenLogDomain d0 = log.FindDomain("d0")!;
        Assert.Equal(0x80200000UL, d0.GrantTable!.Value.Start);
        Assert.Equal(XenLogRegionsOutcome.FailedToAllocate, d0.Outcome);
        Assert.Equal(11, d0.OutcomeLineNumber);
        Assert.Equal("Unable to retrieve address 0 for /bus@f4000/r5fss@78000000/r5f@78000000", Assert.Single(d0.ProducerErrors));
        XenLogDomain d1 = log.FindDomain("d1")!;
        Assert.Equal(XenLogRegionsOutcome.Disabled, d1.Outcome);
        Assert.Empty(d1.ProducerErrors);
        Assert.True(log.HasDom0ExtendedRegionVerdict);
    }

    [Theory]
    [InlineData("d1: extended regions support is disabled", "d1", XenLogRegionsOutcome.Disabled)]
    [InlineData("The extended regions support is disabled", "d0", XenLogRegionsOutcome.Disabled)]
    [InlineData("d2: failed to allocate extended regions", "d2", XenLogRegionsOutcome.FailedToAllocate)]
    [InlineData("Failed to allocate extended regions", "d0", XenLogRegionsOutcome.FailedToAllocate)]
    [InlineData("d1: extended regions not supported for 32-bit guests", "d1", XenLogRegionsOutcome.Unsupported32Bit)]
    [InlineData("The extended regions are only supported for 64-bit guest currently", "d0", XenLogRegionsOutcome.Unsupported32Bit)]
    [InlineData("dom3: failed to allocate extended regions", "d3", XenLogRegionsOutcome.FailedToAllocate)]
    [InlineData("d0: extended region 0: 0x48000000->0x54000000", "d0", XenLogRegionsOutcome.Found)]
    [InlineData("Extended region 0: 0x48000000->0x54000000", "d0", XenLogRegionsOutcome.Found)]
    public void Every_outcome_line_in_every_release_wording(string line, string domain, XenLogRegionsOutcome outcome)
    {
        XenBootLog log = Parse("*** LOADING DOMAIN 0 ***", line);
        XenLogDomain d = log.FindDomain(domain)!;
        Assert.Equal(outcome, d.Outcome);
        Assert.Equal(2, d.OutcomeLineNumber);
        Assert.Equal(2, log.XenLineCount);
    }

    [Fact]
    public void A_message_wins_over_region_lines_and_a_second_message_is_reported()
    {
        XenBootLog log = Parse("d1: extended region 0: 0x50000000->0x100000000", "d1: failed to allocate extended regions", "d1: extended regions support is disabled");
        XenLogDomain d1 = Assert.Single(log.Domains);
        Assert.Equal(XenLogRegionsOutcome.FailedToAllocate, d1.Outcome);
        Assert.Equal(2, d1.OutcomeLineNumber);
        Assert.Contains(log.Diagnostics, d => d.LineNumber == 3 && d.Message.Contains("second", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Unnamed_lines_of_a_domU_wait_for_its_id()
    {
        // LOADING DOMU names no domain: the bank printed before the domain's first named line still belongs to it.
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "BANK[0] 0x00000060000000-0x00000080000000 (512MB)",
            "*** LOADING DOMU cpus=1 memory=0x40000KB ***",
            "Failed to remove: 0x40000000->0x50000000",
            "Loading d1 kernel from boot module @ 000000004b000000",
            "d1: failed to allocate extended regions");
        Assert.Equal(new[] { "d0", "d1" }, log.Domains.Select(d => d.Name));
        Assert.Single(log.Domains[0].Ram);
        Assert.Equal("Failed to remove: 0x40000000->0x50000000", Assert.Single(log.Domains[1].ProducerErrors));
        Assert.Empty(log.Domains[0].ProducerErrors);
        Assert.Contains(3, log.Domains[1].LineNumbers);
    }

    [Fact]
    public void Producer_errors_go_to_the_domain_being_built()
    {
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "Failed to add: 0x40000000->0x80000000",
            "d0: failed to allocate extended regions",
            "*** LOADING DOMU cpus=1 memory=0x40000KB ***",
            "Loading d1 kernel from boot module @ 000000004b000000",
            "Failed to remove: 0x50000000->0x52000000, error: -22",
            "Unable to retrieve address 1 for /soc/ethernet@ff0e0000",
            "Freed 356kB init memory.",
            "Failed to add: 0x1->0x2");
        Assert.Equal("Failed to add: 0x40000000->0x80000000", Assert.Single(log.FindDomain("d0")!.ProducerErrors));
        Assert.Equal(
            new[] { "Failed to remove: 0x50000000->0x52000000, error: -22", "Unable to retrieve address 1 for /soc/ethernet@ff0e0000" },
            log.FindDomain("d1")!.ProducerErrors);

        // After boot no domain is being built: a late error is not pinned on any domain, but reported.
        Assert.Empty(log.Domains.Skip(2));
        Assert.Contains(log.Diagnostics, d => d.LineNumber == 9 && d.Message.Contains("no domain is being built", System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_PA_width_error_has_no_newline_so_the_failure_shares_its_line()
    {
        // handle_pci_range prints without "\n"; the next printk keeps its level marker "<1>" on the same line.
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "/soc/pcie@40000000: [0xffffffffffffffff, 0x10000ffffffffffe] exceeds the maximum allowed PA width (64 bits)<1>d0: failed to allocate extended regions");
        XenLogDomain d0 = log.FindDomain("d0")!;
        Assert.Equal(XenLogRegionsOutcome.FailedToAllocate, d0.Outcome);
        Assert.Equal(2, d0.OutcomeLineNumber);
        Assert.Equal(
            "/soc/pcie@40000000: [0xffffffffffffffff, 0x10000ffffffffffe] exceeds the maximum allowed PA width (64 bits)",
            Assert.Single(d0.ProducerErrors));
    }

    [Fact]
    public void A_4_21_hardware_domain_built_from_a_dom0less_node_keeps_its_own_id_though_Xen_says_dom0()
    {
        XenBootLog log = Parse(
            "Xen dom0less mode detected",
            "*** LOADING DOMU cpus=2 memory=0x100000KB ***",
            "Loading d1 kernel from boot module @ 0000000049000000",
            "Grant table range: 0x00000040200000-0x00000040240000",
            "Allocating 1:1 mappings totalling 1024MB for dom0:",
            "BANK[0] 0x00000080000000-0x000000c0000000 (1024MB)",
            "d1: extended region 0: 0x40400000->0x80000000");
        Assert.True(log.Dom0lessMode);
        XenLogDomain d1 = Assert.Single(log.Domains);
        Assert.Equal("d1", d1.Name);
        Assert.True(d1.DirectMapped);
        Assert.Equal(0x80000000UL, Assert.Single(d1.Ram).Start);
        Assert.Equal(0x40200000UL, d1.GrantTable!.Value.Start);
        Assert.Null(log.FindDomain("d0"));
        Assert.Empty(log.Dom0Ram);
    }

    [Fact]
    public void Static_banks_and_the_4_22_wording_of_the_1_1_allocation()
    {
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "Allocating 1:1 mappings totalling 256MB for d0:",
            "BANK[0] 0x00000060000000-0x00000070000000 (256MB)",
            "*** LOADING DOMU cpus=1 memory=0x20000KB ***",
            "d1: STATIC BANK[0] 0x00000030000000-0x00000038000000");
        MemoryBank ram = Assert.Single(log.FindDomain("d0")!.Ram);
        Assert.Equal((0x60000000UL, MemoryBankKind.DomainRam), (ram.Start, ram.Kind));
        XenLogDomain d1 = log.FindDomain("d1")!;
        Assert.Empty(d1.Ram);
        MemoryBank s = Assert.Single(d1.StaticMemory);
        Assert.Equal((0x30000000UL, 0x8000000UL, MemoryBankKind.StaticMemory), (s.Start, s.Size, s.Kind));
    }

    [Fact]
    public void From_4_22_the_1_1_allocation_names_its_domain_even_for_a_dom0less_hardware_domain()
    {
        // Only the literal "dom0" of allocate_memory_11 before 4.22 defers to the domain being built.
        XenBootLog log = Parse(
            "*** LOADING DOMU cpus=1 memory=0x40000KB ***",
            "Allocating 1:1 mappings totalling 256MB for d1:",
            "BANK[0] 0x00000060000000-0x00000070000000 (256MB)");
        XenLogDomain d1 = Assert.Single(log.Domains);
        Assert.Equal(("d1", true, (ulong?)256, 0x60000000UL), (d1.Name, d1.DirectMapped, d1.AllocatedMiB, Assert.Single(d1.Ram).Start));
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void An_LLC_coloured_Dom0_prints_guest_style_banks_named_d0()
    {
        XenBootLog log = Parse(
            "*** LOADING DOMAIN 0 ***",
            "Allocating mappings totalling 2048MB for d0:",
            "d0 BANK[0] 0x00000057000000-0x00000084000000 (720MB)",
            "d0 BANK[1] 0x0000008e800000-0x000000c0000000 (792MB)",
            "d0: extended region 0: 0x48000000->0x54000000");
        XenLogDomain d0 = Assert.Single(log.Domains);
        Assert.False(d0.DirectMapped);
        Assert.Equal(2, d0.Ram.Count);
        Assert.Equal(2, log.Dom0Ram.Count);
    }

    [Theory]
    [InlineData("dom0", "d0")]
    [InlineData("Dom0", "d0")]
    [InlineData("DOM1", "d1")]
    [InlineData("(d2)", "d2")]
    [InlineData("d007", "d7")]
    public void Domain_names_are_normalised(string written, string name)
    {
        XenBootLog log = Parse(written + ": failed to allocate extended regions");
        Assert.Equal(name, Assert.Single(log.Domains).Name);
        Assert.NotNull(log.FindDomain(written));
    }

    [Fact]
    public void In_dom0less_mode_an_unattributable_line_is_reported_not_given_to_d0()
    {
        XenBootLog log = Parse("Xen dom0less mode detected", "BANK[0] 0x00000060000000-0x00000070000000 (256MB)");
        Assert.Empty(log.Domains);
        Assert.Contains(log.Diagnostics, d => d.LineNumber == 2 && d.Message.Contains("dom0less", System.StringComparison.Ordinal));
    }
}
