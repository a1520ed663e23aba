using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsWriterTests
{
    private static DeviceTreeProperty P(string name, params byte[] value) => new(name, value);

    private static string PrintValue(params byte[] value)
    {
        var tree = new DeviceTree(new DeviceTreeNode(string.Empty, new[] { P("p", value) }));
        string text = DtsWriter.Write(tree);
        int start = text.IndexOf("\tp", System.StringComparison.Ordinal) + 1;
        return text.Substring(start, text.IndexOf('\n', start) - start);
    }

    [Fact]
    public void Layout_matches_dtc()
    {
        var tree = new DeviceTree(
            new DeviceTreeNode(
                string.Empty,
                new[] { P("#address-cells", 0, 0, 0, 2), P("flag") },
                new[]
                {
                    new DeviceTreeNode("a@1", new[] { P("reg", 0, 0, 0, 1) }, new[] { new DeviceTreeNode("b") }),
                    new DeviceTreeNode("c"),
                }),
            new[] { new MemoryReservation(0x1000, 0x2000) });
        const string expected =
            "/dts-v1/;\n\n/memreserve/\t0x0000000000001000 0x0000000000002000;\n/ {\n\t#address-cells = <0x02>;\n\tflag;\n" +
            "\n\ta@1 {\n\t\treg = <0x01>;\n\n\t\tb {\n\t\t};\n\t};\n\n\tc {\n\t};\n};\n";
        Assert.Equal(expected, DtsWriter.Write(tree));
    }

    [Fact]
    public void Tree_without_reservations_has_a_blank_line_then_the_root() =>
        Assert.Equal("/dts-v1/;\n\n/ {\n};\n", DtsWriter.Write(new DeviceTree(new DeviceTreeNode(string.Empty))));

    [Theory]
    [InlineData(new byte[] { 0x61, 0 }, "p = \"a\";")]
    [InlineData(new byte[] { 0x61, 0, 0x62, 0 }, "p = \"a\\0b\";")]
    [InlineData(new byte[] { 0x61, 0x62, 0, 0 }, "p = \"ab\\0\";")]
    [InlineData(new byte[] { 0 }, "p = [00];")]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "p = <0x00>;")]
    [InlineData(new byte[] { 0x61, 0, 0, 0 }, "p = <0x61000000>;")]
    [InlineData(new byte[] { 0, 0x61, 0 }, "p = [00 61 00];")]
    [InlineData(new byte[] { 9, 10, 0x5c, 0x22, 7, 8, 11, 12, 13, 0 }, "p = \"\\t\\n\\\\\\\"\\a\\b\\v\\f\\r\";")]
    [InlineData(new byte[] { 0xc3, 0xa9, 0 }, "p = [c3 a9 00];")]
    [InlineData(new byte[] { 0x61, 0x7f, 0 }, "p = [61 7f 00];")]
    [InlineData(new byte[] { 0xab, 0xcd, 0xef, 0x12, 0, 0, 0, 0x10 }, "p = <0xabcdef12 0x10>;")]
    [InlineData(new byte[] { 1, 2, 3 }, "p = [01 02 03];")]
    [InlineData(new byte[0], "p;")]
    public void Values_are_printed_as_dtc_guesses_them(byte[] value, string expected) =>
        Assert.Equal(expected, PrintValue(value));

    [Fact]
    public void Separate_string_style_prints_a_comma_list()
    {
        var tree = new DeviceTree(new DeviceTreeNode(string.Empty, new[] { P("c", 0x61, 0x62, 0, 0x63, 0, 0) }));
        string text = DtsWriter.Write(tree, new DtsWriterOptions { StringListStyle = DtsStringListStyle.Separate });
        Assert.Contains("\tc = \"ab\", \"c\", \"\";\n", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TextWriter_overload_and_newline_option()
    {
        using var writer = new StringWriter();
        DtsWriter.Write(new DeviceTree(new DeviceTreeNode(string.Empty)), writer, new DtsWriterOptions { NewLine = "\r\n" });
        Assert.Equal("/dts-v1/;\r\n\r\n/ {\r\n};\r\n", writer.ToString());
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<System.ArgumentNullException>(() => DtsWriter.Write(null!));
        Assert.Throws<System.ArgumentNullException>(() => DtsWriter.Write(new DeviceTree(new DeviceTreeNode(string.Empty)), (TextWriter)null!));
    }
}
