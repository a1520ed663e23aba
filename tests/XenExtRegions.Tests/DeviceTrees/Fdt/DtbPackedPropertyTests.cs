using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>
/// The DTB reader keeps a node's properties as "first token + count" when they lie back to back, and makes them at
/// once otherwise; the hot internal lookups read them without making property objects.
/// </summary>
public sealed class DtbPackedPropertyTests
{
    [Fact]
    public void Properties_split_by_nops_or_children_read_back_in_order_with_their_values()
    {
        byte[] blob = new FdtBlobComposer()
            .BeginNode(string.Empty)
            .PropCell("#address-cells", 1).Nop().PropCell("#size-cells", 1)
            .BeginNode("split@1").PropCell("a", 0xa).BeginNode("inner").PropCell("x", 7).EndNode().PropCell("b", 0xb).EndNode()
            .BeginNode("tight@2").PropCell("c", 0xc).Prop("d", Encoding.ASCII.GetBytes("dee\0")).Prop("e").EndNode()
            .EndNode().End().Build();
        DeviceTree tree = DtbReader.Read(blob);

        Assert.Equal(["#address-cells", "#size-cells"], tree.Root.Properties.Select(p => p.Name));
        Assert.Equal(["a", "b"], tree.FindNode("/split@1")!.Properties.Select(p => p.Name));
        Assert.Equal([0xau, 0xbu], tree.FindNode("/split@1")!.Properties.Select(p => p.GetCell(0)));
        Assert.Equal(["c", "d", "e"], tree.FindNode("/tight@2")!.Properties.Select(p => p.Name));
        Assert.Equal("dee", tree.FindNode("/tight@2")!.GetProperty("d")!.GetString());
        Assert.True(tree.FindNode("/tight@2")!.GetProperty("e")!.IsEmpty);
        Assert.Equal(7u, tree.FindNode("/split@1/inner")!.GetProperty("x")!.GetCell(0));
    }

