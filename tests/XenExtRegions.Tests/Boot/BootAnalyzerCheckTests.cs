using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Boot;

public sealed class BootAnalyzerCheckTests
{
    private static readonly MemoryBank Grant = new(0x41000000, 0x40000, MemoryBankKind.GrantTable, "--gnttab");

    private static BootAnalysis Analyze(BootTrees trees, params MemoryBank[] dom0) =>
        new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree()) { Dom0Ram = dom0, Dom0GrantTable = Grant });

    [Fact]
    public void A_tree_without_a_usable_memory_node_is_a_warning_not_silence()
    {
        BootAnalysis a = Analyze(new BootTrees { Memory = "memory { device_type = \"memory\"; reg = <0x0 0x0 0x0 0x0>; };" }, new MemoryBank(0x60000000, 0x10000000));
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.NoUsableMemoryNode);
        Assert.Equal(BootFindingSeverity.Warning, f.Severity);
        Assert.Contains("bootloader", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_Dom0_bank_outside_host_RAM_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees(), new MemoryBank(0xB8000000, 0x10000000, MemoryBankKind.DomainRam, "--dom0-bank"));
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.BankOutsideHostRam);
        Assert.Contains("0xb8000000-0xc8000000 [--dom0-bank]", f.Message, System.StringComparison.Ordinal);
        Assert.Equal("d0", f.Domain);
    }

    [Fact]
    public void Overlapping_Dom0_banks_are_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees(), new MemoryBank(0x60000000, 0x10000000), new MemoryBank(0x68000000, 0x10000000));
        Assert.Single(a.Findings, f => f.Id == BootFindingId.BanksOverlap);
        Assert.DoesNotContain(a.Findings, f => f.Id == BootFindingId.BankOutsideHostRam);
    }

    [Fact]
    public void Adjacent_banks_do_not_overlap()
    {
        BootAnalysis a = Analyze(new BootTrees(), new MemoryBank(0x60000000, 0x8000000), new MemoryBank(0x68000000, 0x8000000));
        Assert.DoesNotContain(a.Findings, f => f.Id == BootFindingId.BanksOverlap);
    }

    [Fact]
    public void A_grant_window_inside_Dom0_RAM_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees(), new MemoryBank(0x40000000, 0x10000000));
        Assert.Single(a.Findings, f => f.Id == BootFindingId.GrantWindowOverlapsRam);
    }

    [Fact]
    public void Dom0_mem_disagreeing_with_the_banks_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "dom0_mem=512M" }, new MemoryBank(0x60000000, 0x10000000));
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.Dom0MemoryDiffers);
        Assert.Contains("512", f.Message, System.StringComparison.Ordinal);
        Assert.Contains("256", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_sane_boot_has_no_warnings()
    {
        BootAnalysis a = Analyze(new BootTrees(), new MemoryBank(0x60000000, 0x10000000));
        Assert.DoesNotContain(a.Findings, f => f.Severity != BootFindingSeverity.Note);
    }

    [Fact]
    public void A_Dom0_bank_over_reserved_memory_is_a_warning()
    {
        var trees = new BootTrees
        {
            Memory = "memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x80000000>; };\n reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges; buf@64000000 { reg = <0x0 0x64000000 0x0 0x1000000>; }; };",
        };
        BootAnalysis a = Analyze(trees, new MemoryBank(0x60000000, 0x10000000));
        Assert.Single(a.Findings, f => f.Id == BootFindingId.BankOverlapsReserved);
    }
}
