using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// A tree read from a DTB keeps its nodes as records and the whole-tree walks (address decoder, boot scan) go
/// through them, making node objects only for what they act on. The same tree made of node objects takes the plain
/// path; both must give the same windows, items, diagnostics and boot facts, so the records' shortcuts (which nodes
/// a walk may skip, sibling links derived from subtree ends) change nothing a caller can see.
/// </summary>
public sealed class PackedTreeWalkEquivalenceTests
{
    private static readonly string[] NodeNames = ["memory", "memory@0", "chosen", "reserved-memory", "pci", "pcie@1", "soc", "dev", "module@1", "bus"];

    private static readonly Func<DeviceTreeProperty>[] PropertyMakers =
    [
        () => TreeBuilder.Reg(0x1000, 0x100),
        () => TreeBuilder.Reg(0, 0x4000_0000, 0, 0x1000_0000),
        () => TreeBuilder.Reg(0x10, 0x20, 0x30),
        () => TreeBuilder.Flag("ranges"),
        () => TreeBuilder.Cells("ranges", 0x0, 0x1000_0000, 0x100_0000),
        () => TreeBuilder.Cells("ranges", 0x0200_0000, 0, 0x4000_0000, 0, 0x4000_0000, 0, 0x1000_0000),
        () => TreeBuilder.Ac(1),
        () => TreeBuilder.Ac(2),
        () => TreeBuilder.Ac(3),
        () => TreeBuilder.Sc(0),
        () => TreeBuilder.Sc(1),
        () => TreeBuilder.Sc(2),
        () => TreeBuilder.Str("device_type", "pci"),
        () => TreeBuilder.Str("device_type", "PCI"),
        () => TreeBuilder.Str("device_type", "memory"),
        () => TreeBuilder.Str("compatible", "multiboot,module"),
        () => TreeBuilder.Str("compatible", "vendor,dev", "xen,domain"),
        () => TreeBuilder.Str("status", "disabled"),
        () => TreeBuilder.Cells("assigned-addresses", 0x0200_0000, 0, 0x4000_1000, 0, 0x1000),
        () => TreeBuilder.Str("bootargs", "console=hvc0"),
    ];

    private static readonly Gen<(int Parent, int Name, int[] Properties)[]> Specs =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, NodeNames.Length - 1], Gen.Int[0, PropertyMakers.Length - 1].Array[0, 5]).Array[1, 30];

    private static DeviceTree Compose((int Parent, int Name, int[] Properties)[] specs)
    {
        (List<int>[] children, string[] names) = RandomTreeShape.Lay(specs.Length, i => specs[i].Parent, i => NodeNames[specs[i].Name],
            (i, name) => FormattableString.Invariant($"{name.Split('@')[0]}@{i:x}"));
        return new DeviceTree(RandomTreeShape.Build(children, (i, kids) =>
        {
            var properties = new List<DeviceTreeProperty>();
            foreach (int maker in specs[i].Properties)
            {
                DeviceTreeProperty property = PropertyMakers[maker]();
                if (!properties.Exists(p => p.Name == property.Name))
                {
                    properties.Add(property);
                }
            }

            return new DeviceTreeNode(names[i], properties, kids);
        }));
    }

    private static readonly Gen<DeviceTree> Trees = Specs.Select(Compose);

    private static string[] Describe(IEnumerable<AddressItem> items) =>
        items.Select(i => FormattableString.Invariant($"{i.Kind} {i.NodePath} #{i.Index} bus 0x{i.BusAddress:x} cpu 0x{i.Address:x} size 0x{i.Size:x} {i.Error?.Message}")).ToArray();

    [Fact]
    public void Described_windows_of_the_read_tree_are_those_of_the_object_tree()
    {
        // DescribedWindowReader asks for no diagnostics: the walk then skips records without reg,
        // assigned-addresses or device_type.
        Trees.Sample(tree =>
        {
            DeviceTree read = DtbReader.Read(DtbWriter.Write(tree));
            Assert.Equal(DescribedWindowReader.Read(tree), DescribedWindowReader.Read(read));
        }, iter: 400);
    }

    [Fact]
    public void Address_items_and_diagnostics_of_the_read_tree_are_those_of_the_object_tree()
    {
        Trees.Sample(tree =>
        {
            DeviceTree read = DtbReader.Read(DtbWriter.Write(tree));
            foreach (DeviceTreeAddressDecoderOptions options in new[] { DeviceTreeAddressDecoderOptions.Xen, DeviceTreeAddressDecoderOptions.Linux })
            {
                var decoder = new DeviceTreeAddressDecoder(options);
                AddressEnumeration expected = decoder.EnumerateAddresses(tree);
                AddressEnumeration actual = decoder.EnumerateAddresses(read);
                Assert.Equal(Describe(expected.Items), Describe(actual.Items));
                Assert.Equal(expected.Diagnostics, actual.Diagnostics);
            }
        }, iter: 300);
    }

    [Fact]
    public void Boot_facts_of_the_read_tree_are_those_of_the_object_tree()
    {
        var scanner = new BootFactsScanner(BootScanOptions.ForRelease(XenRelease.V4190));
        Trees.Sample(tree =>
        {
            XenExtRegions.DeviceTrees.BootFacts expected = scanner.Scan(tree);
            XenExtRegions.DeviceTrees.BootFacts actual = scanner.Scan(DtbReader.Read(DtbWriter.Write(tree)));
            Assert.Equal(expected.Outcome, actual.Outcome);
            Assert.Equal(expected.HostRam.Select(b => b.ToString()), actual.HostRam.Select(b => b.ToString()));
            Assert.Equal(expected.ReservedMemory.Select(b => b.ToString()), actual.ReservedMemory.Select(b => b.ToString()));
            Assert.Equal(expected.Modules.Select(m => m.ToString()), actual.Modules.Select(m => m.ToString()));
            Assert.Equal(expected.Domains.Count, actual.Domains.Count);
            Assert.Equal(expected.Diagnostics.Select(d => d.ToString()), actual.Diagnostics.Select(d => d.ToString()));
        }, iter: 300);
    }

    [Fact]
    public void A_pci_host_without_reg_still_gives_its_windows_when_read_from_a_dtb()
    {
        // The record-level skip must keep device_type: this host has no reg of its own.
        DeviceTree tree = TreeBuilder.Tree(TreeBuilder.Ac(2), TreeBuilder.Sc(2),
            TreeBuilder.N("pcie@10000000", TreeBuilder.Str("device_type", "pci"), TreeBuilder.Ac(3), TreeBuilder.Sc(2),
                TreeBuilder.Cells("ranges", 0x0200_0000, 0, 0x4000_0000, 0, 0x4000_0000, 0, 0x1000_0000)));
        IReadOnlyList<DescribedWindow> windows = DescribedWindowReader.Read(DtbReader.Read(DtbWriter.Write(tree)));
        DescribedWindow window = Assert.Single(windows);
        Assert.Equal(DescribedWindowKind.PciRange, window.Kind);
        Assert.Equal(0x4000_0000UL, window.Address);
    }
}