    [Fact]
    public void The_object_free_lookup_finds_what_GetProperty_finds_before_and_after_the_objects_exist()
    {
        byte[] blob = new FdtBlobComposer()
            .BeginNode(string.Empty).PropCell("p", 1).Nop().PropCell("q", 2)
            .BeginNode("n@1").PropCell("reg", 1).Prop("compatible", Encoding.ASCII.GetBytes("v,x\0")).Prop("flag").EndNode()
            .EndNode().End().Build();
        DeviceTree tree = DtbReader.Read(blob);
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            foreach (string name in new[] { "p", "q", "reg", "compatible", "flag", "absent" })
            {
                bool before = node.TryGetValue(name, out ReadOnlyMemory<byte> packed);
                DeviceTreeProperty? property = node.GetProperty(name);
                Assert.Equal(property is not null, before);
                Assert.Equal(property?.Span.ToArray() ?? [], packed.ToArray());
                Assert.True(node.TryGetValue(name, out ReadOnlyMemory<byte> after) == before && after.Span.SequenceEqual(packed.Span));
            }
        }
    }

    [Fact]
    public void The_P2_walk_and_the_boot_scan_make_no_property_objects_for_ordinary_nodes()
    {
        DeviceTree tree = DtbReader.Read(DtbWriter.Write(DtsReader.Parse("""
            /dts-v1/;
            / {
                #address-cells = <2>; #size-cells = <2>;
                memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
                chosen { bootargs = "console=ttyAMA0"; };
                soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges = <0x0 0x0 0x10000000 0x1000000>;
                    uart@1000 { compatible = "arm,pl011"; reg = <0x1000 0x100>, <0x2000 0x100>; status = "okay"; };
                };
                pcie@30000000 { device_type = "pci"; #address-cells = <3>; #size-cells = <2>; reg = <0x0 0x30000000 0x0 0x100000>;
                    ranges = <0x02000000 0x0 0x32000000 0x0 0x32000000 0x0 0x1000000>; };
            };
            """)));

        IReadOnlyList<DescribedWindow> windows = DescribedWindowReader.Read(tree);
        _ = new BootFactsScanner().Scan(tree);

        Assert.Contains(windows, w => w.NodePath == "/soc/uart@1000" && w.Index == 1 && w.Address == 0x10002000);
        Assert.Contains(windows, w => w.NodePath == "/pcie@30000000" && w.Kind == DescribedWindowKind.PciRange);
        // The boot scan reads /memory and /chosen through the public API (a few nodes per tree); every other node stays packed.
        Assert.All(tree.Nodes.Where(n => n.Path is not ("/memory@40000000" or "/chosen")), n => Assert.False(n.PropertiesMaterialized, n.Path));
    }

    [Fact]
    public void Paths_join_packed_ascii_and_decoded_names()
    {
        byte[] blob = new FdtBlobComposer()
            .BeginNode(string.Empty).BeginNode("caf\u00e9@1").BeginNode("plain@2").BeginNode("\u00fcber").EndNode().EndNode().EndNode().EndNode().End().Build();
        DeviceTree tree = DtbReader.Read(blob);
        DeviceTreeNode deepest = tree.Nodes.Last();

        Assert.Equal("/" + string.Join("/", deepest.Ancestors().Reverse().Skip(1).Append(deepest).Select(n => n.Name)), deepest.Path);
        Assert.Equal("/caf\u00e9@1/plain@2/\u00fcber", deepest.Path);
        Assert.Equal("/", tree.Root.Path);
    }

    [Fact]
    public void Many_properties_split_by_a_child_read_back_whole_and_the_next_sibling_starts_afresh()
    {
        // 40 properties with a child after the 20th: the reader's per-property store grows past its first size, the
        // node is made the slow way, and its frame, reused for the sibling, holds none of them any more.
        var composer = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("big@1");
        for (int i = 0; i < 40; i++)
        {
            if (i == 20)
            {
                composer.BeginNode("child").PropCell("c", 1).EndNode();
            }

            composer.PropCell("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (uint)i);
        }

        composer.EndNode().BeginNode("small@2").PropCell("p0", 100).PropCell("q", 101).EndNode();
        DeviceTree tree = DtbReader.Read(composer.EndNode().End().Build());

        DeviceTreeNode big = tree.FindNode("/big@1")!;
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), big.Properties.Select(p => p.Name));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (uint)i), big.Properties.Select(p => p.GetCell(0)));
        Assert.Equal(["p0", "q"], tree.FindNode("/small@2")!.Properties.Select(p => p.Name));
        Assert.Equal(100u, tree.FindNode("/small@2")!.GetProperty("p0")!.GetCell(0));

        // A name repeated after the child is still a duplicate.
        byte[] repeated = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("n").PropCell("a", 1)
            .BeginNode("child").EndNode().PropCell("a", 2).EndNode().EndNode().End().Build();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(repeated));
        Assert.Contains("Duplicate property 'a'", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_or_a_property_count_past_16_bits_reads_back_whole()
    {
        // The node keeps both as 16-bit numbers; the reader decodes a longer name and makes more properties at once.
        string longName = new string('n', 70_000) + "@1";
        var composer = new FdtBlobComposer().BeginNode(string.Empty).PropCell("#address-cells", 1).PropCell("#size-cells", 1)
            .BeginNode(longName).PropCell("reg", 1).EndNode()
            .BeginNode("many@2");
        for (int i = 0; i < 70_000; i++)
        {
            composer.PropCell("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (uint)i);
        }

        DeviceTree tree = DtbReader.Read(composer.EndNode().EndNode().End().Build());
        DeviceTreeNode named = tree.Root.Children[0];
        DeviceTreeNode many = tree.Root.Children[1];

        Assert.Equal(longName, named.Name);
        Assert.Equal("/" + longName, named.Path);
        Assert.Same(named, tree.FindNode("/" + longName));
        Assert.Equal(70_000, many.Properties.Count);
        Assert.Equal(69_999u, many.GetProperty("p69999")!.GetCell(0));
        Assert.Equal(70_000, many.EnumeratePropertyViews().Count);
    }
}
