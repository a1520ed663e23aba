using System;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class HypervisorNodeTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 0)]
    [InlineData(2, 3)]
    public void Cell_counts_other_than_1_or_2_are_refused_as_Xen_does(int addressCells, int sizeCells)
    {
        ExtendedRegionsResult result = Run(E1("latest"));
        var settings = new HypervisorNodeSettings { AddressCells = addressCells, SizeCells = sizeCells };
        Assert.False(HypervisorNodeBuilder.TryBuild(result, settings, out _, out string? error));
        Assert.Contains("cope", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HypervisorNodeBuilder.Build(result, settings));
    }

    [Fact]
    public void Node_has_compatible_reg_and_interrupts_as_Xen_writes_them()
    {
        ExtendedRegionsResult result = Run(DomU("4.19.1", 0x40000000, 0, 40));
        HypervisorNode node = HypervisorNodeBuilder.Build(result, new HypervisorNodeSettings { EventChannelIrq = 31, InterruptParent = 0x8001 });
        DeviceTreeNode dt = node.ToDeviceTreeNode();
        Assert.Equal("hypervisor", dt.Name);
        Assert.Equal(["xen,xen-4.19", "xen,xen"], dt.Compatible);
        Assert.Equal(new uint[] { 1, 15, 0xf08 }, dt.GetProperty("interrupts")!.GetCells());
        Assert.Equal(0x8001u, dt.GetProperty("interrupt-parent")!.GetUInt32());
        uint[] reg = dt.GetProperty("reg")!.GetCells();
        Assert.Equal(new uint[] { 0, 0x38000000, 0, 0x01000000, 0, 0x80000000, 0, 0x80000000, 0x2, 0, 0xFE, 0 }, reg);
        string dts = node.ToDts();
        Assert.Contains("compatible = \"xen,xen-4.19\", \"xen,xen\";", dts, StringComparison.Ordinal);
        Assert.Contains("<0x0 0x38000000 0x0 0x1000000>", dts, StringComparison.Ordinal);
        Assert.Contains("interrupts = <0x1 0xf 0xf08>;", dts, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_regions_reg_holds_only_the_grant_window()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(E14("latest")), new HypervisorNodeSettings { AddressCells = 2, SizeCells = 1 });
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x7E, 0, 0, 0, 0, 0x04, 0, 0 }, node.Reg.ToArray());
        Assert.Single(node.Entries);
    }
}
