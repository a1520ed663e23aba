using System;
using System.Linq;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>The writer's name rule against dtc 1.6.1: what it prints dtc reads back to the same tree; what it refuses, dtc refuses.</summary>
public sealed class DtsWriterDtcNameTests
{
    private static readonly byte[] Cell1 = { 0, 0, 0, 1 };

    private static DeviceTree WithProperty(string name) =>
        new(new DeviceTreeNode(string.Empty, null, new[] { new DeviceTreeNode("soc", new[] { new DeviceTreeProperty(name, Cell1) }) }));

    private static DeviceTree WithNode(string name) =>
        new(new DeviceTreeNode(string.Empty, null, new[] { new DeviceTreeNode("soc", null, new[] { new DeviceTreeNode(name) }) }));

    /// <summary>dtc's blob of <paramref name="source"/>; throws when dtc stops on an error.</summary>
    private static byte[] DtcCompile(string source) =>
        DtcTool.WithTempFile(Encoding.UTF8.GetBytes(source), path => DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", path));

    private static void AssertDtcReadsBack(DeviceTree tree)
    {
        string text = DtsWriter.Write(tree);
        DeviceTree back = DtbReader.Read(DtcCompile(text));
        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(tree, back);
        Assert.True(difference is null, difference + "\n" + text);
    }

    [Theory]
    [MemberData(nameof(DtsWriterNameTests.PropertyNames), MemberType = typeof(DtsWriterNameTests))]
    public void Dtc_reads_back_every_property_name_the_writer_prints(string name)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        AssertDtcReadsBack(WithProperty(name));
    }

    [Theory]
    [MemberData(nameof(DtsWriterNameTests.NodeNames), MemberType = typeof(DtsWriterNameTests))]
    public void Dtc_reads_back_every_node_name_the_writer_prints(string name)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        AssertDtcReadsBack(WithNode(name));
    }

    [Theory]
    [MemberData(nameof(DtsWriterNameTests.NodeNamesDtcRefuses), MemberType = typeof(DtsWriterNameTests))]
    public void Dtc_stops_on_the_node_names_the_writer_refuses(string name)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        Assert.Throws<DtsWriteException>(() => DtsWriter.Write(WithNode(name)));
        var e = Assert.Throws<InvalidOperationException>(() => DtcCompile("/dts-v1/;\n/ {\n\tsoc {\n\t\t" + name + " {\n\t\t};\n\t};\n};\n"));
        Assert.Contains("ERROR", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DtsWriterNameTests.PropertyNamesDtcRefuses), MemberType = typeof(DtsWriterNameTests))]
    public void Dtc_stops_on_the_property_names_the_writer_refuses(string name)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        Assert.Throws<DtsWriteException>(() => DtsWriter.Write(WithProperty(name)));
        var e = Assert.Throws<InvalidOperationException>(() => DtcCompile("/dts-v1/;\n/ {\n\tsoc {\n\t\t" + name + " = <0x01>;\n\t};\n};\n"));
        Assert.Contains("property_name_chars", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_names_from_the_dts_name_class_are_refused_or_read_back_by_dtc()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        Gen<string> names = Gen.Char["ab0,._+*#?@-"].Array[1, 5].Select(c => new string(c));
        int printed = 0;
        Gen.Select(names, names).Array[1, 4].Sample(
            pairs =>
            {
                var children = pairs
                    .GroupBy(p => p.Item1, StringComparer.Ordinal)
                    .Select(g => new DeviceTreeNode(g.Key, g.Select(p => p.Item2).Distinct(StringComparer.Ordinal).Select(n => new DeviceTreeProperty(n, Cell1)).ToArray()))
                    .ToArray();
                var tree = new DeviceTree(new DeviceTreeNode(string.Empty, null, children));
                try
                {
                    _ = DtsWriter.Write(tree);
                }
                catch (DtsWriteException)
                {
                    return;
                }

                printed++;
                AssertDtcReadsBack(tree);
            },
            iter: 60,
            threads: 1);
        Assert.InRange(printed, 1, 59);
    }
}
