using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

public sealed partial class DeviceTreeAddressDecoderTests
{
    // Spec E2's host bridge: IO → 0x3f000000, MEM32 → 0x10000000, prefetchable MEM64 → 0x80_0000_0000.
    private static DeviceTreeNode HostBridge(string name = "pcie@10000000", string deviceType = "pci", params object[] children)
    {
        var items = new List<object>
        {
            Str("device_type", deviceType), Ac(3), Sc(2), Reg(0x0, 0x3eff0000, 0x0, 0x10000),
            Rng(0x01000000, 0x0, 0x0, 0x0, 0x3f000000, 0x0, 0x01000000,
                   0x02000000, 0x0, 0x10000000, 0x0, 0x10000000, 0x0, 0x2eff0000,
                   0x43000000, 0x80, 0x0, 0x80, 0x0, 0x80, 0x0),
        };
        items.AddRange(children);
        return N(name, items.ToArray());
    }

    [Fact]
    public void Pci_host_bridge_ranges_decode_space_flags_and_cpu_addresses()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), HostBridge());

        IReadOnlyList<PciRange> ranges = Xen.GetRanges(tree.Find("/pcie@10000000"));

        Assert.Equal(3, ranges.Count);
        Assert.All(ranges, r => Assert.Equal(AddressBusKind.Pci, r.ChildBus));
        Assert.Equal((PciSpace.Io, false, 0x0UL, 0x3f000000UL, 0x1000000UL), (ranges[0].Space, ranges[0].Prefetchable, ranges[0].ChildAddress, ranges[0].CpuAddress, ranges[0].Size));
        Assert.Equal((PciSpace.Memory32, false, 0x10000000UL, 0x10000000UL, 0x2eff0000UL), (ranges[1].Space, ranges[1].Prefetchable, ranges[1].ChildAddress, ranges[1].CpuAddress, ranges[1].Size));
        Assert.Equal((PciSpace.Memory64, true, 0x80_00000000UL, 0x80_00000000UL, 0x80_00000000UL), (ranges[2].Space, ranges[2].Prefetchable, ranges[2].ChildAddress, ranges[2].CpuAddress, ranges[2].Size));
        Assert.All(ranges, r => Assert.True(r.IsTranslated));
        Assert.All(ranges, r => Assert.False(r.Overflows));
    }

    [Fact]
    public void Pci_children_use_assigned_addresses_three_two_cells_and_the_space_class()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), HostBridge(children: new object[]
        {
            N("mem@0", Reg(0x0, 0x0, 0x0, 0x0, 0x0), Cells("assigned-addresses", 0x82000010, 0x0, 0x10100000, 0x0, 0x1000)),
            N("io@1", Cells("assigned-addresses", 0x81000810, 0x0, 0x100, 0x0, 0x100)),
            N("pref@2", Cells("assigned-addresses", 0xc3001010, 0x80, 0x200000, 0x0, 0x100000)),
            N("regonly@3", Reg(0x1800, 0x0, 0x0, 0x0, 0x0)),
            N("lost@4", Cells("assigned-addresses", 0x82002010, 0x0, 0x3f000100, 0x0, 0x100)),
        }));

        Assert.Equal(0x10100000UL, Translate(tree, "/pcie@10000000/mem@0").Address);
        Assert.Equal(0x3f000100UL, Translate(tree, "/pcie@10000000/io@1").Address);
        Assert.Equal(0x80_00200000UL, Translate(tree, "/pcie@10000000/pref@2").Address);
        Assert.Equal(0, Xen.GetAddressCount(tree.Find("/pcie@10000000/regonly@3")));

        // A memory address inside only the I/O window's numbers is not translated: the space class must agree.
        Assert.False(Xen.TryTranslate(tree.Find("/pcie@10000000/lost@4"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.NoMatchingRange, error.Reason);
        RegEntry entry = Xen.DecodeReg(tree.Find("/pcie@10000000/mem@0"))[0];
        Assert.Equal((AddressBusKind.Pci, 3, 2, 0x82000010u), (entry.Bus, entry.AddressCells, entry.SizeCells, entry.FirstCell));
    }

    [Fact]
    public void Node_named_pci_without_device_type_is_a_pci_bus_with_a_warning()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("pcie@40000000", Ac(3), Sc(2), Rng(0x02000000, 0x0, 0x0, 0x0, 0x40000000, 0x0, 0x1000000),
                N("dev@0", Cells("assigned-addresses", 0x82000010, 0x0, 0x1000, 0x0, 0x1000))));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.Equal(AddressBusKind.Pci, DeviceTreeAddressDecoder.GetBusKind(tree.Find("/pcie@40000000")));
        Assert.Contains(all.Diagnostics, d => d.Id == AddressDiagnosticId.MissingDeviceType && d.NodePath == "/pcie@40000000");
        Assert.Contains(all.Items, i => i.NodePath == "/pcie@40000000/dev@0" && i.Address == 0x40001000UL);

        // Without device_type "pci" P2 does not remove its ranges (spec §16).
        Assert.DoesNotContain(all.Items, i => i.Kind == AddressItemKind.PciRange);
    }

    [Fact]
    public void Pciex_device_type_is_a_bus_for_translation_but_not_an_aperture_for_p2()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), HostBridge("bridge@0", "pciex"));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.Equal(AddressBusKind.Pci, DeviceTreeAddressDecoder.GetBusKind(tree.Find("/bridge@0")));
        Assert.DoesNotContain(all.Items, i => i.Kind == AddressItemKind.PciRange);
    }

    [Fact]
    public void Untranslatable_range_parent_address_is_passed_on_as_all_ones()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(2), Sc(2), Rng(0x0, 0x0, 0x0, 0x0, 0x0, 0x40000000),
                HostBridge()));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        List<AddressItem> ranges = all.Items.Where(i => i.Kind == AddressItemKind.PciRange).ToList();
        Assert.Equal(3, ranges.Count);
        Assert.Equal(0x3f000000UL, ranges[0].Address);
        Assert.Equal(0x10000000UL, ranges[1].Address);
        Assert.Equal(DeviceTreeAddressDecoder.BadAddress, ranges[2].Address);
        Assert.Equal(AddressTranslationFailure.NoMatchingRange, ranges[2].Range!.Value.Failure);
        Assert.True(ranges[2].Range!.Value.Overflows);
        Assert.Contains(all.Diagnostics, d => d.Id == AddressDiagnosticId.PciRangeUntranslatable && d.Index == 2);
        Assert.True(all.Succeeded);
    }

    [Fact]
    public void Upper_case_pci_device_type_is_selected_but_parsed_with_default_bus_cells()
    {
        // Parent cells 2/2 → each ranges tuple is 2 + 2 + 2 cells under Xen's case-sensitive bus matcher.
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("bridge@0", Str("device_type", "PCI"), Ac(3), Sc(2),
                Rng(0x0, 0x1000, 0x0, 0x50000000, 0x0, 0x2000)));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        AddressItem item = Assert.Single(all.Items);
        Assert.Equal(AddressItemKind.PciRange, item.Kind);
        Assert.Equal(AddressBusKind.Default, item.Range!.Value.ChildBus);
        Assert.Equal((0x1000UL, 0x50000000UL, 0x2000UL), (item.BusAddress, item.Address, item.Size));
        Assert.Contains(all.Diagnostics, d => d.Id == AddressDiagnosticId.PciDeviceTypeCaseMismatch);
    }

    [Fact]
    public void Ranges_enumeration_fails_when_the_parent_is_not_a_bus()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("holder", HostBridge()));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        AddressTranslationError error = Assert.Single(all.Errors);
        Assert.Equal(AddressItemKind.PciRange, error.Kind);
        Assert.Equal(-1, error.Index);
        Assert.Equal(AddressTranslationFailure.NotABus, error.Reason);
        Assert.Equal("/holder/pcie@10000000", error.NodePath);
        Assert.False(all.Succeeded);
    }

    [Fact]
    public void Empty_ranges_on_a_pci_node_gives_no_aperture()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("pcie@0", Str("device_type", "pci"), Rng()));

        Assert.Empty(Xen.EnumerateAddresses(tree).Items);
        Assert.True(Xen.TryGetRanges(tree.Find("/pcie@0"), out IReadOnlyList<PciRange> ranges, out _));
        Assert.Empty(ranges);
    }
}
