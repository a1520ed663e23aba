using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>
/// Node names stay packed in the blob until read and are checked for uniqueness without decoding: byte by byte for
/// the first few siblings, by sorting for many. These pin the exact names and the first duplicate in document order;
/// names that are not valid UTF-8 are in <see cref="DtbRawByteNameTests"/>.
/// </summary>
public sealed class DtbReaderNodeNameTests
{
    [Theory]
    [InlineData("abcdefgh-1", "abcdefgh-2", false)] // same length and first eight bytes, different after them
    [InlineData("abcdefgh-1", "abcdefgh-1", true)]
    [InlineData("abcdefgh", "abcdefgh", true)] // exactly eight bytes
    [InlineData("abcdefgh", "abcdefgi", false)]
    [InlineData("abcdefg", "abcdefgh", false)] // one a prefix of the other
    [InlineData("a", "a", true)]
    [InlineData("a", "b", false)]
    [InlineData("x", "x@0", false)]
    public void Two_siblings_are_duplicates_exactly_when_their_names_are_equal(string first, string second, bool duplicate)
    {
        // Few siblings, so the reader compares each new child with the ones before it (not the hashed check).
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        c.BeginNode("other").EndNode().BeginNode(first).EndNode().BeginNode(second).EndNode();
        byte[] blob = c.EndNode().End().Build();

        if (duplicate)
        {
            DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob));
            Assert.Equal("/" + second, e.NodePath);
        }
        else
        {
            Assert.Equal(new[] { "other", first, second }, DtbReader.Read(blob).Root.Children.Select(n => n.Name));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(200)]
    public void The_first_duplicate_in_document_order_is_reported(int siblings)
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < siblings; i++)
        {
            c.BeginNode("dev@" + i).EndNode();
        }

        // Two later duplicates: of the last sibling first, then of the first; the earlier one in the blob is reported.
        int at = c.Here;
        c.BeginNode("dev@" + (siblings - 1)).EndNode();
        c.BeginNode("dev@0").EndNode();
        c.EndNode().End();

        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at, e.Offset);
        Assert.Equal("/dev@" + (siblings - 1), e.NodePath);
        Assert.Contains("Duplicate node name 'dev@" + (siblings - 1) + "'", e.Message);
    }

    [Fact]
    public void A_duplicate_among_many_is_reported_with_its_nested_path()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("soc");
        for (int i = 0; i < 40; i++)
        {
            c.BeginNode("dev@" + i).EndNode();
        }

        int at = c.Here;
        c.BeginNode("dev@25").EndNode().EndNode().EndNode().End();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at, e.Offset);
        Assert.Equal("/soc/dev@25", e.NodePath);
    }

    [Fact]
    public void Ascii_utf8_and_invalid_names_are_decoded_exactly_and_kept_in_order()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < 20; i++)
        {
            c.BeginNode("dev@" + i).EndNode();
        }

        c.BeginNode("caf\u00e9@1").EndNode();
        c.BeginNodeRaw(0x6e, 0xff).EndNode();
        c.BeginNode("\uFFFDx").EndNode();
        c.BeginNodeRaw(0x6e, 0xfe).EndNode();
        c.EndNode().End();

        DeviceTree tree = DtbReader.Read(c.Build());
        string[] expected = Enumerable.Range(0, 20).Select(i => "dev@" + i).Concat(["caf\u00e9@1", "n\uDCFF", "\uFFFDx", "n\uDCFE"]).ToArray();
        Assert.Equal(expected, tree.Root.Children.Select(n => n.Name).ToArray());
        Assert.Equal("/caf\u00e9@1", tree.Root.Children[20].Path);
        Assert.Same(tree.Root.Children[7], tree.FindNode("/dev@7"));
    }

    [Fact]
    public void Properties_spanning_many_slot_chunks_keep_their_names_and_values()
    {
        // 3000 nodes x 3 properties = 27 000 slots: several storage chunks, with nodes straddling chunk ends.
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < 3000; i++)
        {
            c.BeginNode("n@" + i).PropCell("a", (uint)i).PropCell("b" + (i % 7), (uint)(i * 3)).Prop("c", (byte)i).EndNode();
        }

        c.EndNode().End();
        DeviceTree tree = DtbReader.Read(c.Build());
        for (int i = 0; i < 3000; i++)
        {
            DeviceTreeNode node = tree.Root.Children[i];
            Assert.Equal(["a", "b" + (i % 7), "c"], node.Properties.Select(p => p.Name).ToArray());
            Assert.Equal((uint)i, node.Properties[0].GetUInt32());
            Assert.Equal((uint)(i * 3), node.Properties[1].GetUInt32());
            Assert.Equal([(byte)i], node.Properties[2].Value.ToArray());
        }
    }
}
