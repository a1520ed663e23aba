using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>One blob per structure-block rule, breaking exactly that rule.</summary>
public sealed class DtbReaderMalformedTests
{
    private static DeviceTreeFormatException Fails(FdtBlobComposer composer, DtbReaderOptions? options = null) =>
        Fails(composer.Build(), options);

    private static DeviceTreeFormatException Fails(byte[] blob, DtbReaderOptions? options = null)
    {
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob, options));

        // The low-level reader must reject the same blob at the same offset.
        DeviceTreeFormatException low = Assert.Throws<DeviceTreeFormatException>(() => WalkAll(blob, options));
        if (e.NodePath is null || !e.Message.Contains("Duplicate", System.StringComparison.Ordinal))
        {
            Assert.Equal(e.Offset, low.Offset);
        }

        return e;
    }

    private static void WalkAll(byte[] blob, DtbReaderOptions? options)
    {
        var rsv = new FdtMemoryReservationReader(blob);
        while (rsv.Read())
        {
        }

        var reader = new FdtReader(blob, options);
        while (reader.Read())
        {
        }

        // Duplicates are a tree rule; keep the walk failing for them so Fails() can be shared.
        DtbReader.Read(blob, options);
    }

    [Fact]
    public void Minimal_blob_is_valid()
    {
        DeviceTree tree = DtbReader.Read(FdtBlobComposer.Minimal().Build());
        Assert.Equal("m", tree.Root.GetProperty("model")!.GetString());
        Assert.Equal(1u, tree.FindNode("/child@1")!.GetProperty("reg")!.GetUInt32());
    }

    [Fact]
    public void Reservation_block_without_terminator_is_rejected()
    {
        var c = new FdtBlobComposer { TerminateReservations = false }.Reserve(0x1000, 0x1000).BeginNode(string.Empty).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(56, e.Offset);
        Assert.Contains("no (0, 0) terminator", e.Message);
    }

    [Fact]
    public void Token_cut_by_the_end_of_the_structure_block_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode().RawBytes(0, 0);
        int at = c.Here - 2;
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("ends inside a token", e.Message);
    }

    [Fact]
    public void Truncated_prop_header_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).Word(3).Word(0);
        int at = c.Here - 8;
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("PROP token is truncated", e.Message);
        Assert.Equal("/", e.NodePath);
    }

    [Fact]
    public void Unknown_token_is_rejected_at_its_offset()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.Word(5).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("Unknown token 0x00000005", e.Message);
    }

    [Fact]
    public void Unterminated_node_name_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).Word(1);
        int at = c.Here;
        c.RawBytes(Encoding.ASCII.GetBytes("abcd"));
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("without a NUL terminator", e.Message);
    }

    [Fact]
    public void String_offset_out_of_range_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(0, 0x1000, []).EndNode().End();
        c.StringOffset("x");
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at + 8, e.Offset);
        Assert.Contains("name offset 0x1000 lies outside the 2-byte strings block", e.Message);
    }

    [Fact]
    public void Property_name_not_terminated_inside_the_strings_block_is_rejected()
    {
        var c = new FdtBlobComposer().RawString(Encoding.ASCII.GetBytes("abc")).BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(0, 1, []).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at + 8, e.Offset);
        Assert.Contains("no NUL terminator inside the strings block", e.Message);
    }

    [Fact]
    public void Empty_property_name_is_rejected()
    {
        var c = new FdtBlobComposer().RawString(0).BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(0, 0, []).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at + 8, e.Offset);
        Assert.Contains("is empty", e.Message);
    }

    [Fact]
    public void Property_longer_than_the_structure_block_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.PropRaw(64, (uint)c.StringOffset("reg"), new byte[4]).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at + 4, e.Offset);
        Assert.Contains("A property value of 64 bytes runs past the end of the structure block", e.Message);
    }

    [Fact]
    public void End_node_without_begin_is_rejected()
    {
        var c = new FdtBlobComposer();
        int at = c.Here;
        c.EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("END_NODE without a matching BEGIN_NODE", e.Message);
    }

    [Fact]
    public void Extra_end_node_after_the_root_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode();
        int at = c.Here;
        c.EndNode().End();
        Assert.Equal(at, Fails(c).Offset);
    }

    [Fact]
    public void Property_before_the_first_node_is_rejected()
    {
        var c = new FdtBlobComposer();
        int at = c.Here;
        c.PropCell("model", 1).BeginNode(string.Empty).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("before the first node", e.Message);
    }

    [Fact]
    public void Property_after_the_root_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode();
        int at = c.Here;
        c.PropCell("model", 1).End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("follows the end of the root node", e.Message);
    }

    [Fact]
    public void Second_root_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode();
        int at = c.Here;
        c.BeginNode(string.Empty).EndNode().End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("second root", e.Message);
    }

    [Fact]
    public void Data_after_end_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode().End();
        int at = c.Here;
        c.Nop();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("4 byte(s) of data follow the END token", e.Message);
    }

    [Fact]
    public void Missing_end_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode();
        int at = c.Here;
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("without an END token", e.Message);
    }

    [Fact]
    public void End_inside_an_open_node_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("a");
        int at = c.Here;
        c.End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("2 node(s) are still open", e.Message);
        Assert.Equal("/a", e.NodePath);
    }

    [Fact]
    public void Structure_block_without_a_root_is_rejected()
    {
        var c = new FdtBlobComposer().Nop();
        int at = c.Here;
        c.End();
        DeviceTreeFormatException e = Fails(c);
        Assert.Equal(at, e.Offset);
        Assert.Contains("no root node", e.Message);
    }

    [Fact]
    public void Depth_beyond_the_limit_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("a").BeginNode("b");
        int at = c.Here;
        c.BeginNode("c").EndNode().EndNode().EndNode().EndNode().End();
        DeviceTreeFormatException e = Fails(c, new DtbReaderOptions { MaxDepth = 3 });
        Assert.Equal(at, e.Offset);
        Assert.Contains("deeper than the limit of 3", e.Message);
        Assert.Equal("/a/b", e.NodePath);
        DtbReader.Read(c.Build(), new DtbReaderOptions { MaxDepth = 4 });
    }

    [Fact]
    public void Duplicate_property_is_rejected_with_path_and_name()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("soc").PropCell("reg", 1);
        int at = c.Here;
        c.PropCell("reg", 2).EndNode().EndNode().End();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at, e.Offset);
        Assert.Equal("/soc", e.NodePath);
        Assert.Equal("reg", e.PropertyName);
        Assert.Contains("Duplicate property 'reg'", e.Message);
    }

    [Fact]
    public void Duplicate_property_from_separate_string_copies_is_rejected()
    {
        var c = new FdtBlobComposer().RawString(Encoding.ASCII.GetBytes("reg\0reg\0")).BeginNode(string.Empty);
        c.PropRaw(0, 0, []).PropRaw(0, 4, []).EndNode().End();
        Assert.Contains("Duplicate property 'reg'", Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build())).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void Duplicate_property_from_separate_string_copies_is_rejected_after_other_properties(int before)
    {
        // Names are compared by table index: the second copy of "reg" must get the first copy's index.
        var c = new FdtBlobComposer().RawString(Encoding.ASCII.GetBytes("reg\0x\0reg\0")).BeginNode(string.Empty);
        for (int i = 0; i < before; i++)
        {
            c.PropCell("p" + i, (uint)i);
        }

        c.PropRaw(0, 0, []).PropRaw(0, 2, []).PropRaw(0, 6, []).EndNode().End();
        Assert.Contains("Duplicate property 'reg'", Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build())).Message);
    }

    [Fact]
    public void A_property_repeated_after_a_child_is_rejected_even_when_the_child_has_it_too()
    {
        // The child's own "a" must neither hide the parent's first "a" nor be taken for the parent's.
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("n").PropCell("a", 1)
            .BeginNode("child").PropCell("a", 2).EndNode().PropCell("b", 3).PropCell("a", 4).EndNode().EndNode().End();
        Assert.Contains("Duplicate property 'a'", Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build())).Message);

        byte[] fine = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("n").PropCell("x", 1)
            .BeginNode("child").PropCell("a", 2).EndNode().PropCell("a", 4).EndNode().EndNode().End().Build();
        Assert.Equal(["x", "a"], DtbReader.Read(fine).FindNode("/n")!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_failed_read_leaves_nothing_behind_for_the_next_read_on_the_thread()
    {
        // The reader reuses its working state per thread; a read that throws half way must not leak into the next.
        var bad = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("a").PropCell("p", 1).BeginNode("b").PropCell("q", 1);
        bad.PropCell("q", 2).EndNode().EndNode().EndNode().End();
        Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(bad.Build()));

        byte[] good = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("a").PropCell("q", 1).BeginNode("b").PropCell("p", 2)
            .EndNode().EndNode().EndNode().End().Build();
        for (int i = 0; i < 2; i++)
        {
            DeviceTree tree = DtbReader.Read(good);
            Assert.Equal(["q"], tree.FindNode("/a")!.Properties.Select(p => p.Name));
            Assert.Equal(["p"], tree.FindNode("/a/b")!.Properties.Select(p => p.Name));
            Assert.Equal(["/", "/a", "/a/b"], tree.Nodes.Select(n => n.Path));
        }
    }

    [Fact]
    public void Duplicate_property_among_many_is_rejected()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        for (int i = 0; i < 40; i++)
        {
            c.PropCell("p" + i, (uint)i);
        }

        c.PropCell("p7", 7).EndNode().End();
        Assert.Contains("Duplicate property 'p7'", Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build())).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void Duplicate_node_name_is_rejected_with_path(int siblings)
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("soc");
        for (int i = 0; i < siblings; i++)
        {
            c.BeginNode("uart@" + i).EndNode();
        }

        int at = c.Here;
        c.BeginNode("uart@0").EndNode().EndNode().EndNode().End();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(c.Build()));
        Assert.Equal(at, e.Offset);
        Assert.Equal("/soc/uart@0", e.NodePath);
        Assert.Contains("Duplicate node name 'uart@0'", e.Message);
    }

    [Fact]
    public void Node_count_limit_is_enforced()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob, new DtbReaderOptions { MaxNodes = 1 }));
        Assert.Contains("more than 1 nodes", e.Message);
        Assert.Equal(2, DtbReader.Read(blob, new DtbReaderOptions { MaxNodes = 2 }).Nodes.Count());
    }

    [Fact]
    public void Property_size_limit_is_enforced()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty);
        int at = c.Here;
        c.Prop("blob", new byte[100]).EndNode().End();
        DeviceTreeFormatException e = Fails(c, new DtbReaderOptions { MaxPropertySize = 99 });
        Assert.Equal(at + 4, e.Offset);
        Assert.Contains("exceeds the limit of 99 bytes", e.Message);
    }

    [Fact]
    public void Total_size_limit_is_enforced()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        DeviceTreeFormatException e = Assert.Throws<DeviceTreeFormatException>(() => DtbReader.Read(blob, new DtbReaderOptions { MaxTotalSize = 64 }));
        Assert.Equal(4, e.Offset);
        Assert.Contains("MaxTotalSize", e.Message);
    }

    [Fact]
    public void Invalid_options_are_an_argument_error()
    {
        byte[] blob = FdtBlobComposer.Minimal().Build();
        Assert.Throws<System.ArgumentException>(() => DtbReader.Read(blob, new DtbReaderOptions { MaxDepth = 0 }));
    }

    [Fact]
    public void TryRead_returns_the_error()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).EndNode();
        Assert.False(DtbReader.TryRead(c.Build(), out DeviceTree? tree, out DeviceTreeFormatException? error));
        Assert.Null(tree);
        Assert.Contains("END token", error.Message);
        Assert.True(DtbReader.TryRead(FdtBlobComposer.Minimal().Build(), out tree, out error));
        Assert.NotNull(tree);
    }
}
