using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Fdt;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// The node objects of a tree read from a DTB are made when first reached, by whatever route: each record must
/// still have exactly one object, linked both ways, in document order, whoever asks first and from which thread.
/// </summary>
public sealed class PackedTreeIdentityTests
{
    private static readonly Gen<int[]> Parents = Gen.Int[0, 1000].Array[1, 40];

    private static byte[] Blob(int[] parents)
    {
        (List<int>[] children, _) = RandomTreeShape.Lay(parents.Length, i => parents[i], i => FormattableString.Invariant($"n@{i:x}"), (i, name) => name);
        DeviceTreeNode root = RandomTreeShape.Build(children, (i, kids) => new DeviceTreeNode(i == 0 ? string.Empty : FormattableString.Invariant($"n@{i:x}"), [TreeBuilder.Cells("id", (uint)i)], kids));
        return DtbWriter.Write(new DeviceTree(root));
    }

    /// <summary>Document order by the simplest route: recursion over Children (trees here are shallow).</summary>
    private static void PreOrder(DeviceTreeNode node, List<DeviceTreeNode> into)
    {
        into.Add(node);
        foreach (DeviceTreeNode child in node.Children)
        {
            PreOrder(child, into);
        }
    }

    /// <summary>The ids in document order, from the parent list alone.</summary>
    private static uint[] ModelOrder(int[] parents)
    {
        var children = new List<int>[parents.Length];
        for (int i = 0; i < parents.Length; i++)
        {
            children[i] = new List<int>();
        }

        for (int c = 1; c < parents.Length; c++)
        {
            children[parents[c] % c].Add(c);
        }

        var order = new List<uint>();
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            order.Add((uint)node);
            for (int k = children[node].Count - 1; k >= 0; k--)
            {
                stack.Push(children[node][k]);
            }
        }

        return order.ToArray();
    }

    private static uint Id(DeviceTreeNode node) => node.GetProperty("id")!.GetUInt32();

    [Fact]
    public void Every_route_to_a_node_reaches_the_same_object()
    {
        Gen.Select(Parents, Gen.Int[0, 3], Gen.Int).Sample((parents, firstRoute, pick) =>
        {
            DeviceTree tree = DtbReader.Read(Blob(parents));
            int target = (int)((uint)pick % (uint)parents.Length);

            // Reach one node first by one route, so its ancestors and siblings are made in different orders.
            DeviceTreeNode first = firstRoute switch
            {
                0 => tree.Nodes.ElementAt(target),
                1 => tree.FindNode(tree.Nodes.ElementAt(target).Path)!,
                2 => tree.Nodes.Reverse().ElementAt(parents.Length - 1 - target),
                _ => tree.Nodes.Last(),
            };

            var order = new List<DeviceTreeNode>();
            PreOrder(tree.Root, order);
            Assert.Equal(parents.Length, order.Count);
            Assert.Equal(order, tree.Nodes.ToList(), ReferenceEqualityComparer.Instance);
            Assert.Contains(first, order, ReferenceEqualityComparer.Instance);
            Assert.Equal(ModelOrder(parents), order.Select(Id));
            for (int i = 0; i < order.Count; i++)
            {
                DeviceTreeNode node = order[i];
                Assert.Same(node, tree.FindNode(node.Path));
                foreach (DeviceTreeNode child in node.Children)
                {
                    Assert.Same(node, child.Parent);
                }

                if (node.Parent is { } parent)
                {
                    Assert.Contains(node, parent.Children, ReferenceEqualityComparer.Instance);
                    Assert.Equal(parent.Depth + 1, node.Depth);
                    Assert.Equal((uint)(parents[Id(node)] % Id(node)), Id(parent));
                }
                else
                {
                    Assert.Equal(0u, Id(node));
                }

                Assert.Equal(node.DescendantsAndSelf().Count(), 1 + node.Children.Sum(c => c.DescendantsAndSelf().Count()));
            }
        }, iter: 200);
    }

    [Fact]
    public void Threads_racing_to_make_nodes_all_get_the_same_objects()
    {
        byte[] blob = Blob(Enumerable.Range(0, 3000).Select(i => i * 7919 / 3).ToArray());
        for (int attempt = 0; attempt < 5; attempt++)
        {
            DeviceTree tree = DtbReader.Read(blob);
            var seen = new List<DeviceTreeNode>[4];
            Parallel.For(0, seen.Length, t =>
            {
                // Half go down through Children, half through the document-order walk, starting at either end.
                var list = new List<DeviceTreeNode>();
                if (t % 2 == 0)
                {
                    PreOrder(tree.Root, list);
                }
                else
                {
                    list.AddRange(tree.Nodes);
                }

                seen[t] = list;
            });

            for (int t = 1; t < seen.Length; t++)
            {
                Assert.Equal(seen[0], seen[t], ReferenceEqualityComparer.Instance);
            }
        }
    }

    [Fact]
    public void A_tree_stays_whole_after_the_next_read_on_the_same_thread()
    {
        // The reader writes records into a buffer it reuses: each tree must keep its own copy, small or large.
        foreach (int size in new[] { 5, 20_000 })
        {
            int[] parents = Enumerable.Range(0, size).Select(i => i / 2).ToArray();
            DeviceTree first = DtbReader.Read(Blob(parents));
            string[] before = first.Nodes.Take(200).Select(n => n.Path).ToArray();
            DtbReader.Read(Blob(Enumerable.Range(0, 40_000).Select(i => i / 3).ToArray()));
            DtbReader.Read(Blob([0, 0, 1, 1]));
            Assert.Equal(size, first.Nodes.Count());
            Assert.Equal(before, first.Nodes.Take(200).Select(n => n.Path).ToArray());
            Assert.Equal(ModelOrder(parents), first.Nodes.Select(Id));
        }
    }

    [Fact]
    public void A_node_with_a_property_after_a_child_and_a_non_ascii_name_reads_whole()
    {
        // Properties that do not lie back to back are made by the reader; a non-ASCII name comes decoded.
        byte[] blob = new FdtBlobComposer()
            .BeginNode(string.Empty).PropCell("#address-cells", 1)
            .BeginNodeRaw(0x6e, 0xff).Prop("a", 1).BeginNode("kid").EndNode().Prop("b", 2).EndNode()
            .BeginNode("café").PropCell("x", 3).EndNode()
            .EndNode().End().Build();
        DeviceTree tree = DtbReader.Read(blob);
        DeviceTreeNode odd = tree.Root.Children[0];
        Assert.Equal("n\udcff", odd.Name);
        Assert.Equal(["a", "b"], odd.Properties.Select(p => p.Name));
        Assert.Same(odd, odd.Properties[1].Node);
        Assert.Same(odd, Assert.Single(odd.Children).Parent);
        Assert.Equal("/n\udcff/kid", odd.Children[0].Path);
        Assert.Same(tree.Root.Children[1], tree.FindNode("/café"));
        Assert.Equal(3u, tree.FindNode("/café")!.GetProperty("x")!.GetUInt32());
    }
}
