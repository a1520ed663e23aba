using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// The oracles of the fuzz targets dtsout, builder, overlay and check (fuzz/README.md), a few hundred times each on
/// generated inputs: random trees written as DTB with a few bytes overwritten, random builder scripts, and base and
/// overlay pairs shaped like dtc -@ output (fragments, __overlay__, __symbols__, __fixups__, __local_fixups__).
/// </summary>
public sealed class FuzzOraclePropertyTests
{
    private static readonly string[] NodeNames = ["a", "b@1", "b@2", "soc", "i2c@2000", "node,x_y.z+w-v", "é", "x y", "{", "__symbols__"];
    private static readonly string[] PropertyNames = ["reg", "compatible", "phandle", "linux,phandle", "#address-cells", "#size-cells", "status", "ranges", "interrupts", "clocks", "a;b", "ä", "name"];

    private static readonly Gen<byte[]> Value = Gen.OneOf(
        Gen.Byte.Array[0, 12],
        Gen.UInt.Array[1, 4].Select(Cells),
        Gen.Const(Encoding.ASCII.GetBytes("okay\0")),
        Gen.Const(Encoding.ASCII.GetBytes("/soc\0")));

    private static readonly Gen<(int Parent, int Name, (int Name, byte[] Value)[] Properties)[]> NodeSpecs =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, NodeNames.Length - 1], Gen.Select(Gen.Int[0, PropertyNames.Length - 1], Value).Array[0, 5]).Array[1, 20];

    private static readonly Gen<DeviceTree> Trees = Gen.Select(NodeSpecs, Gen.UInt[0, 3]).Select(t => Compose(t.Item1, t.Item2));

    // A written tree with up to two bytes overwritten, so most inputs still read and some reach odd corners.
    private static readonly Gen<byte[]> Blobs =
        Gen.Select(Trees, Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[0, 2])
            .Select(t => Mutate(DtbWriter.Write(t.Item1), t.Item2));

    [Fact]
    public void Dtsout_written_trees_read_back_equal_or_are_refused() => Blobs.Sample(FuzzOracles.WriterRoundTrip, iter: 300);

    [Fact]
    public void Builder_scripts_give_trees_that_read_back_equal() => Gen.Byte.Array[0, 400].Sample(BuilderScript.Run, iter: 300);

    [Fact]
    public void Check_never_throws_for_a_readable_tree() => Blobs.Sample(FuzzOracles.Checks, iter: 300);

    [Fact]
    public void Overlay_applies_or_throws_a_typed_error() =>
        Gen.Select(Trees, NodeSpecs, Gen.Int[0, 3], Gen.Select(Gen.Int[0, 100_000], Gen.Byte).Array[0, 2])
            .Select(t => Mutate(Pair(t.Item1, t.Item2, t.Item3), t.Item4))
            .Sample(FuzzOracles.Overlay, iter: 300);

    [Fact]
    public void The_generated_inputs_reach_past_the_reader_and_both_outcomes_of_apply()
    {
        // Inputs the reader refuses test nothing: most blobs must read, and overlays must both apply and be refused.
        int read = 0, applied = 0, refused = 0;
        Blobs.Sample(blob => read += Readable(blob) ? 1 : 0, iter: 200, threads: 1);
        Gen.Select(Trees, NodeSpecs, Gen.Int[0, 3]).Sample(t =>
        {
            try
            {
                (byte[] b, byte[] o) = FuzzOracles.Split(Pair(t.Item1, t.Item2, t.Item3));
                DeviceTreeOverlay.Apply(DtbReader.Read(b), DtbReader.Read(o));
                applied++;
            }
            catch (DeviceTreeOverlayException)
            {
                refused++;
            }
        }, iter: 200, threads: 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"{read} of 200 blobs read; {applied} overlays applied, {refused} refused");
        Assert.True(read > 60, $"{read} of 200 blobs read");
        Assert.True(applied > 20 && refused > 20, $"{applied} applied, {refused} refused");
    }

    [Fact]
    public void Overlay_inputs_split_at_the_base_totalsize_or_where_the_first_two_bytes_say()
    {
        (byte[] first, byte[] second) = FuzzOracles.Split([0, 1, 9, 8, 7]);
        Assert.Equal(new byte[] { 9 }, first);
        Assert.Equal(new byte[] { 8, 7 }, second);
        byte[] a = DtbWriter.Write(Compose([(0, 0, [])], 0));
        byte[] b = DtbWriter.Write(Compose([(0, 0, []), (0, 1, [])], 1));
        (first, second) = FuzzOracles.Split(FuzzOracles.Join(a, b));
        Assert.Equal(a, first);
        Assert.Equal(b, second);
    }

    private static bool Readable(byte[] blob)
    {
        try
        {
            DtbReader.Read(blob);
            return true;
        }
        catch (DeviceTreeFormatException)
        {
            return false;
        }
    }

    private static byte[] Cells(uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i] % 8);
        }

        return bytes;
    }

    private static byte[] Mutate(byte[] blob, (int At, byte Value)[] changes)
    {
        foreach ((int at, byte value) in changes)
        {
            blob[at % blob.Length] = value;
        }

        return blob;
    }

    private static DeviceTree Compose((int Parent, int Name, (int Name, byte[] Value)[] Properties)[] specs, uint bootCpu)
    {
        (List<int>[] children, string[] names) = RandomTreeShape.Lay(specs.Length, i => specs[i].Parent, i => NodeNames[specs[i].Name],
            (i, name) => FormattableString.Invariant($"{name}{i}"));
        DeviceTreeNode root = RandomTreeShape.Build(children, (i, kids) =>
        {
            var properties = new List<DeviceTreeProperty>();
            foreach ((int name, byte[] value) in specs[i].Properties)
            {
                if (!properties.Exists(p => p.Name == PropertyNames[name]))
                {
                    properties.Add(new DeviceTreeProperty(PropertyNames[name], PhandleLike(PropertyNames[name], value, i)));
                }
            }

            return new DeviceTreeNode(names[i], properties, kids);
        });

        return new DeviceTree(root, [], bootCpu);
    }

    private static byte[] Pair(DeviceTree tree, (int Parent, int Name, (int Name, byte[] Value)[] Properties)[] content, int kind)
    {
        DeviceTree baseTree = WithSymbols(tree);
        return FuzzOracles.Join(DtbWriter.Write(baseTree), DtbWriter.Write(OverlayOf(baseTree, content, kind)));
    }

    // Mostly a unique one-cell phandle, as dtc gives; a one-byte value stays, so malformed phandles are still tried.
    private static byte[] PhandleLike(string name, byte[] value, int node)
    {
        if (name is not ("phandle" or "linux,phandle") || value.Length == 1)
        {
            return value;
        }

        var cell = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(cell, (uint)node + 1);
        return cell;
    }

    // The base with a __symbols__ entry for every node that has a phandle (as dtc -@ writes), under labels l0, l1...
    private static DeviceTree WithSymbols(DeviceTree tree)
    {
        var builder = new DeviceTreeBuilder(tree);
        DeviceTreeNodeBuilder symbols = builder.GetOrAddNode("/__symbols__");
        int label = 0;
        foreach (DeviceTreeNode node in tree.Nodes.Where(n => n.GetProperty("phandle") is { Value.Length: 4 }).Take(8))
        {
            symbols.SetString("l" + label++, node.Path);
        }

        return builder.Build();
    }

    // Fragments aimed at nodes of the base by path, by phandle or by label (a __fixups__ entry), falling back to a
    // path when the base has no phandle; __overlay__ contents from the generated specs. kind 3 makes one fixup point
    // past its cell, kind 2 adds a __local_fixups__ entry for a clocks cell.
    private static DeviceTree OverlayOf(DeviceTree baseTree, (int Parent, int Name, (int Name, byte[] Value)[] Properties)[] content, int kind)
    {
        DeviceTreeNode[] nodes = baseTree.Nodes.ToArray();
        DeviceTreeNode[] labelled = nodes.Where(n => n.GetProperty("phandle") is { Value.Length: 4 }).Take(8).ToArray();
        DeviceTree overlayContent = Compose(content, 0);
        var fragments = new List<DeviceTreeNode>();
        var fixups = new List<DeviceTreeProperty>();
        var localFixups = new List<DeviceTreeNode>();
        for (int i = 0; i < Math.Min(3, overlayContent.Root.Children.Count + 1); i++)
        {
            string name = "fragment@" + i;
            int mode = labelled.Length == 0 ? 0 : (i + kind) % 3;
            int pick = (i * 7) + kind;
            DeviceTreeNode target = mode == 0 ? nodes[pick % nodes.Length] : labelled[pick % labelled.Length];
            DeviceTreeProperty aim = mode switch
            {
                0 => new DeviceTreeProperty("target-path", Encoding.UTF8.GetBytes((target.IsRoot ? "/" : target.Path) + "\0")),
                1 => new DeviceTreeProperty("target", target.GetProperty("phandle")!.Value.Span),
                _ => new DeviceTreeProperty("target", [0xff, 0xff, 0xff, 0xff]),
            };
            if (mode == 2)
            {
                // WithSymbols labels the phandle nodes l0, l1... in document order, as they are listed here.
                int offset = kind == 3 && i == 0 ? 4 : 0;
                fixups.Add(new DeviceTreeProperty("l" + (pick % labelled.Length), Encoding.UTF8.GetBytes($"/{name}:target:{offset}\0")));
            }

            DeviceTreeNode inner = i < overlayContent.Root.Children.Count ? overlayContent.Root.Children[i] : overlayContent.Root;
            fragments.Add(new DeviceTreeNode(name, [aim], [Copy(inner, "__overlay__")]));
            if (kind == 2 && i == 0)
            {
                localFixups.Add(new DeviceTreeNode(name, [], [new DeviceTreeNode("__overlay__", [new DeviceTreeProperty("clocks", Cells([0]))], [])]));
            }
        }

        var top = new List<DeviceTreeNode>(fragments);
        if (fixups.Count > 0)
        {
            top.Add(new DeviceTreeNode("__fixups__", fixups, []));
        }

        if (localFixups.Count > 0)
        {
            top.Add(new DeviceTreeNode("__local_fixups__", [], localFixups));
        }

        return new DeviceTree(new DeviceTreeNode(string.Empty, [], top), [], 0);
    }

    private static DeviceTreeNode Copy(DeviceTreeNode node, string name) =>
        new(name, node.Properties.Select(p => new DeviceTreeProperty(p.Name, p.Value.ToArray())), node.Children.Select(c => Copy(c, c.Name)));
}
