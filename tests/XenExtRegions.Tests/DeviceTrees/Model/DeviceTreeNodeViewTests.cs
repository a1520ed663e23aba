using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// Node views read what the node objects hold, in the same order, for trees of both storages; for a tree read from a
/// DTB they make no node objects.
/// </summary>
public sealed class DeviceTreeNodeViewTests
{
    private static readonly string[] Names = ["a", "dev@1", "caf\u00e9", "n\udcff", "soc"];

    private static readonly Gen<DeviceTree> Trees =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, Names.Length - 1], Gen.Byte.Array[0, 9].Array[0, 3]).Array[1, 30].Select(specs =>
        {
            (List<int>[] children, string[] names) = RandomTreeShape.Lay(specs.Length, i => specs[i].Item1, i => Names[specs[i].Item2],
                (i, name) => FormattableString.Invariant($"{name.Split('@')[0]}@{i:x}"));
            return new DeviceTree(RandomTreeShape.Build(children, (i, kids) =>
                new DeviceTreeNode(names[i], specs[i].Item3.Select((value, k) => new DeviceTreeProperty("p" + k, value)), kids)));
        });

    private static void AssertViewsMatchNodes(DeviceTree tree)
    {
        var views = new List<DeviceTreeNodeView>();
        foreach (DeviceTreeNodeView view in tree.EnumerateNodeViews())
        {
            views.Add(view);
        }

        DeviceTreeNode[] nodes = tree.Nodes.ToArray();
        Assert.Equal(nodes.Length, views.Count);
        for (int i = 0; i < nodes.Length; i++)
        {
            DeviceTreeNodeView view = views[i];
            Assert.Equal(nodes[i].Name, view.Name);
            Assert.Equal(EscapedUtf8.Encode(nodes[i].Name), view.NameUtf8.ToArray());
            Assert.Equal(nodes[i].IsRoot, view.IsRoot);
            Assert.Same(nodes[i], view.Node);
            var properties = new List<(string, byte[])>();
            foreach (DeviceTreePropertyView property in view.EnumeratePropertyViews())
            {
                properties.Add((property.Name, property.Span.ToArray()));
            }

            Assert.Equal(nodes[i].Properties.Select(p => (p.Name, p.Span.ToArray())), properties);
        }
    }

    [Fact]
    public void Views_read_what_the_nodes_hold_for_object_and_read_trees()
    {
        Trees.Sample(tree =>
        {
            AssertViewsMatchNodes(tree);
            AssertViewsMatchNodes(DtbReader.Read(DtbWriter.Write(tree)));
        }, iter: 200);
    }

    [Fact]
    public void Views_of_a_read_tree_allocate_nothing_per_node()
    {
        var root = new DeviceTreeNode(string.Empty, children: Enumerable.Range(0, 2000).Select(i =>
            new DeviceTreeNode(FormattableString.Invariant($"dev@{i:x}"), [TreeBuilder.Reg((uint)i, 0x10), TreeBuilder.Str("compatible", "x,y")])));
        byte[] blob = DtbWriter.Write(new DeviceTree(root));

        // The first walk (of another tree) compiles the code; the measured one is a fresh tree's first.
        long sum = Touch(DtbReader.Read(blob));
        DeviceTree tree = DtbReader.Read(blob);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += Touch(tree);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, FormattableString.Invariant($"touching 2001 nodes through views allocated {allocated} bytes"));
        Assert.True(sum > 0);
    }

    [Fact]
    public void A_default_view_is_empty_and_has_no_node()
    {
        DeviceTreeNodeView view = default;
        Assert.Equal(string.Empty, view.Name);
        Assert.True(view.NameUtf8.IsEmpty);
        Assert.False(view.IsRoot);
        Assert.Equal(0, view.EnumeratePropertyViews().Count);
        Assert.Throws<InvalidOperationException>(() => view.Node);
    }

    private static long Touch(DeviceTree tree)
    {
        long sum = 0;
        foreach (DeviceTreeNodeView node in tree.EnumerateNodeViews())
        {
            sum += node.NameUtf8.Length;
            foreach (DeviceTreePropertyView property in node.EnumeratePropertyViews())
            {
                sum += property.Name.Length + property.Length;
            }
        }

        return sum;
    }
}
