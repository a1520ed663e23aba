using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

public sealed partial class DeviceTreeAddressDecoderTests
{
    [Fact]
    public void Pci_to_pci_bridge_translates_through_both_pci_levels()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("pcie@0", Str("device_type", "pci"), Ac(3), Sc(2),
                Rng(0x02000000, 0x0, 0x40000000, 0x0, 0x80000000, 0x0, 0x10000000),
                N("pci@0,0", Str("device_type", "pci"), Ac(3), Sc(2), Reg(0x0, 0x0, 0x0, 0x0, 0x0),
                    Rng(0x02000000, 0x0, 0x40100000, 0x02000000, 0x0, 0x40100000, 0x0, 0x100000),
                    N("nic@0,0", Cells("assigned-addresses", 0x82010010, 0x0, 0x40100800, 0x0, 0x100)))));

        TranslatedAddress t = Translate(tree, "/pcie@0/pci@0,0/nic@0,0");

        Assert.Equal(0x80100800UL, t.Address);
        Assert.Equal(0x100UL, t.Size);
        Assert.Equal(0x40100800UL, t.BusAddress);
    }

    [Fact]
    public void Pci_to_pci_bridge_ranges_translate_from_the_parent_pci_bus()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("pcie@0", Str("device_type", "pci"), Ac(3), Sc(2),
                Rng(0x02000000, 0x0, 0x40000000, 0x0, 0x80000000, 0x0, 0x10000000),
                N("pci@0,0", Str("device_type", "pci"), Ac(3), Sc(2),
                    Rng(0x42000000, 0x0, 0x40100000, 0x02000000, 0x0, 0x40100000, 0x0, 0x100000))));

        PciRange range = Assert.Single(Xen.GetRanges(tree.Find("/pcie@0/pci@0,0")));

        Assert.Equal((PciSpace.Memory32, true, 0x40100000UL, 0x80100000UL, 0x100000UL), (range.Space, range.Prefetchable, range.ChildAddress, range.CpuAddress, range.Size));
    }
}
