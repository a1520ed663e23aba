using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.Boot;

/// <summary>Where the log and the tree disagree, a warning names both sources; each rule here fails if it breaks.</summary>
public sealed class BootAnalyzerCrossCheckTests
{
    private static BootAnalysis Analyze(BootTrees trees, string log, XenRelease? release = null) =>
        new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree())
        {
            HostTreeName = "host.dts",
            Log = XenBootLogParser.Parse(log, new XenBootLogOptions { MemoryReservationCount = trees.Tree().MemoryReservations.Count }),
            LogName = "boot.log",
            Release = release,
        });

    [Fact]
    public void A_command_line_in_the_log_that_differs_from_the_trees_is_used_and_said()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "console=dtuart ext_regions=1" }, "(XEN) Xen version 4.22.0\n(XEN) Command line: console=dtuart ext_regions=0\n");
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.CommandLineDiffers);
        Assert.Contains("boot.log line 2", f.Message, System.StringComparison.Ordinal);
        Assert.Contains("host.dts /chosen xen,xen-bootargs", f.Message, System.StringComparison.Ordinal);
        Assert.False(a.CommandLine.ExtendedRegions);
        Assert.Equal(ExtendedRegionsOutcome.Disabled, a.Domains[0].Result!.Outcome);
    }

    [Fact]
    public void The_same_command_line_in_both_is_not_a_finding()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "console=dtuart  ext_regions=0" }, "(XEN) Xen version 4.22.0\n(XEN) Command line: console=dtuart ext_regions=0\n");
        Assert.DoesNotContain(a.Findings, f => f.Id == BootFindingId.CommandLineDiffers);
    }

    [Fact]
    public void An_IOMMU_the_tree_has_but_the_log_says_is_disabled_names_the_driver()
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = "arm,mmu-500" }, "(XEN) Xen version 4.22.0\n(XEN) I/O virtualisation disabled\n");
        Assert.False(a.IommuEnabled);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.IommuPresentButDisabled);
        Assert.Contains("CONFIG_ARM_SMMU", f.Message, System.StringComparison.Ordinal);
        Assert.Contains("/soc/iommu@5000000", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_IOMMU_the_log_enables_without_a_node_in_the_tree_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees(), "(XEN) Xen version 4.22.0\n(XEN) I/O virtualisation enabled\n");
        Assert.True(a.IommuEnabled);
        Assert.Single(a.Findings, f => f.Id == BootFindingId.IommuEnabledWithoutNode);
        Assert.Equal(ProducerKind.DeviceTreeHoles, a.Domains[0].Result!.Producer);
    }

    [Fact]
    public void Reserved_memory_in_the_log_that_the_tree_lacks_is_used_and_said()
    {
        const string log = "(XEN) Xen version 4.22.0\n(XEN)  RESVD[0]: 0000000050000000 - 0000000050ffffff\n";
        BootAnalysis a = Analyze(new BootTrees(), log);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.ReservedMemoryDiffers);
        Assert.Contains("0x50000000-0x51000000", f.Message, System.StringComparison.Ordinal);
        Assert.Equal(BootFactOrigin.BootLog, a.Facts.Single(x => x.Name == "reserved memory").Origin);
    }

    [Fact]
    public void Before_4_19_the_first_RESVD_lines_are_the_trees_memreserve_entries_and_are_not_reserved()
    {
        // 4.17 prints /memreserve/ entries first with an exclusive end and does not reserve them.
        var trees = new BootTrees { MemReserve = "/memreserve/ 0x90000000 0x4000000;\n" };
        const string log = "(XEN) Xen version 4.17.5\n(XEN)  RESVD[0]: 0000000090000000 - 0000000094000000\n";
        BootAnalysis a = Analyze(trees, log);
        Assert.DoesNotContain(a.Findings, f => f.Id == BootFindingId.ReservedMemoryDiffers);
        Assert.Equal("none", a.Facts.Single(x => x.Name == "reserved memory").Value);
    }

    [Fact]
    public void The_command_lines_ext_regions_contradicting_the_logs_disabled_line_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "ext_regions=1" }, "(XEN) Xen version 4.22.0\n(XEN) d0: extended regions support is disabled\n");
        Assert.Single(a.Findings, f => f.Id == BootFindingId.ExtendedRegionsSettingDiffers && f.Domain == "d0");
    }

    [Fact]
    public void A_domUs_bank_lines_that_differ_from_its_nodes_memory_are_a_warning()
    {
        const string log = """
            (XEN) Xen version 4.22.0
            (XEN) Allocating mappings totalling 512MB for d1:
            (XEN) d1 BANK[0] 0x00000040000000-0x00000060000000 (512MB)
            """;
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"), log);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.DomainRamDiffersFromLog);
        Assert.Equal("d1", f.Domain);
        Assert.Contains("0x40000000-0x80000000", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_banner_naming_an_unknown_release_is_a_warning_and_the_latest_is_used()
    {
        BootAnalysis a = Analyze(new BootTrees(), "(XEN) Xen version 4.99.0 (builder@example.org)\n");
        Assert.Single(a.Findings, f => f.Id == BootFindingId.ReleaseUnknown);
        Assert.Equal(XenRelease.Latest, a.Release);
    }

    [Fact]
    public void A_pre_banner_behaves_as_the_last_tag_of_its_branch_and_says_so()
    {
        BootAnalysis a = Analyze(new BootTrees(), "(XEN) Xen version 4.20.5-pre (Debian 4.20.4+63)\n");
        Assert.Equal(XenRelease.V4204, a.Release);
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.ValueAssumed && f.Message.Contains("4.20.5-pre", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_command_line_value_is_reported_in_Xens_words()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "ext_regions=perhaps" }, "(XEN) Xen version 4.22.0\n");
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.CommandLineProblem && f.Message.Contains("\"ext_regions\" has invalid value \"perhaps\"", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Up_to_4_20_a_passthrough_node_gives_the_IOMMU_to_every_later_direct_mapped_node()
    {
        var trees = new BootTrees { Iommu = "arm,mmu-500" }
            .Domain("domU1", "0x40000", "xen,enhanced; passthrough = \"enabled\";")
            .Domain("domU2", "0x40000", "xen,enhanced; direct-map; xen,static-mem = <0x0 0x90000000 0x0 0x10000000>;", 0x4c000000);
        BootAnalysis old = new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree()) { Release = XenRelease.V4201 });
        Assert.Contains(old.Findings, f => f.Id == BootFindingId.PassthroughCarriesOver && f.Domain == "d2");
        Assert.Equal(ProducerKind.DeviceTreeHoles, old.Domains[2].Result!.Producer);

        BootAnalysis now = new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree()) { Release = XenRelease.V421 });
        Assert.DoesNotContain(now.Findings, f => f.Id == BootFindingId.PassthroughCarriesOver);
        Assert.Equal(ProducerKind.HostUnallocatedMemory, now.Domains[2].Result!.Producer);
    }
}
