using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Boot;

public sealed class BootAnalyzerDomainTests
{
    private static BootAnalysis Analyze(BootTrees trees, System.Func<BootAnalysisInput, BootAnalysisInput>? edit = null)
    {
        var input = new BootAnalysisInput(trees.Tree()) { HostTreeName = "host.dts" };
        return new BootAnalyzer().Analyze(edit is null ? input : edit(input));
    }

    [Fact]
    public void Domains_come_in_Xens_order_with_Xens_ids_Dom0_first_then_chosen_order()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000").Domain("domU2", "0x40000", string.Empty, 0x4c000000));
        Assert.Equal(["d0", "d1", "d2"], a.Domains.Select(d => d.Name));
        Assert.Equal([0, 1, 2], a.Domains.Select(d => d.Id));
        Assert.Equal(["/chosen", "/chosen/domU1", "/chosen/domU2"], a.Domains.Select(d => d.NodePath));
        Assert.True(a.Domains[0].IsHardwareDomain);
        Assert.False(a.Domains[1].IsHardwareDomain);
    }

    [Fact]
    public void Without_a_Dom0_kernel_Xen_runs_dom0less_and_domU_ids_still_start_at_1()
    {
        BootAnalysis a = Analyze(new BootTrees { Dom0Kernel = false }.Domain("domU1", "0x100000"));
        BootDomain d = Assert.Single(a.Domains);
        Assert.Equal("d1", d.Name);
        Assert.Contains(a.Facts, f => f.Name == "Dom0" && f.Value.Contains("dom0less", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_guest_layout_domU_is_fully_known_before_boot_E7()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"));
        BootDomain d1 = a.Domains[1];
        Assert.Equal(DomainKind.Dom0lessDomU, d1.Kind);
        Assert.NotNull(d1.Result);
        Assert.Equal(ProducerKind.DomUHoles, d1.Result!.Producer);
        Assert.Equal([(0x80000000UL, 0x80000000UL), (0x200000000UL, 0xFE00000000UL)], d1.Result.Regions.Select(r => (r.Start, r.Size)));
        Assert.Equal(XenConstants.GuestGrantTableBase, d1.Result.GrantWindow.Start);
        Assert.Equal(BootDomainVerdict.NoLog, d1.Verdict);
    }

    [Fact]
    public void A_domU_without_xen_enhanced_gets_no_hypervisor_node()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000", string.Empty));
        Assert.Equal(ExtendedRegionsOutcome.NoHypervisorNode, a.Domains[1].Result!.Outcome);
    }

    [Fact]
    public void Dom0_without_an_IOMMU_before_boot_says_which_facts_Xen_decides_at_boot_and_still_reports_the_rest()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"));
        BootDomain d0 = a.Domains[0];
        Assert.Null(d0.Result);
        Assert.Equal(BootDomainVerdict.NotComputed, d0.Verdict);
        Assert.Equal(2, d0.MissingFacts.Count);
        Assert.Contains(d0.MissingFacts, m => m.Contains("BANK", System.StringComparison.Ordinal));
        Assert.Contains(d0.MissingFacts, m => m.Contains("Grant table range", System.StringComparison.Ordinal));
        Assert.NotNull(a.Domains[1].Result);
    }

    [Fact]
    public void Dom0_banks_and_grant_window_given_by_the_caller_are_computed_with_find_host_extended_regions()
    {
        BootAnalysis a = Analyze(new BootTrees(), i => i with
        {
            Dom0Ram = [new MemoryBank(0x60000000, 0x10000000, MemoryBankKind.DomainRam, "--dom0-bank")],
            Dom0GrantTable = new MemoryBank(0x41000000, 0x40000, MemoryBankKind.GrantTable, "--gnttab"),
        });
        BootDomain d0 = Assert.Single(a.Domains);
        Assert.Equal(ProducerKind.HostUnallocatedMemory, d0.Result!.Producer);
        Assert.Equal([(0x41200000UL, 0x1EE00000UL), (0x70000000UL, 0x50000000UL)], d0.Result.Regions.Select(r => (r.Start, r.Size)));
        Assert.Contains(d0.Facts, f => f.Name == "RAM" && f.Origin == BootFactOrigin.Option);
    }

    [Fact]
    public void Ext_regions_0_in_the_trees_bootargs_disables_every_domain_and_needs_no_Dom0_banks()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "console=dtuart ext_regions=0" }.Domain("domU1", "0x100000"));
        Assert.All(a.Domains, d => Assert.Equal(ExtendedRegionsOutcome.Disabled, d.Result!.Outcome));
        Assert.Empty(a.Domains[0].MissingFacts);
        BootFact fact = Assert.Single(a.Facts, f => f.Name == "ext_regions");
        Assert.Equal(BootFactOrigin.HostTree, fact.Origin);
        Assert.Contains("/chosen xen,xen-bootargs", fact.Source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Ipa_bits_default_to_40_and_say_so()
    {
        BootAnalysis a = Analyze(new BootTrees());
        BootFact fact = Assert.Single(a.Facts, f => f.Name == "IPA bits");
        Assert.Equal(("40", BootFactOrigin.Default), (fact.Value, fact.Origin));
    }

    [Fact]
    public void A_domain_node_without_cpus_makes_Xen_panic()
    {
        var trees = new BootTrees();
        trees.Domains.Add("domU1 { compatible = \"xen,domain\"; memory = <0x0 0x40000>; xen,enhanced; module@4a000000 { compatible = \"multiboot,kernel\", \"multiboot,module\"; reg = <0x0 0x4a000000 0x0 0x1000000>; }; };");
        BootAnalysis a = Analyze(trees);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.DomainPanics);
        Assert.Equal(("d1", BootFindingSeverity.Error), (f.Domain, f.Severity));
        Assert.Contains("cpus", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_whose_memory_exceeds_the_guest_banks_is_a_finding_not_an_exception()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0xffffffff"));
        Assert.Null(a.Domains[1].Result);
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.DomainNotComputable && f.Domain == "d1" && f.Message.Contains("/chosen/domU1", System.StringComparison.Ordinal));
    }

    [Fact]
    public void From_4_21_a_domain_node_with_the_hardware_capability_is_the_hardware_domain()
    {
        var trees = new BootTrees { Dom0Kernel = false, Iommu = "arm,mmu-500" }.Domain("hwdom", "0x100000", "capabilities = <2>; direct-map; xen,static-mem = <0x0 0x60000000 0x0 0x10000000>;");
        BootAnalysis a = Analyze(trees, i => i with { Release = XenRelease.V421 });
        BootDomain d = Assert.Single(a.Domains);
        Assert.True(d.IsHardwareDomain);
        Assert.Equal(("d1", DomainKind.HardwareDomain), (d.Name, d.Kind));
        Assert.Equal(ProducerKind.DeviceTreeHoles, d.Result!.Producer);

        BootAnalysis old = Analyze(trees, i => i with { Release = XenRelease.V4201 });
        Assert.False(Assert.Single(old.Domains).IsHardwareDomain);
    }

    [Fact]
    public void A_hardware_domain_node_beside_a_Dom0_kernel_makes_Xen_panic()
    {
        var trees = new BootTrees().Domain("hwdom", "0x100000", "capabilities = <2>;");
        BootAnalysis a = Analyze(trees, i => i with { Release = XenRelease.V422 });
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.DomainPanics && f.Message.Contains("Only 1 hardware domain", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_LLC_coloured_Dom0_uses_the_host_layout_from_4_20_with_its_banks_from_the_log()
    {
        const string log = """
            (XEN) Xen version 4.22.0
            (XEN) Command line: llc-coloring=on dom0_mem=256M
            (XEN) Allocating 1:1 mappings totalling 256MB for d0:
            (XEN) d0 BANK[0] 0x00000060000000-0x00000070000000 (256MB)
            (XEN) Grant table range: 0x00000041000000-0x00000041040000
            """;
        BootAnalysis a = new BootAnalyzer().Analyze(new BootAnalysisInput(new BootTrees().Tree()) { Log = XenExtRegions.XenLog.XenBootLogParser.Parse(log) });
        BootDomain d0 = Assert.Single(a.Domains);
        Assert.Equal(DomainKind.ColouredHardwareDomain, d0.Kind);
        Assert.Equal(ProducerKind.HostUnallocatedMemory, d0.Result!.Producer);
        Assert.Contains(d0.Facts, f => f.Name == "layout" && f.Value.Contains("LLC-coloured", System.StringComparison.Ordinal));
        Assert.Equal([(0x41200000UL, 0x1EE00000UL), (0x70000000UL, 0x50000000UL)], d0.Result.Regions.Select(r => (r.Start, r.Size)));
    }
}
