using System;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>The three outputs of <see cref="DtsWriter"/> (string, UTF-8 bytes, a TextWriter) are the same text.</summary>
public sealed class DtsWriterUtf8Tests
{
    /// <summary>Enough nodes that the text passes the sink's piece size many times, with labels, cells, strings and bytes.</summary>
    private static DeviceTree LargeTree()
    {
        var children = Enumerable.Range(0, 2000).Select(i => new DeviceTreeNode(
            $"dev@{i:x}",
            [
                new DeviceTreeProperty("compatible", Encoding.ASCII.GetBytes($"vendor,dev{i}\0generic\0")),
                new DeviceTreeProperty("reg", [0, 0, (byte)(i >> 8), (byte)i, 0, 0, 0x10, 0]),
                new DeviceTreeProperty("mac", [1, 2, 3, 4, 5, (byte)i]),
                new DeviceTreeProperty("flag", []),
            ]));
        return new DeviceTree(new DeviceTreeNode(string.Empty, [new DeviceTreeProperty("#size-cells", [0, 0, 0, 1])], children), [new MemoryReservation(0x1000, 0x2000)]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    public void Bytes_string_and_writer_agree_across_pieces(string newLine)
    {
        var options = new DtsWriterOptions { NewLine = newLine };
        DeviceTree tree = LargeTree();
        string text = DtsWriter.Write(tree, options);
        Assert.True(text.Length > 4 * DtsTextSink.FlushAt, "the text should span several pieces");
        Assert.Equal(Encoding.UTF8.GetBytes(text), DtsWriter.WriteUtf8(tree, options));
        var writer = new StringWriter();
        DtsWriter.Write(tree, writer, options);
        Assert.Equal(text, writer.ToString());
        Assert.Equal(2000, text.Split(newLine + "\tdev@").Length - 1);
    }

    [Fact]
    public void Labels_of_a_source_tree_are_printed_before_node_and_property_names()
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ {\n\tl1: n {\n\t\tpl: p = <1>;\n\t\tq;\n\t};\n};\n");
        Assert.Contains("\tl1: n {\n\t\tpl: p = <0x01>;\n\t\tq;\n", Encoding.UTF8.GetString(DtsWriter.WriteUtf8(tree)), StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_a_tree_read_from_a_blob_makes_no_property_objects()
    {
        DeviceTree tree = DtbReader.Read(DtbWriter.Write(LargeTree()));
        _ = DtsWriter.WriteUtf8(tree);
        Assert.All(tree.Nodes, node => Assert.False(node.PropertiesMaterialized, node.Path));
    }

    [Fact]
    public void A_line_terminator_with_a_lone_surrogate_is_refused()
    {
        var options = new DtsWriterOptions { NewLine = "\ud800" };
        var tree = new DeviceTree(new DeviceTreeNode(string.Empty));
        Assert.Throws<ArgumentException>(() => DtsWriter.WriteUtf8(tree, options));
        Assert.Throws<ArgumentException>(() => DtsWriter.Write(tree, options));
    }
}
