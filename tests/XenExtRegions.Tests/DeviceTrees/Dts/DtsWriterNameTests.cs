using System;
using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Names a blob can carry but DTS cannot spell are refused whole by the writer, before it writes anything.</summary>
public sealed class DtsWriterNameTests
{
    private static readonly byte[] Cell1 = { 0, 0, 0, 1 };

    private static DeviceTree WithProperty(string name) =>
        new(new DeviceTreeNode(string.Empty, null, new[] { new DeviceTreeNode("soc", new[] { new DeviceTreeProperty(name, Cell1) }) }));

    private static DeviceTree WithNode(string name) =>
        new(new DeviceTreeNode(string.Empty, null, new[] { new DeviceTreeNode("soc", null, new[] { new DeviceTreeNode(name) }) }));

    private static DtsWriteException Refused(DeviceTree tree)
    {
        using var output = new StringWriter();
        DtsWriteException e = Assert.Throws<DtsWriteException>(() => DtsWriter.Write(tree, output));
        Assert.Equal(string.Empty, output.ToString());
        return e;
    }

    [Fact]
    public void A_property_name_carrying_an_incbin_from_a_blob_is_refused_and_nothing_is_written()
    {
        string evil = "x;\n\tstolen = /incbin/(\"/etc/hostname\");\n\ty";
        byte[] blob = DtbWriter.Write(WithProperty(evil));
        DeviceTree tree = DtbReader.Read(blob);
        Assert.Equal(evil, tree.Root.Children[0].Properties[0].Name);

        DtsWriteException e = Refused(tree);
        Assert.Equal("/soc", e.NodePath);
        Assert.Contains("character ';' (U+003B) at index 1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
        Assert.Contains("\\x0a", e.PropertyName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(' ')]
    [InlineData(';')]
    [InlineData(':')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('=')]
    [InlineData('"')]
    [InlineData('/')]
    [InlineData('<')]
    [InlineData('>')]
    [InlineData('&')]
    [InlineData('\\')]
    [InlineData('\'')]
    [InlineData('(')]
    [InlineData('[')]
    [InlineData('$')]
    [InlineData('!')]
    [InlineData('\0')]
    [InlineData('\t')]
    [InlineData('\n')]
    [InlineData('\x1b')]
    [InlineData('\x7f')]
    [InlineData('\x80')]
    [InlineData('\u00e9')]
    [InlineData('\ufffd')]
    public void Each_character_outside_the_dts_name_class_is_refused_in_property_and_node_names(char c)
    {
        string name = "a" + c + "b";
        DtsWriteException property = Refused(WithProperty(name));
        Assert.Equal("/soc", property.NodePath);
        Assert.Contains(FormattableString.Invariant($"(U+{(int)c:X4}) at index 1"), property.Message, StringComparison.Ordinal);

        DtsWriteException node = Refused(WithNode(name));
        Assert.Null(node.PropertyName);
        Assert.StartsWith("/soc/a", node.NodePath, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"(U+{(int)c:X4}) at index 1"), node.Message, StringComparison.Ordinal);
        foreach (char m in property.Message + node.Message)
        {
            Assert.True(m >= 0x20 && m < 0x7f, "message characters are printable ASCII");
        }
    }

    [Theory]
    [InlineData("#include")]
    [InlineData("#if")]
    [InlineData("#define")]
    [InlineData("#12")]
    public void Names_the_reader_would_not_take_for_names_are_refused(string name)
    {
        // Printed verbatim at the start of a line, the reader takes them for a directive or a line marker.
        string verbatim = "/dts-v1/;\n\n/ {\n\t" + name + " = <0x01>;\n};\n";
        Assert.False(DtsReader.TryParse(verbatim, out DeviceTree? read, out _) && read!.Root.HasProperty(name));

        Refused(WithProperty(name));
        Refused(WithNode(name));
    }

    [Fact]
    public void An_empty_node_name_is_refused() =>
        Assert.Contains("'' cannot be written as DTS: it is empty", Refused(WithNode(string.Empty)).Message, System.StringComparison.Ordinal);

    [Fact]
    public void A_named_root_is_refused_because_dts_spells_the_root_as_a_slash() =>
        Assert.Contains("root node is named 'r'", Refused(new DeviceTree(new DeviceTreeNode("r"))).Message, StringComparison.Ordinal);

    public static TheoryData<string> PropertyNames => new()
    {
        "#address-cells", "linux,phandle", "a-b_c.d+e?*", "#", "#includes", "#line", "#1a", "0x10", "123", "?", "*", "-", "ABC,xyz-09",
    };

    public static TheoryData<string> NodeNames => new() { "node@0,1", "@", "a@", "@1", "0x10", "123", "-", "ABC,xyz-09", "a,b._+-c" };

    // What dtc 1.6.1 stops on with "ERROR (...)": '#', '?', '*' or a second '@' in a node name, '@' in a property name.
    public static TheoryData<string> NodeNamesDtcRefuses => new() { "a#b", "#a", "a?b", "?", "a*b", "a@1@2", "@@" };

    public static TheoryData<string> PropertyNamesDtcRefuses => new() { "a@b", "@", "reg@0" };

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Property_names_dts_can_spell_are_printed_and_read_back(string name)
    {
        DeviceTree tree = WithProperty(name);
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtsReader.Parse(DtsWriter.Write(tree))));
    }

    [Theory]
    [MemberData(nameof(NodeNames))]
    public void Node_names_dts_can_spell_are_printed_and_read_back(string name)
    {
        DeviceTree tree = WithNode(name);
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtsReader.Parse(DtsWriter.Write(tree))));
    }

    [Theory]
    [MemberData(nameof(NodeNamesDtcRefuses))]
    public void Node_names_dtc_refuses_are_refused_with_dtcs_check_named(string name)
    {
        DtsWriteException e = Refused(WithNode(name));
        Assert.Equal("/soc/" + name, e.NodePath);
        Assert.Contains("dtc", e.Message, StringComparison.Ordinal);
        string check = name.AsSpan().IndexOfAny('#', '?', '*') >= 0 ? "node_name_chars" : "node_name_format";
        Assert.Contains(check, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PropertyNamesDtcRefuses))]
    public void Property_names_dtc_refuses_are_refused_with_dtcs_check_named(string name)
    {
        DtsWriteException e = Refused(WithProperty(name));
        Assert.Equal(name, e.PropertyName);
        Assert.Contains("property_name_chars", e.Message, StringComparison.Ordinal);
    }
}
