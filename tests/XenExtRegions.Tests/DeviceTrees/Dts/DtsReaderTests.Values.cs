using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderValueTests
{
    [Fact]
    public void Minimal_tree_has_an_empty_root()
    {
        DeviceTree tree = Parse("/ { };");
        Assert.Empty(tree.Root.Properties);
        Assert.Empty(tree.Root.Children);
        Assert.Empty(tree.MemoryReservations);
    }

    [Fact]
    public void Memreserve_entries_are_read_in_order_with_labels_and_expressions()
    {
        DeviceTree tree = Parse("/memreserve/ 0x1000 0x2000;\nm: /memreserve/ (0x10 << 24) 0x400;\n/ { };");
        Assert.Equal(new[] { new MemoryReservation(0x1000, 0x2000), new MemoryReservation(0x10000000, 0x400) }, tree.MemoryReservations);
    }

    [Fact]
    public void Nodes_with_unit_addresses_and_nesting()
    {
        DeviceTree tree = Parse("/ { soc { serial@e6e88000 { compatible = \"renesas,scif\"; }; }; };");
        Assert.Equal("renesas,scif", tree.FindNode("/soc/serial@e6e88000")!.GetProperty("compatible")!.GetString());
    }

    [Fact]
    public void Empty_property_has_no_value() =>
        Assert.Empty(Value(Parse("/ { dma-coherent; };"), "/", "dma-coherent"));

    [Theory]
    [InlineData("<1 2>", new byte[] { 0, 0, 0, 1, 0, 0, 0, 2 })]
    [InlineData("<0xABCDEF12>", new byte[] { 0xab, 0xcd, 0xef, 0x12 })]
    [InlineData("<010>", new byte[] { 0, 0, 0, 8 })]
    [InlineData("<>", new byte[0])]
    [InlineData("<10U 10L 10UL 10LL 10ULL>", new byte[] { 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10 })]
    [InlineData("/bits/ 8 <1 0xff (-1)>", new byte[] { 1, 0xff, 0xff })]
    [InlineData("/bits/ 8 <(-129)>", new byte[] { 0x7f })]
    [InlineData("/bits/ 16 <1 0x1234>", new byte[] { 0, 1, 0x12, 0x34 })]
    [InlineData("/bits/ 64 <0x100000000>", new byte[] { 0, 0, 0, 1, 0, 0, 0, 0 })]
    [InlineData("/bits/ 0x20 <5>", new byte[] { 0, 0, 0, 5 })]
    [InlineData("<(-1)>", new byte[] { 0xff, 0xff, 0xff, 0xff })]
    [InlineData("<'a' '\\n' '\\x41' '\\101' '\\''>", new byte[] { 0, 0, 0, 0x61, 0, 0, 0, 10, 0, 0, 0, 0x41, 0, 0, 0, 0x41, 0, 0, 0, 0x27 })]
    [InlineData("[00 11 2233]", new byte[] { 0, 0x11, 0x22, 0x33 })]
    [InlineData("[ab CD]", new byte[] { 0xab, 0xcd })]
    [InlineData("[]", new byte[0])]
    [InlineData("\"\"", new byte[] { 0 })]
    [InlineData("\"a\", \"bc\"", new byte[] { 0x61, 0, 0x62, 0x63, 0 })]
    [InlineData("\"x\", <1>, [02]", new byte[] { 0x78, 0, 0, 0, 0, 1, 2 })]
    public void Values_encode_as_dtc_encodes_them(string source, byte[] expected) =>
        Assert.Equal(expected, Value(Parse("/ { p = " + source + "; };"), "/", "p"));

    [Theory]
    [InlineData("\"a\\tb\"", new byte[] { 0x61, 9, 0x62, 0 })]
    [InlineData("\"\\a\\b\\t\\n\\v\\f\\r\"", new byte[] { 7, 8, 9, 10, 11, 12, 13, 0 })]
    [InlineData("\"\\\\\\\"\"", new byte[] { 0x5c, 0x22, 0 })]
    [InlineData("\"\\x41\\x4g\"", new byte[] { 0x41, 4, 0x67, 0 })]
    [InlineData("\"\\101\\0x\\777\"", new byte[] { 0x41, 0, 0x78, 0xff, 0 })]
    [InlineData("\"\\q\"", new byte[] { 0x71, 0 })]
    [InlineData("\"é\"", new byte[] { 0xc3, 0xa9, 0 })]
    [InlineData("\"a\nb\"", new byte[] { 0x61, 10, 0x62, 0 })]
    public void String_escapes_follow_dtc(string source, byte[] expected) =>
        Assert.Equal(expected, Value(Parse("/ { p = " + source + "; };"), "/", "p"));

    [Fact]
    public void Labels_inside_values_are_accepted_and_ignored()
    {
        DeviceTree tree = Parse("/ { a: b: x { c: p = d: <e: 1 f: 2 g:> h:, i: \"s\" j:, [k: 01 l:]; }; };");
        Assert.Equal(Bytes(0, 0, 0, 1, 0, 0, 0, 2, 0x73, 0, 1), Value(tree, "/x", "p"));
    }

    [Fact]
    public void Comments_of_both_kinds_are_skipped()
    {
        DeviceTree tree = Parse("// line\n/ { /* block\n over lines */ p = <1 /* in cells */ 2>; // end\n q = [01 /* x */ 02]; };");
        Assert.Equal(Bytes(0, 0, 0, 1, 0, 0, 0, 2), Value(tree, "/", "p"));
        Assert.Equal(Bytes(1, 2), Value(tree, "/", "q"));
    }

    [Fact]
    public void Hash_names_are_properties_not_preprocessor_lines()
    {
        DeviceTree tree = Parse("/ {\n#address-cells = <2>;\n  #size-cells = <1>;\n#interrupt-cells = <3>;\n#include-like;\n};");
        Assert.Equal(2u, tree.Root.GetProperty("#address-cells")!.GetUInt32());
        Assert.Equal(1u, tree.Root.GetProperty("#size-cells")!.GetUInt32());
        Assert.True(tree.Root.HasProperty("#include-like"));
    }

    [Fact]
    public void Cpp_line_markers_are_understood_and_move_error_locations()
    {
        DeviceTree tree = Parse("# 1 \"board.dts\"\n/ { p = <1>; };");
        Assert.Equal(1u, tree.Root.GetProperty("p")!.GetUInt32());
        DtsSyntaxException ex = Error("/dts-v1/;\n# 40 \"board.dts\" 1\n/ {\n p = <1>\n};");
        Assert.Equal(("board.dts", 42), (ex.File, ex.Line));
    }

    [Fact]
    public void Repeated_dts_v1_header_is_accepted() => Parse("/dts-v1/;\n/ { };");

    [Fact]
    public void Property_and_node_names_use_dtc_characters()
    {
        DeviceTree tree = Parse("/ { a,b.c_d+e*f#g?h-i = <1>; node-1,x@1,2 { }; };");
        Assert.True(tree.Root.HasProperty("a,b.c_d+e*f#g?h-i"));
        Assert.NotNull(tree.Root.GetChild("node-1,x@1,2"));
    }

    [Fact]
    public void Multiple_root_blocks_merge_and_later_values_win_in_place()
    {
        DeviceTree tree = Parse("/ { a = <1>; b = <2>; n { x = <1>; }; };\n/ { a = <3>; c; n { y; }; m { }; };");
        Assert.Equal(new[] { "a", "b", "c" }, tree.Root.Properties.Select(p => p.Name));
        Assert.Equal(3u, tree.Root.GetProperty("a")!.GetUInt32());
        Assert.Equal(new[] { "n", "m" }, tree.Root.Children.Select(n => n.Name));
        Assert.Equal(new[] { "x", "y" }, tree.FindNode("/n")!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Incbin_includes_file_bytes_with_offset_and_length()
    {
        string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dts-incbin-" + System.Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        try
        {
            System.IO.File.WriteAllBytes(System.IO.Path.Combine(dir, "blob.bin"), Bytes(1, 2, 3, 4, 5));
            System.IO.File.WriteAllText(System.IO.Path.Combine(dir, "main.dts"), "/dts-v1/;\n/ { a = /incbin/(\"blob.bin\"); b = /incbin/(\"blob.bin\", 1, 2); };");
            DeviceTree tree = DtsReader.ParseFile(System.IO.Path.Combine(dir, "main.dts"));
            Assert.Equal(Bytes(1, 2, 3, 4, 5), Value(tree, "/", "a"));
            Assert.Equal(Bytes(2, 3), Value(tree, "/", "b"));
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }
}
