using System;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Fdt;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// Issue 13: bytes ≥ 0x80 written raw into a DTS string literal reach the blob unchanged, as dtc keeps them; text
/// given to <see cref="DtsReader.Parse"/> carries such bytes as U+DC80–U+DCFF; and the writer prints blobs with such
/// bytes so that they read back the same, or refuses names DTS cannot spell.
/// </summary>
public sealed class DtsRawByteTests
{
    private static string FixturePath => DtsDtcCrossCheckTests.FixturePath("raw-high-bytes.dts");

    [Fact]
    public void Raw_high_bytes_in_strings_give_the_blob_dtc_gives()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] theirs = DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", FixturePath);
        Assert.Equal(theirs, DtbWriter.Write(DtsReader.ParseFile(FixturePath)));
    }

    [Fact]
    public void Raw_high_bytes_in_strings_are_kept_as_they_are()
    {
        DeviceTreeNode root = DtsReader.ParseFile(FixturePath).Root;
        Assert.Equal(new byte[] { 0xff, 0xfe, 0 }, root.GetProperty("ffe")!.Value.ToArray());
        Assert.Equal(new byte[] { 0x78, 0xe2, 0x82, 0, 0x79, 0xf0, 0x9f, 0x98, 0 }, root.GetProperty("truncated")!.Value.ToArray());
        Assert.Equal(new byte[] { 0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0 }, root.GetProperty("overlong")!.Value.ToArray());
        Assert.Equal("caf\u00e9 \u20ac \U0001F600", root.GetProperty("valid")!.GetString());
        Assert.Equal(new byte[] { 0, 0, 0, 0x61, 0, 0, 0, 0xff, 0, 0, 0, 0xfe }, root.GetProperty("chars")!.Value.ToArray());
        Assert.Equal(new byte[] { 0xff, 0 }, root.GetProperty("escaped")!.Value.ToArray());
    }

    [Fact]
    public void Text_carries_raw_bytes_as_lone_surrogates_dc80_to_dcff()
    {
        byte[] file = File.ReadAllBytes(FixturePath);
        DeviceTree fromText = DtsReader.Parse(EscapedUtf8.Decode(file), "raw.dts");
        Assert.Equal(DtbWriter.Write(DtsReader.ParseFile(FixturePath)), DtbWriter.Write(fromText));

        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { s = \"a\uDCFF\uDC80\"; c = <'\uDCFE'>; };");
        Assert.Equal(new byte[] { 0x61, 0xff, 0x80, 0 }, tree.Root.GetProperty("s")!.Value.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 0xfe }, tree.Root.GetProperty("c")!.Value.ToArray());
    }

    [Theory]
    [InlineData("s = \"a\\uD800\";", 11, "Lone surrogate U+D800")]
    [InlineData("s = \"\\uDC7F\";", 10, "Lone surrogate U+DC7F")]
    [InlineData("s\\uDCFF = \"x\";", 6, "byte 0xff (not valid UTF-8)")]
    public void Other_lone_surrogates_and_raw_bytes_outside_literals_are_syntax_errors(string escapedProperty, int column, string expected)
    {
        // Lone surrogates are spelled as \uXXXX in the data (xunit serialises it as UTF-8).
        string text = "/dts-v1/;\n/ { " + Model.EscapedUtf8Tests.Unescape(escapedProperty) + " };";
        DtsSyntaxException e = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text, "t.dts"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal((2, column), (e.Line, e.Column));
    }

    [Fact]
    public void A_blob_with_raw_bytes_in_values_goes_through_dts_and_back_unchanged_here_and_in_dtc()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        var c = new FdtBlobComposer().BeginNode(string.Empty).BeginNode("node");
        foreach ((string name, byte[] value) in new (string, byte[])[]
        {
            ("ffe", [0xff, 0xfe, 0]), ("cont", [0x61, 0x80, 0]), ("trunc", [0xe2, 0x82, 0]), ("overlong", [0xc0, 0xaf, 0]),
            ("valid", [0xc3, 0xa9, 0x20, 0xf0, 0x9f, 0x98, 0x80, 0]), ("list", [0xc3, 0xa9, 0xff, 0, 0x6f, 0x6b, 0x80, 0]),
        })
        {
            c.Prop(name, value);
        }

        byte[] blob = c.EndNode().EndNode().End().Build();
        string dts = DtsWriter.Write(DtbReader.Read(blob));
        Assert.Equal(blob, DtbWriter.Write(DtsReader.Parse(dts, "printed.dts")));
        Assert.Equal(blob, DtcTool.WithTempFile(System.Text.Encoding.UTF8.GetBytes(dts), path => DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", path)));
        Assert.Equal(DtcTool.Decompile(blob), dts);
    }

    [Theory]
    [InlineData(new byte[] { 0x6e, 0xff })]
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xc3, 0xa9 })]
    public void Names_with_bytes_dtc_cannot_read_in_dts_are_refused_with_the_byte_named(byte[] raw)
    {
        byte[] nodeBlob = new FdtBlobComposer().BeginNode(string.Empty).BeginNodeRaw(raw).EndNode().EndNode().End().Build();
        DtsWriteException e = Assert.Throws<DtsWriteException>(() => DtsWriter.Write(DtbReader.Read(nodeBlob)));
        Assert.Equal("/" + EscapedUtf8.Printable(EscapedUtf8.Decode(raw)), e.NodePath);
        Assert.True(raw[^1] == 0xff ? e.Message.Contains("byte 0xff at index 1 is not valid UTF-8", StringComparison.Ordinal) : e.Message.Contains("(U+00E9)", StringComparison.Ordinal), e.Message);

        var c = new FdtBlobComposer().BeginNode(string.Empty);
        c.RawString([.. raw, 0]);
        byte[] propertyBlob = c.PropRaw(0, 0, []).EndNode().End().Build();
        e = Assert.Throws<DtsWriteException>(() => DtsWriter.Write(DtbReader.Read(propertyBlob)));
        Assert.Equal(EscapedUtf8.Printable(EscapedUtf8.Decode(raw)), e.PropertyName);
    }
}
