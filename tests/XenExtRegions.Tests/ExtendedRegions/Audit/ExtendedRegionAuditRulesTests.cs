using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions.Audit;

/// <summary>
/// What the audit says about each region and why, in the words a user reads: which overlaps are by design, which node
/// paths are host RAM, how a window past 2^64 is clipped, and how a region outside host RAM is judged.
/// </summary>
public sealed class ExtendedRegionAuditRulesTests
{
    private static readonly MemoryBank[] OneGiBRam = [new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)];

    // P1 (no IOMMU) offers the host RAM that nothing else uses: here one region, 0x40000000->0x80000000.
    private static ExtendedRegionsInput Dom0() => new() { Release = XenRelease.Parse("4.22.0"), IpaBits = 40, HostRam = OneGiBRam };

    private static ExtendedRegionsResult Run(ExtendedRegionsInput input)
    {
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
        Assert.Equal(new MemoryBank(0x40000000, 0x40000000), new MemoryBank(Assert.Single(result.Regions).Start, result.Regions[0].Size));
        return result;
    }

    // A result as a producer might leave it, for the audit's rules on regions the engine does not make.
    private static ExtendedRegionsResult Result(ExtendedRegionsInput input, params MemoryBank[] regions) =>
        new(input, ProducerKind.HostUnallocatedMemory, ExtendedRegionsOutcome.Found, XenError.None, null, regions, [], [], []);

    [Fact]
    public void A_boot_module_overlap_is_a_note_by_design_and_any_other_overlap_is_unsafe()
    {
        ExtendedRegionsResult result = Run(Dom0() with
        {
            BootModules = [new BootModule(BootModuleKind.Kernel, 0x48000000, 0x1000000, "/chosen/module@48000000")],
            UserExclusions = [new MemoryBank(0x50000000, 0x1000, MemoryBankKind.UserExclusion, "my FPGA window")],
        });
        var findings = ExtendedRegionAudit.Audit(result);
        AuditFinding module = Assert.Single(findings, f => f.Kind == AuditFindingKind.OverlapsBootModule);
        Assert.Equal(AuditSeverity.Note, module.Severity);
        string moduleText = $"0x40000000->0x80000000 overlaps /chosen/module@48000000 at {new AddressRange(0x48000000, 0x48ffffff)} (by design: Xen frees boot-module memory once Dom0 is built)";
        Assert.Equal(moduleText, module.Message);
        Assert.Equal("Note reg[1] (Xen's extended region 0): " + moduleText, module.ToString());

        AuditFinding user = Assert.Single(findings, f => f.Kind == AuditFindingKind.OverlapsUserExclusion);
        Assert.Equal(AuditSeverity.Unsafe, user.Severity);
        Assert.Equal($"0x40000000->0x80000000 overlaps my FPGA window at {new AddressRange(0x50000000, 0x50000fff)}", user.Message);
    }

    [Fact]
    public void A_list_Linux_refuses_is_one_unsafe_finding_for_the_whole_list_and_Zephyr_names_the_region()
    {
        ExtendedRegionsInput input = Dom0() with { HostRam = [new MemoryBank(0, 0x80000000, MemoryBankKind.HostRam)] };
        var findings = ExtendedRegionAudit.Audit(Result(input, new MemoryBank(0, 0x8000000), new MemoryBank(0, 0x10000000)));
        AuditFinding linux = Assert.Single(findings, f => f.Kind == AuditFindingKind.RejectedByLinux);
        const string Why = "region 1 at 0 is not above region 0 ending at 0x7ffffff: Linux disables extended regions (-EINVAL)";
        Assert.Equal((AuditSeverity.Unsafe, -1, Why), (linux.Severity, linux.RegionIndex, linux.Message));
        Assert.Equal("Unsafe: " + Why, linux.ToString());
        AuditFinding zephyr = findings.First(f => f.Kind == AuditFindingKind.RejectedByZephyr);
        Assert.Equal(0, zephyr.RegionIndex);
        Assert.Equal("a Zephyr guest refuses this region at build time (starts at 0: Zephyr refuses it; skip page 0 (start 0x1000, size 0x7fff000))", zephyr.Message);
    }

    [Fact]
    public void A_region_with_no_whole_Linux_section_is_a_warning_that_says_so()
    {
        AuditFinding f = Assert.Single(
            ExtendedRegionAudit.Audit(Result(Dom0(), new MemoryBank(0x44000000, 0x4000000))), x => x.Kind == AuditFindingKind.UnusableByLinux);
        Assert.Equal((AuditSeverity.Warning, 0), (f.Severity, f.RegionIndex));
        Assert.Equal("no whole memory section of this region is usable by Linux after section alignment", f.Message);
    }

    [Fact]
    public void Outside_host_RAM_the_tail_of_a_partial_RAM_page_is_a_warning_and_anything_else_unsafe()
    {
        // RAM ends 0x800 bytes into its last page: that page's tail is rounded in, the page after it is not RAM.
        ExtendedRegionsInput input = Dom0() with { HostRam = [new MemoryBank(0x40000000, 0x3ffff800, MemoryBankKind.HostRam)] };
        AuditFinding tail = Assert.Single(
            ExtendedRegionAudit.Audit(Result(input, new MemoryBank(0x40000000, 0x40000000))), f => f.Kind == AuditFindingKind.NotHostRam);
        Assert.Equal((AuditSeverity.Warning, new AddressRange(0x7ffff800, 0x7fffffff)), (tail.Severity, tail.Overlap!.Value));
        Assert.Equal("covers [0x7ffff800, 0x7fffffff], the unused tail of a partial RAM page (outward page rounding)", tail.Message);

        AuditFinding beyond = Assert.Single(
            ExtendedRegionAudit.Audit(Result(input, new MemoryBank(0x40000000, 0x50000000))), f => f.Kind == AuditFindingKind.NotHostRam);
        Assert.Equal(AuditSeverity.Unsafe, beyond.Severity);
        Assert.Equal("covers [0x7ffff800, 0x8fffffff], which is not host RAM", beyond.Message);

        // RAM starting 0x800 bytes into its first page: that page's head is rounded in the same way.
        ExtendedRegionsInput head = Dom0() with { HostRam = [new MemoryBank(0x40000800, 0x3ffff800, MemoryBankKind.HostRam)] };
        AuditFinding before = Assert.Single(
            ExtendedRegionAudit.Audit(Result(head, new MemoryBank(0x40000000, 0x40000000))), f => f.Kind == AuditFindingKind.NotHostRam);
        Assert.Equal((AuditSeverity.Warning, new AddressRange(0x40000000, 0x400007ff)), (before.Severity, before.Overlap!.Value));
    }

    [Fact]
    public void A_region_with_no_address_range_is_left_to_the_guest_checks()
    {
        ExtendedRegionsInput input = Dom0() with { UserExclusions = [new MemoryBank(0, 0x1000, MemoryBankKind.UserExclusion, "page 0")] };
        var findings = ExtendedRegionAudit.Audit(Result(input, new MemoryBank(0x50000000, 0)));
        Assert.DoesNotContain(findings, f => f.Kind is AuditFindingKind.OverlapsUserExclusion or AuditFindingKind.NotHostRam);
        Assert.Contains(findings, f => f.Kind == AuditFindingKind.RejectedByLinux);
    }

    [Theory]
    [InlineData("/memory@40000000", null)]
    [InlineData("/memory", null)]
    [InlineData("/memoryx", AuditFindingKind.OverlapsDeviceRegister)]
    [InlineData("/memory@40000000/ecc@41000000", AuditFindingKind.OverlapsDeviceRegister)]
    [InlineData("/memory-controller@41000000", AuditFindingKind.OverlapsDeviceRegister)]
    [InlineData("/reserved-memory/buffer@41000000", AuditFindingKind.OverlapsReservedMemory)]
    public void Only_a_root_memory_node_is_host_RAM_that_P1_may_offer(string path, AuditFindingKind? expected)
    {
        ExtendedRegionsResult result = Run(Dom0() with { DescribedWindows = [DescribedWindow.Reg(path, 0, 0x41000000, 0x1000)] });
        AuditFinding[] overlaps = ExtendedRegionAudit.Audit(result).Where(f => f.Overlap is not null && f.Kind != AuditFindingKind.NotHostRam).ToArray();
        Assert.Equal(expected is null ? Array.Empty<AuditFindingKind>() : [expected.Value], overlaps.Select(f => f.Kind));
        if (expected is not null)
        {
            Assert.Equal(path + " reg[0]", overlaps[0].Subject);
        }
    }

    [Fact]
    public void A_bank_running_past_2_to_the_64_is_clipped_at_the_top()
    {
        ExtendedRegionsResult result = Run(Dom0() with { UserExclusions = [new MemoryBank(0x70000000, ulong.MaxValue, MemoryBankKind.UserExclusion, "top")] });
        AuditFinding f = Assert.Single(ExtendedRegionAudit.Audit(result), x => x.Kind == AuditFindingKind.OverlapsUserExclusion);
        Assert.Equal(new AddressRange(0x70000000, 0x7fffffff), f.Overlap);
    }

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        ExtendedRegionsResult result = Run(Dom0());
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => ExtendedRegionAudit.Audit(null!)).ParamName);
        Assert.Equal("hypervisorNode", Assert.Throws<ArgumentNullException>(() => ExtendedRegionAudit.Audit(result, null!, null)).ParamName);
    }
}
