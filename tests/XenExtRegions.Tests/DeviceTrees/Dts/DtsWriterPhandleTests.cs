using System;
using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// Explicit phandles the DTB reader keeps but the DTS reader refuses (spec: issue 13, safe round trips): the reader's
/// verdict on each, and the writer refusing the same trees by name instead of printing a source that does not read.
/// </summary>
public sealed class DtsWriterPhandleTests
{
    private static DeviceTreeProperty P(string name, params byte[] value) => new(name, value);

    private static DeviceTree Tree(params DeviceTreeNode[] children) => new(new DeviceTreeNode(string.Empty, null, children));

    /// <summary>What the writer would print without its check: the same text, so the reader's verdict can be asked.</summary>
    private static string Unchecked(DeviceTree tree)
    {
        var sb = new System.Text.StringBuilder("/dts-v1/;\n\n/ {\n");
        foreach (DeviceTreeNode node in tree.Root.Children)
        {
            sb.Append("\n\t").Append(node.Name).Append(" {\n");
            foreach (DeviceTreeProperty p in node.Properties)
            {
                sb.Append("\t\t").Append(p.Name);
                if (!p.IsEmpty)
                {
                    sb.Append(" = ");
                    var value = new DtsTextSink(null);
                    DtsWriter.AppendValue(value, p.Span, DtsWriterOptions.Default);
                    sb.Append(System.Text.Encoding.ASCII.GetString(value.ToArray()));
                }

                sb.Append(";\n");
            }

            sb.Append("\t};\n");
        }

        return sb.Append("};\n").ToString();
    }

    public static TheoryData<string, DeviceTree, string, string?> Refusals() => new()
    {
        { "phandle 0", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 0) })), "/a", "phandle" },
        { "phandle ~0", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0xff, 0xff, 0xff, 0xff) })), "/a", "phandle" },
        { "linux,phandle 0", Tree(new DeviceTreeNode("a", new[] { P("linux,phandle", 0, 0, 0, 0) })), "/a", "linux,phandle" },
        { "phandle of 3 bytes", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 1) })), "/a", "phandle" },
        { "phandle of 8 bytes", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 1, 0, 0, 0, 2) })), "/a", "phandle" },
        { "empty phandle", Tree(new DeviceTreeNode("a", new[] { P("phandle") })), "/a", "phandle" },
        { "duplicate", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 7) }), new DeviceTreeNode("b", new[] { P("phandle", 0, 0, 0, 7) })), "/b", "phandle" },
        { "duplicate across kinds", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 7) }), new DeviceTreeNode("b", new[] { P("linux,phandle", 0, 0, 0, 7) })), "/b", "linux,phandle" },
        { "mismatch", Tree(new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 1), P("linux,phandle", 0, 0, 0, 2) })), "/a", null },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Phandles_the_dts_reader_refuses_are_refused_by_the_writer_naming_the_node(string what, DeviceTree tree, string path, string? property)
    {
        // The DTB side keeps them, so a blob can carry them.
        Assert.NotNull(DtbReader.Read(DtbWriter.Write(tree)));

        // The DTS reader refuses them in any spelling the writer has (cells or bytes: it checks the value, not the form).
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(Unchecked(tree)));

        using var output = new StringWriter();
        DtsWriteException e = Assert.Throws<DtsWriteException>(() => DtsWriter.Write(tree, output));
        Assert.True(output.ToString().Length == 0, what);
        Assert.Equal(path, e.NodePath);
        Assert.Equal(property, e.PropertyName);
    }

    [Fact]
    public void Good_and_matching_phandles_are_printed_and_read_back()
    {
        DeviceTree tree = Tree(
            new DeviceTreeNode("a", new[] { P("phandle", 0, 0, 0, 1), P("linux,phandle", 0, 0, 0, 1) }),
            new DeviceTreeNode("b", new[] { P("linux,phandle", 0xff, 0xff, 0xff, 0xfe) }),
            new DeviceTreeNode("c", new[] { P("phandle", 0, 0, 0, 2) }));
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, DtsReader.Parse(DtsWriter.Write(tree))));
    }
}
