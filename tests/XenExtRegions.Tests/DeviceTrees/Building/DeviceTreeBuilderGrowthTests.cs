using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Building;

/// <summary>
/// Issue 13, "no quadratic paths": the builder's by-name operations on very wide and very deep nodes. These are not
/// timed tests; each finishes in well under a second, but with a scan per operation (as before the name index) the
/// 200 000-entry cases take minutes, so a quadratic regression shows as a hung test run.
/// </summary>
public sealed class DeviceTreeBuilderGrowthTests
{
    private const int Wide = 200_000;

    [Fact]
    public void Two_hundred_thousand_properties_are_set_replaced_removed_and_built_in_order()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder node = b.AddNode("/wide");
        for (int i = 0; i < Wide; i++)
        {
            node.SetUInt32("p" + i, (uint)i);
        }

        for (int i = 0; i < Wide; i += 2)
        {
            node.SetUInt32("p" + i, (uint)i + 1); // replaced in place
        }

        for (int i = 0; i < Wide; i += 4)
        {
            Assert.True(node.RemoveProperty("p" + i));
        }

        Assert.False(node.RemoveProperty("p0"));
        Assert.True(node.HasProperty("p2"));
        node.SetEmpty("p0"); // goes last now

        DeviceTreeNode built = b.Build().FindNode("/wide")!;
        var expected = Enumerable.Range(0, Wide).Where(i => i % 4 != 0).Select(i => "p" + i).Append("p0").ToArray();
        Assert.Equal(expected, built.Properties.Select(p => p.Name).ToArray());
        Assert.Equal(3u, built.GetProperty("p2")!.GetUInt32());
        Assert.Equal(3u, built.GetProperty("p3")!.GetUInt32());
        Assert.True(built.GetProperty("p0")!.IsEmpty);
    }

    [Fact]
    public void Two_hundred_thousand_children_are_added_found_removed_and_built_in_order()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder soc = b.AddNode("/soc");
        for (int i = 0; i < Wide; i++)
        {
            soc.AddChild("dev" + i + "@" + i.ToString("x"));
        }

        // Base-name lookups: each base is unique until a second unit address joins it.
        for (int i = 0; i < Wide; i += 1000)
        {
            Assert.Equal("dev" + i + "@" + i.ToString("x"), soc.GetChild("dev" + i)!.Name);
            Assert.NotNull(b.FindNode("/soc/dev" + i));
        }

        soc.AddChild("dev5@ffffffff");
        Assert.Null(soc.GetChild("dev5"));
        Assert.True(soc.RemoveChild("dev5@ffffffff"));
        Assert.Equal("dev5@5", soc.GetChild("dev5")!.Name);

        for (int i = 0; i < Wide; i += 2)
        {
            Assert.True(b.RemoveNode("/soc/dev" + i + "@" + i.ToString("x")));
        }

        Assert.Null(soc.GetChild("dev0"));
        for (int i = 1; i < Wide; i += 2)
        {
            soc.GetOrAddChild("dev" + i + "@" + i.ToString("x")).SetUInt32("i", (uint)i);
        }

        DeviceTreeNode built = b.Build().FindNode("/soc")!;
        Assert.Equal(Wide / 2, built.Children.Count);
        Assert.Equal(Enumerable.Range(0, Wide / 2).Select(k => (uint)((2 * k) + 1)), built.Children.Select(c => c.GetProperty("i")!.GetUInt32()));
    }

    [Fact]
    public void A_hundred_thousand_properties_copy_in_and_out_of_a_builder()
    {
        // Copying a model in (the DeviceTreeBuilder(DeviceTree) path) goes through the same name index.
        var source = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder node = source.AddNode("/n");
        for (int i = 0; i < 100_000; i++)
        {
            node.SetUInt32("q" + i, (uint)i);
        }

        var copy = new DeviceTreeBuilder(source.Build());
        copy.SetProperty("/n", "q99999", new byte[] { 1 });
        DeviceTreeNode built = copy.Build().FindNode("/n")!;
        Assert.Equal(100_000, built.Properties.Count);
        Assert.Equal(new byte[] { 1 }, built.Properties[99_999].Value.ToArray());
    }

    [Fact]
    public void Deep_chains_add_without_a_path_walk_per_node()
    {
        // AddChild and the setters used to build the node path (O(depth)) for their name check's message on every
        // call: a chain this deep then cost depth² steps.
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder node = b.Root;
        var nodes = new List<DeviceTreeNodeBuilder>();
        for (int i = 0; i < 50_000; i++)
        {
            node = node.AddChild("n").SetUInt32("depth", (uint)i);
            nodes.Add(node);
        }

        Assert.Equal(new byte[] { 0, 0, 0xc3, 0x4f }, node.GetPropertyValue("depth")!.Value.ToArray());
        Assert.Same(nodes[2], b.FindNode("/n/n/n"));
    }
}
