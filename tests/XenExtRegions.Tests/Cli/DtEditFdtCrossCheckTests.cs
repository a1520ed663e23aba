using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// dt get / set / delete against Debian's fdtget and fdtput on dtc-compiled fixtures: the same printed values (or the
/// same refusal) for every property under every type, and byte-identical blobs after the same edits.
/// </summary>
public sealed class DtEditFdtCrossCheckTests : IDisposable
{
    // -t h is left out of the fdtput comparison: dtc 1.6.1's fdtput stores only the low byte of a 16-bit value.
    private static readonly string[] GetTypes = [string.Empty, "x", "u", "i", "s", "bx", "hx", "hhu", "lx"];

    private readonly string _dir = Directory.CreateTempSubdirectory("xer-fdt-x-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Fixtures => new() { "sample-board", "Fdt/board.dts", "Fdt/edge-cases.dts", "Dts/strings-and-bytes.dts", "Dts/labels-and-references.dts" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dt_get_prints_what_fdtget_prints_for_every_property_and_type(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtget");
        string dtb = Compile(fixture);
        DeviceTree tree = DtbReader.Read(File.ReadAllBytes(dtb));
        int compared = 0;
        foreach (string type in GetTypes)
        {
            string[] typeArgs = type.Length == 0 ? [] : ["-t", type];
            var pairs = new List<string>();
            var expected = new List<string>();
            foreach (DeviceTreeNode node in tree.Nodes)
            {
                foreach (DeviceTreeProperty property in node.Properties)
                {
                    CliResult ours = CliRunner.Run([.. new[] { "dt", "get", dtb, node.Path, property.Name }, .. typeArgs]);
                    if (ours.ExitCode == 0)
                    {
                        pairs.Add(node.Path);
                        pairs.Add(property.Name);
                        expected.Add(ours.Out);
                    }
                    else
                    {
                        // Refused by us: fdtget refuses it too.
                        Assert.True(ours.ExitCode == 2, ours.ToString());
                        Assert.Throws<InvalidOperationException>(() => DtcTool.Run("fdtget", [.. typeArgs, dtb, node.Path, property.Name]));
                        compared++;
                    }
                }
            }

            // One fdtget run per type for everything we print: its lines are ours, in order.
            // Compared as bytes: the CLI writes a string's bytes that are not UTF-8 as those bytes, as fdtget does.
            Assert.Equal(RawByteUtf8Encoding.Instance.GetBytes(string.Concat(expected)), DtcTool.RunBytes("fdtget", [.. typeArgs, dtb, .. pairs]));
            compared += expected.Count;
        }

        foreach (DeviceTreeNode node in tree.Nodes)
        {
            Assert.Equal(DtcTool.Run("fdtget", "-p", dtb, node.Path), CliRunner.Run("dt", "get", dtb, node.Path, "-p").Out);
            Assert.Equal(DtcTool.Run("fdtget", "-l", dtb, node.Path), CliRunner.Run("dt", "get", dtb, node.Path, "-l").Out);
            compared += 2;
        }

        Assert.True(compared > 20, $"only {compared} comparisons");
        TestContext.Current.TestOutputHelper?.WriteLine($"{fixture}: {compared} dt get outputs equal fdtget's");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dt_set_and_delete_give_fdtputs_bytes(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc", "fdtput");
        string dtb = Compile(fixture);
        DeviceTree tree = DtbReader.Read(File.ReadAllBytes(dtb));
        DeviceTreeNode[] nodes = tree.Nodes.ToArray();
        var edits = new List<(string[] Fdtput, string[] Ours)>();
        for (int i = 0; i < nodes.Length; i += Math.Max(1, nodes.Length / 6))
        {
            DeviceTreeNode node = nodes[i];
            string path = node.Path;
            edits.Add((["-t", "x", path, "xer,new", "1", "dead", "ffffffff"], ["set", "-t", "x", path, "xer,new", "1", "dead", "ffffffff"]));
            edits.Add((["-t", "s", path, "xer,str", "a", "bcdef"], ["set", "-t", "s", path, "xer,str", "a", "bcdef"]));
            edits.Add(([path, "xer,empty"], ["set", path, "xer,empty"]));
            edits.Add((["-t", "bx", path, "xer,bytes", "1", "ff", "7"], ["set", "-t", "bx", path, "xer,bytes", "1", "ff", "7"]));
            edits.Add((["-p", "-t", "u", path + "/xer-a/xer-b@1", "v", "42"], ["set", "-p", "-t", "u", path + "/xer-a/xer-b@1", "v", "42"]));
            foreach (DeviceTreeProperty property in node.Properties.Take(2))
            {
                edits.Add((["-t", "s", path, property.Name, "a much longer value than before", "x"], ["set", "-t", "s", path, property.Name, "a much longer value than before", "x"]));
                edits.Add((["-t", "i", path, property.Name, "7"], ["set", "-t", "i", path, property.Name, "7"]));
                edits.Add((["-d", path, property.Name], ["delete", path, property.Name]));
            }

            if (!node.IsRoot)
            {
                edits.Add((["-r", path], ["delete", path]));
            }
        }

        foreach ((string[] fdtput, string[] ours) in edits)
        {
            string theirs = Path.Combine(_dir, "theirs.dtb");
            string mine = Path.Combine(_dir, "mine.dtb");
            File.Copy(dtb, theirs, overwrite: true);
            File.Copy(dtb, mine, overwrite: true);
            int at = Array.FindIndex(fdtput, a => a.StartsWith('/'));
            DtcTool.Run("fdtput", [.. fdtput[..at], theirs, .. fdtput[at..]]);
            int ourAt = Array.FindIndex(ours, a => a.StartsWith('/'));
            CliResult result = CliRunner.Run([.. new[] { "dt" }, .. ours[..ourAt], mine, .. ours[ourAt..]]);
            Assert.True(result.ExitCode == 0, string.Join(' ', ours) + "\n" + result);
            Assert.True(File.ReadAllBytes(theirs).AsSpan().SequenceEqual(File.ReadAllBytes(mine)), $"{fixture}: dt {string.Join(' ', ours)} differs from fdtput's blob");
        }

        Assert.True(edits.Count > 10, $"only {edits.Count} edits");
        TestContext.Current.TestOutputHelper?.WriteLine($"{fixture}: {edits.Count} edited blobs equal fdtput's");
    }

    private string Compile(string fixture)
    {
        string source = fixture == "sample-board" ? Path.Combine(_dir, "board.dts") : Path.Combine(AppContext.BaseDirectory, "DeviceTrees", Path.GetDirectoryName(fixture)!, "Fixtures", Path.GetFileName(fixture));
        if (fixture == "sample-board")
        {
            File.WriteAllText(source, SampleBoard.ReadDts());
        }

        string dtb = Path.Combine(_dir, Path.GetFileNameWithoutExtension(fixture) + ".dtb");
        DtcTool.Run("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, source);
        return dtb;
    }
}
