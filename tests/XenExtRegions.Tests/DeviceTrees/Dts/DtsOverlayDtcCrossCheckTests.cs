using System;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// Overlay (<c>/plugin/</c>) and <c>-@</c> sources compiled by us and by dtc 1.6.1: the blobs must be byte for byte
/// the same (fragments, __symbols__, __fixups__, __local_fixups__, phandle numbers, header with boot_cpuid_phys).
/// </summary>
/// <remarks>
/// The fixture names avoid property names that are tails of others (a label "e" after "phandle"): dtc shares such
/// tails in the strings block, which the DTB writer's own tests cover; here only what the reader builds is at stake.
/// </remarks>
public sealed class DtsOverlayDtcCrossCheckTests
{
    public static TheoryData<string, bool> Sources()
    {
        var data = new TheoryData<string, bool>();
        foreach (string file in Directory.GetFiles(FixtureDirectory, "*.dts").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file), false);
            data.Add(Path.GetFileName(file), true);
        }

        return data;
    }

    internal static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Dts", "Fixtures", "Overlays");

    internal static string FixturePath(string name) => Path.Combine(FixtureDirectory, name);

    [Fact]
    public void There_are_enough_varied_sources()
    {
        string[] files = Directory.GetFiles(FixtureDirectory, "*.dts");
        Assert.True(files.Length >= 15, $"{files.Length} sources");
        Assert.True(files.Count(f => File.ReadAllText(f).Contains("/plugin/;", StringComparison.Ordinal)) >= 12);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Our_blob_is_dtcs_blob(string fixture, bool symbols)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string path = FixturePath(fixture);
        byte[] expected = symbols
            ? DtcTool.RunDtc("-q", "-@", "-I", "dts", "-O", "dtb", path)
            : DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", path);
        DeviceTree ours = DtsReader.ParseFile(path, new DtsReaderOptions { GenerateSymbols = symbols });
        byte[] actual = DtbWriter.Write(ours);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(expected), ours);
            Assert.Fail($"{fixture} (-@ {symbols}): {expected.Length} vs {actual.Length} bytes; first tree difference: {difference?.ToString() ?? "none (header or strings block)"}");
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Printed_source_keeps_the_labels_and_reads_back_to_the_same_tree(string fixture, bool symbols)
    {
        var options = new DtsReaderOptions { GenerateSymbols = symbols };
        DeviceTree tree = DtsReader.ParseFile(FixturePath(fixture), options);
        if (fixture == "phandle-by-path.dts")
        {
            // dtc names the fixup of <&{/soc/elsewhere}> by the path, a property name DTS cannot spell: refused.
            Assert.Throws<DtsWriteException>(() => DtsWriter.Write(tree));
            return;
        }

        DeviceTree back = DtsReader.Parse(DtsWriter.Write(tree), "printed.dts");
        Assert.Null(DeviceTreeComparer.FindFirstDifference(tree, back));
        Assert.Equal(Labels(tree), Labels(back));
    }

    [Theory]
    [InlineData("nested-labels.dts")]
    [InlineData("label-twice.dts")]
    [InlineData("property-labels.dts")]
    public void Labels_are_printed_as_dtc_prints_them_from_the_source(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string path = FixturePath(fixture);
        string dtcText = DtcTool.RunDtcText("-q", "-@", "-I", "dts", "-O", "dts", path);
        string ours = DtsWriter.Write(DtsReader.ParseFile(path, new DtsReaderOptions { GenerateSymbols = true }));

        // dtc prints the source's value types and references; the label prefixes of each line are what must agree.
        Assert.Equal(LabelPrefixes(dtcText), LabelPrefixes(ours));
    }

    /// <summary>"path: label label ..." per node and "path:property: labels" per property, in document order.</summary>
    internal static string[] Labels(DeviceTree tree) =>
        tree.Nodes.SelectMany(n => new[] { n.Path + ": " + string.Join(" ", n.Labels) }
            .Concat(n.Properties.Where(p => p.Labels.Count > 0).Select(p => n.Path + ":" + p.Name + ": " + string.Join(" ", p.Labels))))
            .ToArray();

    private static string[] LabelPrefixes(string source) =>
        source.Split('\n')
            .Select(line => line.Trim())
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, "^((?:[A-Za-z_][A-Za-z0-9_]*: )+)").Groups[1].Value)
            .Where(prefix => prefix.Length > 0)
            .ToArray();
}
