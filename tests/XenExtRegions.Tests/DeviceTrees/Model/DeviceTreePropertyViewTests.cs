using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Fdt;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// <see cref="DeviceTreeNode.EnumeratePropertyViews"/> yields what <see cref="DeviceTreeNode.Properties"/> holds,
/// in order, without creating (or keeping) property objects and without allocating per property.
/// </summary>
public sealed class DeviceTreePropertyViewTests
{
    public static TheoryData<string> RealBlobs => new()
    {
        "bcm2712-rpi-5-b.dtb",
        "meson-a1-ad402.dtb",
        "fvp-base-revc.dtb",
        "mt7986a-bananapi-bpi-r3.dtb",
        "imx8mm-phygate-tauri-l.dtb",
    };

    [Theory]
    [MemberData(nameof(RealBlobs))]
    public void Views_of_a_real_blob_equal_the_property_objects_and_make_none(string name)
    {
        DeviceTree tree = DtbReader.Read(Real(name));
        List<DeviceTreeNode> nodes = tree.Nodes.ToList();
        List<(string Name, byte[] Value)>[] viewed = nodes.Select(Views).ToArray();

        // Enumerating views leaves the nodes packed: nothing was made, nothing is kept.
        Assert.All(nodes, n => Assert.False(n.PropertiesMaterialized, n.Path));
        for (int i = 0; i < nodes.Count; i++)
        {
            IReadOnlyList<DeviceTreeProperty> objects = nodes[i].Properties;
            Assert.Equal(objects.Select(p => p.Name), viewed[i].Select(v => v.Name));
            Assert.Equal(objects.Select(p => p.Span.ToArray()), viewed[i].Select(v => v.Value));
            Assert.Equal(objects.Count, nodes[i].EnumeratePropertyViews().Count);

            // Once the objects exist, the views read them and still agree.
            Assert.Equal(viewed[i].Select(v => v.Name), Views(nodes[i]).Select(v => v.Name));
            Assert.Equal(viewed[i].Select(v => v.Value), Views(nodes[i]).Select(v => v.Value));
        }
    }

    [Fact]
    public void Views_share_the_property_name_strings_of_the_tree()
    {
        DeviceTree tree = DtbReader.Read(Real("fvp-base-revc.dtb"));
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            string[] names = Views(node).Select(v => v.Name).ToArray();
            Assert.Equal(node.Properties.Count, names.Length);
            for (int i = 0; i < names.Length; i++)
            {
                Assert.Same(node.Properties[i].Name, names[i]);
            }
        }
    }

    [Fact]
    public void Enumerating_every_view_of_a_real_tree_allocates_nothing()
    {
        DeviceTree tree = DtbReader.Read(Real("bcm2712-rpi-5-b.dtb"));
        DeviceTreeNode[] nodes = tree.Nodes.ToArray();
        long warm = Touch(nodes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = Touch(nodes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(warm, sum);
        Assert.True(sum > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Views_of_split_properties_and_of_hand_built_nodes_follow_tree_order()
    {
        byte[] blob = new FdtBlobComposer()
            .BeginNode(string.Empty).PropCell("p", 1).Nop().PropCell("q", 2)
            .BeginNode("n@1").PropCell("a", 0xa).BeginNode("inner").EndNode().Prop("b", Encoding.ASCII.GetBytes("bee\0")).Prop("flag").EndNode()
            .EndNode().End().Build();
        DeviceTree read = DtbReader.Read(blob);
        DeviceTree built = DtsReader.Parse("/dts-v1/; / { p = <1>; q = <2>; n@1 { a = <0xa>; b = \"bee\"; flag; inner { }; }; };");

        foreach (DeviceTree tree in new[] { read, built })
        {
            Assert.Equal(["p", "q"], Views(tree.Root).Select(v => v.Name));
            DeviceTreeNode n = tree.FindNode("/n@1")!;
            Assert.Equal(["a", "b", "flag"], Views(n).Select(v => v.Name));
            Assert.Equal([0, 0, 0, 0xa], Views(n)[0].Value);
            Assert.Equal("bee\0"u8.ToArray(), Views(n)[1].Value);
            Assert.Empty(Views(n)[2].Value);
            Assert.Empty(Views(tree.FindNode("/n@1/inner")!));
        }
    }

    [Fact]
    public void A_default_view_and_enumerator_are_empty()
    {
        DeviceTreePropertyView view = default;
        Assert.Equal(string.Empty, view.Name);
        Assert.True(view.IsEmpty);
        Assert.Equal(0, view.Length);
        Assert.False(default(DeviceTreePropertyEnumerator).MoveNext());
    }

    private static List<(string Name, byte[] Value)> Views(DeviceTreeNode node)
    {
        var views = new List<(string, byte[])>();
        foreach (DeviceTreePropertyView view in node.EnumeratePropertyViews())
        {
            Assert.Equal(view.Span.Length, view.Length);
            Assert.Equal(view.Value.Length == 0, view.IsEmpty);
            views.Add((view.Name, view.Span.ToArray()));
        }

        return views;
    }

    private static long Touch(DeviceTreeNode[] nodes)
    {
        long sum = 0;
        foreach (DeviceTreeNode node in nodes)
        {
            foreach (DeviceTreePropertyView view in node.EnumeratePropertyViews())
            {
                ReadOnlySpan<byte> value = view.Span;
                sum += view.Name.Length + value.Length + (value.IsEmpty ? 0 : value[0]);
            }
        }

        return sum;
    }

    private static byte[] Real(string name) => File.ReadAllBytes(DtcTool.FixturePath(Path.Combine("linux-6.12", name)));
}
