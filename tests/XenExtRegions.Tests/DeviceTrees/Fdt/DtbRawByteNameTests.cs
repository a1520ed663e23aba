using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>
/// Issue 13: node names, property names and string values that are not valid UTF-8 survive DTB → model → DTB
/// byte for byte, as dtc keeps them, and names that differ in such bytes stay different names.
/// </summary>
public sealed class DtbRawByteNameTests
{
    public static TheoryData<string, byte[]> Names => new()
    {
        { "ff fe", [0xff, 0xfe] },
        { "lone continuation", [0x6e, 0x80, 0x62, 0xbf] },
        { "truncated sequences", [0x78, 0xe2, 0x82, 0x2d, 0xf0, 0x9f, 0x98] },
        { "overlong forms", [0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xf0, 0x8f, 0xbf, 0xbf] },
        { "surrogate and escape forms", [0xed, 0xa0, 0x80, 0xed, 0xb2, 0x80] },
        { "valid multi-byte UTF-8", [0x63, 0x61, 0x66, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80] },
        { "valid then invalid", [0xc3, 0xa9, 0xff, 0x40, 0x31] },
    };

    /// <summary>A blob in the writer's layout: property names in first-use order, none a tail of another.</summary>
    private static byte[] Blob(IEnumerable<(byte[] Node, (byte[] Name, byte[] Value)[] Properties)> children)
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        var strings = new List<byte[]>();
        int size = 0;
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((byte[] node, (byte[] Name, byte[] Value)[] properties) in children)
        {
            c.BeginNodeRaw(node);
            foreach ((byte[] name, byte[] value) in properties)
            {
                string key = Convert.ToHexString(name);
                if (!offsets.TryGetValue(key, out int offset))
                {
                    offsets.Add(key, offset = size);
                    c.RawString([.. name, 0]);
                    size += name.Length + 1;
                }

                c.PropRaw((uint)value.Length, (uint)offset, value);
            }

            c.EndNode();
        }

