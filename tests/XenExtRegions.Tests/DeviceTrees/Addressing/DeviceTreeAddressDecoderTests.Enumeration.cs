using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

public sealed partial class DeviceTreeAddressDecoderTests
{
    [Fact]
    public void Enumeration_walks_every_node_in_document_order_including_disabled_ones()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("chosen", N("module@0", Reg(0, 0x80000000, 0, 0x1000))),
            N("memory@40000000", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x80000000, 0x8, 0x80000000, 0, 0x80000000)),
            N("soc", Ac(1), Sc(1), Rng(0x0, 0x0, 0x0, 0x80000000),
                N("uart@9000000", Str("status", "disabled"), Reg(0x09000000, 0x1000)),
                N("rtc@9010123", Reg(0x09010123, 0x10))),
            HostBridge());

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.True(all.Succeeded);
        Assert.Equal(
            new[] { "/memory@40000000#0", "/memory@40000000#1", "/soc/uart@9000000#0", "/soc/rtc@9010123#0", "/pcie@10000000#0", "/pcie@10000000#0", "/pcie@10000000#1", "/pcie@10000000#2" },
            all.Items.Select(i => i.NodePath + "#" + i.Index).ToArray());
        Assert.Equal(new[] { 0x40000000UL, 0x8_80000000UL, 0x09000000UL, 0x09010123UL, 0x3eff0000UL, 0x3f000000UL, 0x10000000UL, 0x80_00000000UL }, all.Items.Select(i => i.Address).ToArray());
        Assert.Equal(AddressItemKind.Reg, all.Items[4].Kind);
        Assert.Equal(AddressItemKind.PciRange, all.Items[5].Kind);
    }

    [Fact]
    public void Size_cells_zero_leaves_no_addresses_and_strict_decoding_names_the_property()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("cpus", Ac(1), Sc(0), N("cpu@0", Reg(0x0))),
            N("soc", Ac(1), Sc(0), Rng(), N("dev@1", Reg(0x1))));
        var diagnostics = new List<AddressDiagnostic>();

        Assert.Empty(Xen.DecodeReg(tree.Find("/cpus/cpu@0"), diagnostics));
        Assert.Empty(Xen.DecodeReg(tree.Find("/soc/dev@1"), diagnostics));
        Assert.Contains(diagnostics, d => d.Id == AddressDiagnosticId.InvalidCellCountNoAddresses && d.NodePath == "/soc/dev@1");
        var ex = Assert.Throws<DeviceTreeFormatException>(() => Xen.GetReg(tree.Find("/soc/dev@1")));
        Assert.Equal("#size-cells", ex.PropertyName);
        Assert.Equal("/soc", ex.NodePath);
    }

    [Fact]
    public void Address_cells_out_of_range_is_a_strict_error()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("soc", Ac(5), Sc(1), Rng(), N("dev", Reg(0, 0, 0, 0, 1, 1))));

        Assert.Equal(0, Xen.GetAddressCount(tree.Find("/soc/dev")));
        var ex = Assert.Throws<DeviceTreeFormatException>(() => Xen.GetReg(tree.Find("/soc/dev")));
        Assert.Equal("#address-cells", ex.PropertyName);
    }

    [Fact]
    public void Crossing_a_size_cells_zero_level_fails_translation_qualcomm_pmic_style()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(1), Sc(1), Rng(),
                N("spmi@c440000", Ac(2), Sc(0), Rng(),
                    N("pmic@0", Ac(1), Sc(1), Rng(), N("adc@3100", Reg(0x3100, 0x100))))));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        AddressTranslationError error = Assert.Single(all.Errors);
        Assert.Equal("/soc/spmi@c440000/pmic@0/adc@3100", error.NodePath);
        Assert.Equal(AddressTranslationFailure.BadCellCount, error.Reason);
        Assert.Equal("/soc/spmi@c440000/pmic@0", error.AtNodePath);
    }

    [Fact]
    public void Zynqmp_disabled_core_outside_its_parents_ranges_fails_naming_the_node()
    {
        // Spec §16: a disabled R5F core at bus address 0x1_00000000, outside its parent's ranges.
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("remoteproc@ffe00000", Ac(2), Sc(2), Str("compatible", "xlnx,zynqmp-r5fss"),
                Rng(0x0, 0x0, 0x0, 0xffe00000, 0x0, 0x10000,
                       0x0, 0x20000, 0x0, 0xffe20000, 0x0, 0x10000),
                N("r5f@0", Reg(0x0, 0x0, 0x0, 0x10000, 0x0, 0x20000, 0x0, 0x10000)),
                N("r5f@1", Str("status", "disabled"), Reg(0x1, 0x0, 0x0, 0x10000))));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        AddressTranslationError error = Assert.Single(all.Errors);
        Assert.Equal("/remoteproc@ffe00000/r5f@1", error.NodePath);
        Assert.Equal(0, error.Index);
        Assert.Equal(AddressTranslationFailure.NoMatchingRange, error.Reason);
        Assert.Contains("Unable to retrieve address 0 for /remoteproc@ffe00000/r5f@1", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(new[] { 0xffe00000UL, 0xffe20000UL }, all.Items.Where(i => i.IsTranslated).Select(i => i.Address).ToArray());
    }

    [Fact]
    public void Zero_size_entries_are_reported()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("memory@0", Str("device_type", "memory"), Reg(0, 0, 0, 0)));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.Single(all.Items);
        Assert.Contains(all.Diagnostics, d => d.Id == AddressDiagnosticId.ZeroSize && d.NodePath == "/memory@0");
    }

    [Fact]
    public void Translate_all_returns_every_entry_with_errors_inline()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("bus", Ac(1), Sc(1), Rng(0x0, 0x0, 0x10000000, 0x1000), N("dev", Reg(0x10, 0x10, 0x2000, 0x10))));

        IReadOnlyList<AddressItem> items = Xen.TranslateAll(tree.Find("/bus/dev"));

        Assert.Equal(2, items.Count);
        Assert.True(items[0].IsTranslated);
        Assert.Equal(0x10000010UL, items[0].Address);
        Assert.False(items[1].IsTranslated);
        Assert.Equal(1, items[1].Error!.Value.Index);
    }
}
