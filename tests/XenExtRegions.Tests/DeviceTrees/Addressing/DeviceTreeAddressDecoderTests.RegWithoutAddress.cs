using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Addressing;

/// <summary>Every node with reg that yields no address gets a diagnostic saying why (dt regs lists them).</summary>
public sealed partial class DeviceTreeAddressDecoderTests
{
    [Fact]
    public void A_reg_that_gives_no_address_is_explained_for_each_cause()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1), Reg(0x0, 0x1000),
            N("cpus", Ac(1), Sc(0), N("cpu@0", Reg(0x0))),
            N("soc", Ac(1), Sc(0), Rng(), N("dev@1", Reg(0x1))),
            N("i2c@1000", Ac(1), Sc(0), Reg(0x1000, 0x100), N("rtc@68", Reg(0x68))),
            N("empty@0", Cells("reg")),
            N("short@0", Bytes("reg", 0, 0, 0x10, 0)),
            N("pcie@10000000", Str("device_type", "pci"), Ac(3), Sc(2), Rng(), Reg(0x10000000, 0x1000),
                N("dev@0,0", Reg(0, 0, 0, 0, 0))));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        (string Path, AddressDiagnosticId Id)[] expected =
        {
            ("/", AddressDiagnosticId.RootReg),
            ("/cpus/cpu@0", AddressDiagnosticId.NotOnABus),
            ("/soc/dev@1", AddressDiagnosticId.InvalidCellCountNoAddresses),
            ("/i2c@1000/rtc@68", AddressDiagnosticId.NotOnABus),
            ("/empty@0", AddressDiagnosticId.EmptyAddressProperty),
            ("/short@0", AddressDiagnosticId.TrailingPartialTuple),
            ("/pcie@10000000/dev@0,0", AddressDiagnosticId.RegUnderPciBus),
        };
        foreach ((string path, AddressDiagnosticId id) in expected)
        {
            Assert.Contains(all.Diagnostics, d => d.NodePath == path && d.Id == id);
            Assert.DoesNotContain(all.Items, i => i.NodePath == path);
        }

        // The nodes whose reg is read stay free of these notes.
        Assert.Equal(new[] { "/i2c@1000", "/pcie@10000000" }, all.Items.Where(i => i.Kind == AddressItemKind.Reg).Select(i => i.NodePath).ToArray());
        Assert.DoesNotContain(all.Diagnostics, d => d.NodePath == "/i2c@1000");
    }

    [Fact]
    public void A_pci_child_with_assigned_addresses_is_not_said_to_lack_them()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            HostBridge(children: N("dev@0,0", Reg(0, 0, 0, 0, 0), Cells("assigned-addresses", 0x82000010, 0, 0x100000, 0, 0x1000))));

        AddressEnumeration all = Xen.EnumerateAddresses(tree);

        Assert.DoesNotContain(all.Diagnostics, d => d.Id == AddressDiagnosticId.RegUnderPciBus);
        Assert.Contains(all.Items, i => i.NodePath.EndsWith("/dev@0,0", System.StringComparison.Ordinal));
    }
}
