using System;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>make_hypervisor_node's encoding (spec §2, E15): the reg cells, the interrupt, the DTS text.</summary>
public sealed class HypervisorNodeBuilderTests
{
    private static ExtendedRegionsResult DomU1GiB() => Run(DomU("4.19.1", 0x40000000, 0, 40));

    [Fact]
    public void The_DTS_text_lists_every_reg_entry_then_the_interrupt_and_its_parent()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(DomU1GiB(), new HypervisorNodeSettings { EventChannelIrq = 31, InterruptParent = 0x8001 });
        Assert.Equal(
            "hypervisor {\n\tcompatible = \"xen,xen-4.19\", \"xen,xen\";\n"
            + "\treg = <0x0 0x38000000 0x0 0x1000000>,\n\t      <0x0 0x80000000 0x0 0x80000000>,\n\t      <0x2 0x0 0xfe 0x0>;\n"
            + "\tinterrupts = <0x1 0xf 0xf08>;\n\tinterrupt-parent = <0x8001>;\n};\n",
            node.ToDts());
    }

    [Fact]
    public void Without_an_interrupt_the_node_has_only_compatible_and_reg()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(E14("latest")), null);
        Assert.Equal((2, 2), (node.AddressCells, node.SizeCells));
        Assert.Null(node.InterruptCells);
        Assert.Null(node.InterruptParent);
        Assert.Equal("hypervisor {\n\tcompatible = \"xen,xen-4.22\", \"xen,xen\";\n\treg = <0x0 0x7e000000 0x0 0x40000>;\n};\n", node.ToDts());
        DeviceTreeNode dt = node.ToDeviceTreeNode();
        Assert.Equal(["compatible", "reg"], dt.Properties.Select(p => p.Name).ToArray());
        Assert.Equal("xen,xen-4.22\0xen,xen\0", Encoding.ASCII.GetString(dt.GetProperty("compatible")!.Value.ToArray()));
    }

    [Fact]
    public void An_interrupt_parent_alone_is_written_without_interrupts()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(E14("latest")), new HypervisorNodeSettings { InterruptParent = 1 });
        Assert.Equal(["compatible", "reg", "interrupt-parent"], node.ToDeviceTreeNode().Properties.Select(p => p.Name).ToArray());
        Assert.EndsWith(";\n\tinterrupt-parent = <0x1>;\n};\n", node.ToDts(), StringComparison.Ordinal);
    }

    // set_interrupt numbers a PPI from 16; an id below 16 is written as given.
    [Theory]
    [InlineData(31u, 15u)]
    [InlineData(16u, 0u)]
    [InlineData(15u, 15u)]
    public void The_event_channel_PPI_is_numbered_from_16(uint irq, uint cell)
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(DomU1GiB(), new HypervisorNodeSettings { EventChannelIrq = irq });
        Assert.Equal(new uint[] { 1, cell, 0xf08 }, node.InterruptCells);
        Assert.Equal(new uint[] { 1, cell, 0xf08 }, node.ToDeviceTreeNode().GetProperty("interrupts")!.GetCells());
    }

    [Fact]
    public void One_cell_keeps_the_low_32_bits_and_warns_only_for_values_that_do_not_fit()
    {
        // Region 0 starts at 0x80000000 and is 0x80000000 long (both fit); region 1 starts at 2^33 and is 0xfe00000000 long.
        HypervisorNode node = HypervisorNodeBuilder.Build(DomU1GiB(), new HypervisorNodeSettings { AddressCells = 1, SizeCells = 1 });
        Assert.Equal(
            new byte[] { 0x38, 0, 0, 0, 0x01, 0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
            node.Reg.ToArray());
        Assert.Equal(["reg entry 2 start 0x200000000 does not fit one cell; Xen writes 0x0", "reg entry 2 size 0xfe00000000 does not fit one cell; Xen writes 0x0"], node.Warnings.Select(w => w.Message).ToArray());
        Assert.All(node.Warnings, w => Assert.Equal("/hypervisor", w.Subject));
        Assert.Equal(3, node.Entries.Count);
        Assert.Equal(0x200000000UL, node.Entries[2].Start);
    }

    [Fact]
    public void A_value_of_exactly_2_pow_32_minus_1_fits_one_cell()
    {
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse("4.21"), IpaBits = 40,
            HostRam = [Incl(0x40000000, 0x7FFFFFFF)], GrantWindow = new MemoryBank(0xFFFFFFFF, 0x1),
        };
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(input), new HypervisorNodeSettings { AddressCells = 1, SizeCells = 1 });
        Assert.Empty(node.Warnings);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1 }, node.Reg.ToArray()[..8]);
    }

    [Fact]
    public void Every_byte_of_a_cell_is_written_and_printed_big_endian()
    {
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse("4.21"), IpaBits = 40, HostRam = [Incl(0x40000000, 0x7FFFFFFF)], GrantWindow = new MemoryBank(0x1234567890, 0x9ABCDEF0),
        };
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(input));
        Assert.Equal(new byte[] { 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x90, 0, 0, 0, 0, 0x9A, 0xBC, 0xDE, 0xF0 }, node.Reg.ToArray()[..16]);
        Assert.Contains("\treg = <0x12 0x34567890 0x0 0x9abcdef0>,\n", node.ToDts(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_result_is_a_misuse()
    {
        Assert.Throws<ArgumentNullException>(() => HypervisorNodeBuilder.TryBuild(null!, null, out _, out _));
        Assert.Throws<ArgumentNullException>(() => HypervisorNodeBuilder.Build(null!));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Mixed_cell_counts_are_accepted_and_used(int addressCells, int sizeCells)
    {
        Assert.True(HypervisorNodeBuilder.TryBuild(DomU1GiB(), new HypervisorNodeSettings { AddressCells = addressCells, SizeCells = sizeCells }, out HypervisorNode? node, out string? error));
        Assert.Null(error);
        Assert.Equal(3 * (addressCells + sizeCells) * 4, node.Reg.Length);
    }
}
