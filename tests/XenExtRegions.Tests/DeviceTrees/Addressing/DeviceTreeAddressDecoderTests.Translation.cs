using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

public sealed partial class DeviceTreeAddressDecoderTests
{
    private static readonly DeviceTreeAddressDecoder Xen = new();

    private static TranslatedAddress Translate(DeviceTree tree, string path, int index = 0) => Xen.Translate(tree.Find(path), index);

    [Fact]
    public void Nested_simple_buses_add_every_level_offset()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(1), Sc(1), Rng(0x0, 0x0, 0x40000000, 0x10000000),
                N("bus@1000", Ac(1), Sc(1), Rng(0x0, 0x1000, 0x100),
                    N("dev@10", Reg(0x10, 0x4)))));

        TranslatedAddress t = Translate(tree, "/soc/bus@1000/dev@10");

        Assert.Equal(0x40001010UL, t.Address);
        Assert.Equal(0x4UL, t.Size);
        Assert.Equal(0x10UL, t.BusAddress);
    }

    [Fact]
    public void Empty_ranges_is_identity()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("soc", Ac(2), Sc(2), Rng(), N("uart@9000000", Reg(0, 0x09000000, 0, 0x1000))));

        Assert.Equal(0x09000000UL, Translate(tree, "/soc/uart@9000000").Address);
    }

    [Fact]
    public void Missing_ranges_on_a_bus_is_a_failure_naming_node_index_and_bus()
    {
        // Only a PCI bus can be a bus without ranges; its children then cannot be translated.
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(2), Sc(2), Rng(),
                N("pcie@1000", Str("device_type", "pci"), Ac(3), Sc(2), Reg(0, 0x1000, 0, 0x100),
                    N("dev@0", Cells("assigned-addresses", 0x82000010, 0x0, 0x100, 0x0, 0x100)))));

        Assert.False(Xen.TryTranslate(tree.Find("/soc/pcie@1000/dev@0"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.NoRanges, error.Reason);
        Assert.Equal("/soc/pcie@1000/dev@0", error.NodePath);
        Assert.Equal(0, error.Index);
        Assert.Equal("/soc/pcie@1000", error.AtNodePath);
        Assert.Contains("no ranges; cannot translate", error.Message, System.StringComparison.Ordinal);
        Assert.Throws<DeviceTreeFormatException>(() => Xen.Translate(tree.Find("/soc/pcie@1000/dev@0"), 0));
    }

    [Fact]
    public void An_ancestor_that_is_not_a_bus_is_a_failure()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("soc", Ac(1), Sc(1),
                N("bus", Ac(1), Sc(1), Rng(), N("dev@10", Reg(0x10, 0x4)))));

        Assert.Equal(1, Xen.GetAddressCount(tree.Find("/soc/bus/dev@10")));
        Assert.False(Xen.TryTranslate(tree.Find("/soc/bus/dev@10"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.NotABus, error.Reason);
        Assert.Equal("/soc", error.AtNodePath);
    }

    [Fact]
    public void Children_of_a_bus_without_ranges_have_no_addresses()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(1), Sc(1), Rng(),
                N("i2c@1000", Reg(0x1000, 0x100), Ac(1), Sc(0), N("eeprom@50", Reg(0x50)))),
            N("chosen", N("module@0", Reg(0, 0x80000000, 0, 0x1000))));
        var diagnostics = new List<AddressDiagnostic>();

        Assert.Equal(1, Xen.GetAddressCount(tree.Find("/soc/i2c@1000")));
        Assert.Equal(0, Xen.GetAddressCount(tree.Find("/soc/i2c@1000/eeprom@50")));
        Assert.Equal(0, Xen.GetAddressCount(tree.Find("/chosen/module@0")));
        Assert.Empty(Xen.DecodeReg(tree.Find("/chosen/module@0"), diagnostics));
        Assert.Contains(diagnostics, d => d.Id == AddressDiagnosticId.NotOnABus && d.NodePath == "/chosen/module@0");
    }

    [Fact]
    public void One_cell_bus_under_two_cell_parent()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(1), Sc(1), Rng(0x0, 0x8, 0x0, 0x1000000), N("dev@20", Reg(0x20, 0x10))));

        Assert.Equal(0x8_00000020UL, Translate(tree, "/soc/dev@20").Address);
    }

    [Fact]
    public void One_cell_parent_keeps_only_the_low_32_bits_as_xen_does()
    {
        // Root has one address cell; the bus has two and an empty ranges: Xen writes only the low cell.
        DeviceTree tree = Tree(Ac(1), Sc(1), N("bus", Ac(2), Sc(1), Rng(), N("dev", Reg(0x1, 0x1000, 0x10))));

        Assert.Equal(0x1000UL, Translate(tree, "/bus/dev").Address);
    }

    [Fact]
    public void Three_cell_default_bus_needs_an_exact_match_of_every_cell()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("ebus", Ac(3), Sc(1),
                Rng(0x1, 0x0, 0x0, 0x0, 0x20000000, 0x10000,
                       0x2, 0x0, 0x100, 0x0, 0x30000000, 0x10000),
                N("cs1", Reg(0x1, 0x0, 0x0, 0x100)),
                N("cs2", Reg(0x2, 0x0, 0x100, 0x100)),
                N("cs2-offset", Reg(0x2, 0x0, 0x180, 0x10))));

        Assert.Equal(0x20000000UL, Translate(tree, "/ebus/cs1").Address);
        Assert.Equal(0x30000000UL, Translate(tree, "/ebus/cs2").Address);

        // Inside the window by arithmetic, but the cells differ, so Xen's memcmp rejects it.
        Assert.False(Xen.TryTranslate(tree.Find("/ebus/cs2-offset"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.NoMatchingRange, error.Reason);
    }

    [Fact]
    public void First_matching_ranges_tuple_wins()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("soc", Ac(1), Sc(1), Rng(0x0, 0x10000000, 0x1000, 0x0, 0x20000000, 0x2000), N("dev", Reg(0x800, 0x10))));

        Assert.Equal(0x10000800UL, Translate(tree, "/soc/dev").Address);
    }

    [Fact]
    public void Only_the_start_is_checked_against_a_window()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("soc", Ac(1), Sc(1), Rng(0x0, 0x10000000, 0x1000), N("dev", Reg(0xf00, 0x10000))));

        TranslatedAddress t = Translate(tree, "/soc/dev");
        Assert.Equal(0x10000f00UL, t.Address);
        Assert.Equal(0x10000UL, t.Size);
    }

    [Fact]
    public void Containment_test_wraps_in_64_bits_like_xen()
    {
        // child base 0xffffffff_f0000000 + size 0x20000000 wraps to 0x10000000, so every address fails the test.
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("soc", Ac(2), Sc(2), Rng(0xffffffff, 0xf0000000, 0x0, 0x1000, 0x0, 0x20000000),
                N("dev", Reg(0xffffffff, 0xf0000010, 0x0, 0x10))));

        Assert.False(Xen.TryTranslate(tree.Find("/soc/dev"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.NoMatchingRange, error.Reason);
        Assert.Equal("/soc", error.AtNodePath);
    }

    [Fact]
    public void Entry_ending_exactly_at_the_top_of_the_64_bit_space_is_legal()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("dev", Reg(0x0, 0x20000000, 0xffffffff, 0xe0000000)));

        TranslatedAddress t = Translate(tree, "/dev");
        Assert.False(t.Overflows);
        Assert.Equal(0UL, t.WrappedEnd);
        Assert.True(t.TryGetRange(out var range));
        Assert.Equal(ulong.MaxValue, range.Last);
        AddressEnumeration all = Xen.EnumerateAddresses(tree);
        Assert.True(all.Succeeded);
        Assert.DoesNotContain(all.Diagnostics, d => d.Id == AddressDiagnosticId.AddressOverflow);
    }

    [Fact]
    public void Entry_running_past_two_to_the_64_is_reported_but_keeps_raw_values()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("dev", Reg(0x0, 0x20000000, 0xffffffff, 0xe0000001)));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        AddressItem item = Assert.Single(all.Items);
        Assert.True(item.IsTranslated);
        Assert.True(item.Overflows);
        Assert.Equal(0x20000000UL, item.Address);
        Assert.Equal(0xffffffffe0000001UL, item.Size);
        AddressDiagnostic d = Assert.Single(all.Diagnostics, d => d.Id == AddressDiagnosticId.AddressOverflow);
        Assert.Equal("/dev", d.NodePath);
        Assert.Equal(0, d.Index);
    }

    [Fact]
    public void All_ones_result_is_xens_failure_marker()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2), N("dev", Reg(0xffffffff, 0xffffffff, 0x0, 0x1)));

        Assert.False(Xen.TryTranslate(tree.Find("/dev"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.BadAddressMarker, error.Reason);
    }

    [Fact]
    public void Size_wider_than_64_bits_keeps_low_bits_and_is_reported()
    {
        DeviceTree tree = Tree(Ac(1), Sc(3), N("dev", Reg(0x1000, 0x1, 0x0, 0x2000)));
        var diagnostics = new List<AddressDiagnostic>();

        RegEntry entry = Assert.Single(Xen.DecodeReg(tree.Find("/dev"), diagnostics));

        Assert.Equal(0x2000UL, entry.Size);
        Assert.True(entry.SizeTruncated);
        Assert.Contains(diagnostics, d => d.Id == AddressDiagnosticId.SizeTruncated);
    }

    [Fact]
    public void Trailing_partial_tuples_are_ignored_and_reported()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("a", Reg(0, 0x1000, 0, 0x10, 0, 0x2000)),
            N("b", Bytes("reg", 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0xff)));
        var diagnostics = new List<AddressDiagnostic>();

        Assert.Single(Xen.DecodeReg(tree.Find("/a"), diagnostics));
        Assert.Single(Xen.DecodeReg(tree.Find("/b"), diagnostics));
        Assert.Equal(2, diagnostics.Count(d => d.Id == AddressDiagnosticId.TrailingPartialTuple));
    }

    [Fact]
    public void Policies_differ_when_the_parent_lacks_address_cells_but_a_grandparent_has_them()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1), N("bus", Rng(), N("dev", Reg(0x0, 0x1000, 0x10))));
        var spec = new DeviceTreeAddressDecoder(new DeviceTreeAddressDecoderOptions { Policy = AddressingPolicy.Specification });
        DeviceTreeNode dev = tree.Find("/bus/dev");

        Assert.Equal(1, Xen.GetAddressCells(dev));
        Assert.Equal(2, spec.GetAddressCells(dev));
        RegEntry xen = Xen.DecodeReg(dev)[0];
        RegEntry specEntry = spec.DecodeReg(dev)[0];
        Assert.Equal((0x0UL, 0x1000UL), (xen.Address, xen.Size));
        Assert.Equal((0x1000UL, 0x10UL), (specEntry.Address, specEntry.Size));
    }

    [Fact]
    public void Linux_walks_the_ancestors_like_Xen()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1), N("bus", Rng(), N("dev", Reg(0x0, 0x1000, 0x10))));
        var linux = new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Linux);
        DeviceTreeNode dev = tree.Find("/bus/dev");

        Assert.Equal(AddressingPolicy.Linux, linux.Policy);
        Assert.Equal(1, linux.GetAddressCells(dev));
        Assert.Equal(1, linux.GetSizeCells(dev));
        RegEntry entry = Assert.Single(linux.DecodeReg(dev));
        Assert.Equal((0x0UL, 0x1000UL), (entry.Address, entry.Size));
    }

    [Fact]
    public void Linux_defaults_are_one_and_one_where_Xen_and_the_specification_assume_two_and_one()
    {
        // No #address-cells anywhere: cells <0x1 0x0 0x1000 0x20> are two (1-cell address, 1-cell size) pairs for
        // Linux and one (2-cell address, 1-cell size) tuple plus a trailing cell for Xen.
        DeviceTree tree = Tree(N("dev", Reg(0x1, 0x0, 0x1000, 0x20)));
        DeviceTreeNode dev = tree.Find("/dev");
        var linux = new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Linux);
        var spec = new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Specification);

        Assert.Equal((1, 1), (linux.GetAddressCells(dev), linux.GetSizeCells(dev)));
        Assert.Equal((2, 1), (spec.GetAddressCells(dev), spec.GetSizeCells(dev)));
        Assert.Equal((2, 1), (Xen.GetAddressCells(dev), Xen.GetSizeCells(dev)));
        Assert.Equal([(0x1UL, 0x0UL), (0x1000UL, 0x20UL)], linux.DecodeReg(dev).Select(r => (r.Address, r.Size)).ToArray());
        Assert.Equal([(0x1_00000000UL, 0x1000UL)], Xen.DecodeReg(dev).Select(r => (r.Address, r.Size)).ToArray());
    }

    [Fact]
    public void An_unknown_policy_is_refused()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new DeviceTreeAddressDecoder(new DeviceTreeAddressDecoderOptions { Policy = (AddressingPolicy)3 }));
    }

    [Fact]
    public void Root_defaults_are_two_and_one()
    {
        DeviceTree tree = Tree(N("dev", Reg(0x1, 0x0, 0x1000)));

        TranslatedAddress t = Translate(tree, "/dev");
        Assert.Equal(0x1_00000000UL, t.Address);
        Assert.Equal(0x1000UL, t.Size);
    }
}