        return c.EndNode().End().Build();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Names_and_string_values_come_back_byte_identical(string what, byte[] raw)
    {
        byte[] propertyName = [0x70, .. raw];
        byte[] value = [.. raw, 0];
        byte[] blob = Blob([(raw, [(propertyName, value)])]);

        DeviceTree tree = DtbReader.Read(blob);
        Assert.True(blob.AsSpan().SequenceEqual(DtbWriter.Write(tree)), what);
        Assert.True(blob.AsSpan().SequenceEqual(DtbWriter.Write(new DeviceTreeBuilder(tree).Build())), what + " (builder)");

        // The string API sees one string per byte string, and strings written back are the same bytes.
        DeviceTreeNode node = tree.Root.Children.Single();
        Assert.Equal(EscapedUtf8.Decode(raw), node.Name);
        Assert.Same(node, tree.FindNode("/" + node.Name));
        DeviceTreeProperty property = node.Properties.Single();
        Assert.Same(property, node.GetProperty(EscapedUtf8.Decode(propertyName)));
        var builder = new DeviceTreeBuilder(tree);
        builder.Root.Children.Single().SetString("copy", property.GetString()).SetStringList("list", property.GetStringList().ToArray());
        DeviceTreeNode rebuilt = builder.Build().Root.Children.Single();
        Assert.Equal(value, rebuilt.GetProperty("copy")!.Value.ToArray());
        Assert.Equal(value, rebuilt.GetProperty("list")!.Value.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Siblings_that_differ_only_in_invalid_bytes_are_different_nodes(int asciiSiblings)
    {
        // 0x80 and 0x81 (and 0xff, 0xfe) are invalid UTF-8 alone; once they all decoded to U+FFFD and were taken
        // for duplicates.
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < asciiSiblings; i++)
        {
            c.BeginNode("dev@" + i).EndNode();
        }

        byte[][] names = [[0x6e, 0x80], [0x6e, 0x81], [0x6e, 0xff], [0x6e, 0xfe], [0x6e, 0xef, 0xbf, 0xbd]];
        foreach (byte[] name in names)
        {
            c.BeginNodeRaw(name).EndNode();
        }

        byte[] blob = c.EndNode().End().Build();
        DeviceTree tree = DtbReader.Read(blob);
        Assert.Equal(["n\uDC80", "n\uDC81", "n\uDCFF", "n\uDCFE", "n\uFFFD"], tree.Root.Children.Skip(asciiSiblings).Select(n => n.Name).ToArray());
        Assert.Equal(blob, DtbWriter.Write(tree));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Siblings_with_the_same_invalid_bytes_are_duplicates(int asciiSiblings)
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < asciiSiblings; i++)
        {
            c.BeginNode("dev@" + i).EndNode();
        }

        c.BeginNodeRaw(0x6e, 0xff).EndNode().BeginNodeRaw(0x6e, 0xfe).EndNode();
        int at = c.Here;
        c.BeginNodeRaw(0x6e, 0xff).EndNode().EndNode().End();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at, e.Offset);
        Assert.Equal("/n\uDCFF", e.NodePath);
        Assert.Contains("Duplicate node name 'n\\xff'", e.Message, StringComparison.Ordinal);
        Assert.Contains("node /n\\xff", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_names_with_high_bytes_are_distinct_and_duplicates_are_caught()
    {
        byte[] blob = Blob([([0x61], [([0x70, 0x80], [1]), ([0x70, 0x81], [2]), ([0x70, 0xc3, 0xa9], [3])])]);
        DeviceTree tree = DtbReader.Read(blob);
        Assert.Equal(["p\uDC80", "p\uDC81", "p\u00e9"], tree.Root.Children[0].Properties.Select(p => p.Name).ToArray());
        Assert.Equal(blob, DtbWriter.Write(tree));

        byte[] twice = Blob([([0x61], [([0x70, 0xff], [1]), ([0x70, 0xff], [2])])]);
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(twice));
        Assert.Equal("p\uDCFF", e.PropertyName);
        Assert.Contains("Duplicate property 'p\\xff'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_names_that_no_bytes_decode_to_are_refused()
    {
        // A lone high surrogate has no bytes; escapes of c3 a9 would be a second spelling of "é".
        Assert.Throws<ArgumentException>(() => new DeviceTreeNode("a\uD800"));
        Assert.Throws<ArgumentException>(() => new DeviceTreeNode("\uDCC3\uDCA9"));
        Assert.Throws<ArgumentException>(() => new DeviceTreeProperty("\uDCC3\uDCA9", []));
        Assert.Throws<ArgumentException>(() => new DeviceTreeBuilder().Root.SetString("s", "x\uD800"));
        Assert.Equal([0x6e, 0xff], EscapedUtf8.Encode(new DeviceTreeNode("n\uDCFF").Name));
    }

    private static readonly Gen<byte[]> RawName = Gen.Byte[1, 255].Array[1, 6];

    private static readonly Gen<(byte[] Node, (byte[] Name, byte[] Value)[] Properties)[]> RawTrees =
        Gen.Select(RawName, Gen.Select(RawName, Gen.Byte[1, 255].Array[0, 6]).Array[0, 4]).Array[0, 8];

    [Fact]
    public void Random_byte_names_and_values_survive_dtb_model_dtb()
    {
        RawTrees.Sample(children =>
        {
            // Unique names (by bytes) per parent, and no property name the tail of another (the strings block
            // may share tails, which would change the layout but not the tree).
            var nodes = children.DistinctBy(n => Convert.ToHexString(n.Node))
                .Select(n => (n.Node, n.Properties.DistinctBy(p => Convert.ToHexString(p.Name)).Select(p => (p.Name, (byte[])[.. p.Value, 0])).ToArray()))
                .ToArray();
            string[] all = nodes.SelectMany(n => n.Item2.Select(p => Convert.ToHexString(p.Name))).Distinct().ToArray();
            if (all.Any(a => all.Any(b => b != a && a.EndsWith(b, StringComparison.Ordinal) && (a.Length - b.Length) % 2 == 0)))
            {
                return;
            }

            byte[] blob = Blob(nodes);
            DeviceTree tree = DtbReader.Read(blob);
            Assert.Equal(blob, DtbWriter.Write(tree));
            Assert.Equal(blob, DtbWriter.Write(new DeviceTreeBuilder(tree).Build()));
            Assert.True(DeviceTreeComparer.AreEqual(tree, DtbReader.Read(DtbWriter.Write(tree))));
        }, iter: 300);
    }
}
