using System.Linq;
using Microsoft.Extensions.Logging;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.BootFacts;

/// <summary>Per-release rules of the boot scan that change within a stable branch (spec §6, §11, §17).</summary>
public sealed class BootScanReleaseRulesTests
{
    public static TheoryData<string> KnownReleases => new(XenRelease.Known.Select(r => r.ToString()));

    private static DeviceTreeNode Memory(string name, params uint[] reg) => N(name, Str("device_type", "memory"), Reg(reg));

    /// <summary>RAM at depth 1 and a memory node at <paramref name="depth"/> (which 4.16–4.19 would take as RAM if scanned).</summary>
    private static DeviceTree WithNodeAtDepth(int depth)
    {
        DeviceTreeNode node = Memory("memory@80000000", 0x80000000, 0x10000000);
        for (int i = depth - 1; i >= 1; i--)
        {
            node = N("n" + i, node);
        }

        return Tree(Ac(1), Sc(1), Memory("memory@40000000", 0x40000000, 0x10000000), node);
    }

    private static bool Hangs(XenRelease r) =>
        r < XenRelease.V4204 || (r.Minor == 21 && r < XenRelease.V4212);

    [Theory]
    [MemberData(nameof(KnownReleases))]
    public void A_node_nested_16_deep_hangs_releases_before_4_20_4_4_21_2_4_22_0_and_is_skipped_after(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(r)).Scan(WithNodeAtDepth(16));

        BootScanDiagnostic d = Assert.Single(facts.Diagnostics, x => x.Id is BootScanDiagnosticId.NestedTooDeep or BootScanDiagnosticId.NestedTooDeepHangsBoot);
        const string path = "/n1/n2/n3/n4/n5/n6/n7/n8/n9/n10/n11/n12/n13/n14/n15/memory@80000000";
        Assert.Equal(path, d.NodePath);
        Assert.Contains("16", d.Message);
        if (Hangs(r))
        {
            Assert.Equal(BootScanDiagnosticId.NestedTooDeepHangsBoot, d.Id);
            Assert.Equal(LogLevel.Error, d.Level);
            Assert.Contains("hangs", d.Message);
            Assert.Contains(path, d.Message);
        }
        else
        {
            Assert.Equal(BootScanDiagnosticId.NestedTooDeep, d.Id);
            Assert.Equal(LogLevel.Warning, d.Level);
        }

        // Either way the computation goes on as if the node were skipped.
        Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
        Assert.Equal([0x40000000UL], facts.HostRam.Select(b => b.Start));
    }

    [Fact]
    public void A_node_nested_15_deep_is_scanned()
    {
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(XenRelease.V4190)).Scan(WithNodeAtDepth(15));
        Assert.DoesNotContain(facts.Diagnostics, x => x.Id is BootScanDiagnosticId.NestedTooDeep or BootScanDiagnosticId.NestedTooDeepHangsBoot);
        Assert.Equal(2, facts.HostRam.Count);
    }

    [Theory]
    [InlineData(20, 3, true)]
    [InlineData(20, 4, false)]
    [InlineData(21, 1, true)]
    [InlineData(21, 2, false)]
    [InlineData(22, 0, false)]
    [InlineData(19, 6, true)]
    public void The_patch_level_overload_tells_the_hang_apart(int minor, int patch, bool hangs) =>
        Assert.Equal(hangs, BootScanOptions.ForRelease(4, minor, patch).DeepNodesHangBoot);

    [Fact]
    public void The_major_minor_overload_means_the_first_tag()
    {
        Assert.True(BootScanOptions.ForRelease(4, 21).DeepNodesHangBoot);
        Assert.False(BootScanOptions.ForRelease(4, 22).DeepNodesHangBoot);
        Assert.False(BootScanOptions.Latest.DeepNodesHangBoot);
    }

    [Fact]
    public void The_input_built_from_a_tree_uses_the_release_patch_level()
    {
        DeviceTree tree = WithNodeAtDepth(17);
        BootFactsScanner Scanner(XenRelease r) => new(BootScanOptions.ForRelease(r));
        Assert.Contains(Scanner(XenRelease.V4211).Scan(tree).Diagnostics, x => x.Id == BootScanDiagnosticId.NestedTooDeepHangsBoot);
        Assert.DoesNotContain(Scanner(XenRelease.V4212).Scan(tree).Diagnostics, x => x.Id == BootScanDiagnosticId.NestedTooDeepHangsBoot);
        ExtendedRegionsInput input = new ExtendedRegionsInput { Release = XenRelease.V4211 }.WithHostDeviceTree(tree);
        Assert.Equal([0x40000000UL], input.HostRam.Select(b => b.Start));
    }

    private static DeviceTree ReservedInsideMemreserve(params DeviceTreeNode[] extra) =>
        Tree(new[] { new XenExtRegions.DeviceTrees.MemoryReservation(0x90000000, 0x4000000) }, new object[]
        {
            Ac(1), Sc(1), Memory("memory@40000000", 0x40000000, 0x80000000),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("buf@90000000", Reg(0x90000000, 0x100000))),
        }.Concat(extra).ToArray());

    [Theory]
    [MemberData(nameof(KnownReleases))]
    public void Reserved_memory_inside_a_memreserve_entry_is_accepted_from_4_19_2(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(r)).Scan(ReservedInsideMemreserve());

        // 4.16–4.18 do not reserve /memreserve/ at all; 4.19.0–4.19.1 reject the overlap (boot panics); 4.19.2+ accept it.
        bool rejected = r >= XenRelease.V4190 && r < XenRelease.V4192;
        Assert.Equal(rejected ? BootScanOutcome.Stopped : BootScanOutcome.Completed, facts.Outcome);
        Assert.Equal(rejected, facts.Diagnostics.Any(d => d.Id == BootScanDiagnosticId.ReservedOverlap && d.NodePath == "/reserved-memory/buf@90000000"));
        Assert.Equal(!rejected, facts.ReservedMemory.Any(b => b.Source == "/reserved-memory/buf@90000000"));
    }

    [Fact]
    public void Static_shared_memory_inside_a_memreserve_entry_is_still_rejected()
    {
        // Xen passes allow_memreserve_overlap = false for static shared memory host banks.
        DeviceTreeNode chosen = N("chosen", Ac(1), Sc(1),
            N("domU1", Str("compatible", "xen,domain"), Ac(1), Sc(1), Cells("memory", 0x0, 0x40000),
                N("shm@0", Str("compatible", "xen,domain-shared-memory-v1"), Str("xen,shm-id", "s0"),
                    Cells("xen,shared-mem", 0x91000000, 0x80000000, 0x100000))));
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(XenRelease.V422)).Scan(ReservedInsideMemreserve(chosen));

        Assert.Equal(BootScanOutcome.Stopped, facts.Outcome);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.ReservedOverlap && d.NodePath == "/chosen/domU1/shm@0");
    }
}
