using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using XenExtRegions.Cli;
using XenExtRegions.Cli.Commands;
using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// A run builds only the subcommand its first arguments name (start-up cost); these guard that it does, that the
/// name tables match the commands, and that help, errors and results are the same as with the whole tree.
/// </summary>
public sealed class CliCommandTreeTests
{
    private static CliContext Context() => new(TextWriter.Null, TextWriter.Null, new FakeBackend());

    [Fact]
    public void The_name_tables_name_the_commands_the_builders_make_in_help_order()
    {
        RootCommand whole = CliApp.BuildRoot(Context());
        Assert.Equal(CliApp.Subcommands.Select(s => s.Name), whole.Subcommands.Select(c => c.Name));
        Command dt = whole.Subcommands.Single(c => c.Name == "dt");
        Assert.Equal(DtCommand.Subcommands.Select(s => s.Name), dt.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void A_named_subcommand_is_built_alone_and_anything_else_builds_the_whole_tree()
    {
        RootCommand convert = CliApp.BuildRoot(Context(), ["dt", "convert", "a.dtb", "b.dts"]);
        Command dt = Assert.Single(convert.Subcommands);
        Assert.Equal("convert", Assert.Single(dt.Subcommands).Name);

        Assert.Equal("dom0", Assert.Single(CliApp.BuildRoot(Context(), ["dom0"]).Subcommands).Name);
        Assert.Equal(DtCommand.Subcommands.Length, Assert.Single(CliApp.BuildRoot(Context(), ["dt", "-q", "convert"]).Subcommands).Subcommands.Count);
        Assert.Equal(CliApp.Subcommands.Length, CliApp.BuildRoot(Context(), ["-q", "dom0"]).Subcommands.Count);
        Assert.Equal(CliApp.Subcommands.Length, CliApp.BuildRoot(Context(), ["Dom0"]).Subcommands.Count);
        Assert.Equal(CliApp.Subcommands.Length, CliApp.BuildRoot(Context(), []).Subcommands.Count);
    }

    [Theory]
    [InlineData("dom0")]
    [InlineData("dom0 --help")]
    [InlineData("dom0 dt")]
    [InlineData("dom0 convert")]
    [InlineData("dom0 --bogus")]
    [InlineData("dom0 -q -v")]
    [InlineData("dom0 --version")]
    [InlineData("dt")]
    [InlineData("dt --help")]
    [InlineData("dt conver")]
    [InlineData("dt convert")]
    [InlineData("dt convert --help")]
    [InlineData("dt convert -h")]
    [InlineData("dt convert IN")]
    [InlineData("dt convert IN -")]
    [InlineData("dt convert IN - extra")]
    [InlineData("dt convert IN OUT.txt")]
    [InlineData("dt convert dump -")]
    [InlineData("dt convert dom0 -")]
    [InlineData("dt convert IN - -O dtx")]
    [InlineData("dt dump --help")]
    [InlineData("dt regs IN")]
    [InlineData("dt get IN / model")]
    [InlineData("domu --help")]
    [InlineData("guest")]
    [InlineData("boot --help")]
    [InlineData("--help")]
    [InlineData("")]
    [InlineData("-q dom0")]
    [InlineData("[diagram] dt convert IN -")]
    [InlineData("dt convert IN DIR/out.dts")]
    [InlineData("dt convert IN DIR/out.dtb")]
    [InlineData("dt convert IN DIR/out.txt")]
    [InlineData("dt convert DIR/missing.dtb DIR/out.dts")]
    [InlineData("dt convert DIR DIR/out.dts")]
    [InlineData("dt convert IN DIR/none/out.dts")]
    [InlineData("dt convert IN dump")]
    [InlineData("dt convert IN /h")]
    [InlineData("dt convert IN @DIR/args")]
    public void A_pruned_tree_or_the_plain_convert_shortcut_answers_as_the_whole_tree(string line)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"xer-tree-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string input = Path.Combine(dir, "in.dtb");
        File.WriteAllBytes(input, CliTestBlob());
        File.WriteAllText(Path.Combine(dir, "args"), "-O\ndts\n");
        try
        {
            string[] args = line.Length == 0 ? [] : line.Replace("IN", input, StringComparison.Ordinal).Replace("DIR", dir, StringComparison.Ordinal).Split(' ');
            (int Exit, string Out, string Error, string Files) Run(bool whole)
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int exit = CliApp.Run(args, stdout, stderr, wholeTree: whole);
                string files = string.Join("|", Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => f + ":" + Convert.ToHexString(File.ReadAllBytes(f))));
                foreach (string f in Directory.GetFiles(dir).Where(f => f != input && !f.EndsWith("args", StringComparison.Ordinal)))
                {
                    File.Delete(f);
                }

                return (exit, stdout.ToString(), stderr.ToString(), files);
            }

            Assert.Equal(Run(whole: true), Run(whole: false));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("dt convert a.dtb b.dts", true)]
    [InlineData("dt convert /abs/a.dtb /abs/b.dts", true)]
    [InlineData("dt convert a.dtb -", false)]
    [InlineData("dt convert - b.dts", false)]
    [InlineData("dt convert a.dtb b.dts -q", false)]
    [InlineData("dt convert -O dts a b", false)]
    [InlineData("dt convert @args b.dts", false)]
    [InlineData("dt convert [x] b.dts", false)]
    [InlineData("dt convert a.dtb /h", false)]
    [InlineData("dt convert a.dtb /?", false)]
    [InlineData("dt convert dump b.dts", false)]
    [InlineData("dt convert a.dtb dom0", false)]
    [InlineData("dt convert a.dtb", false)]
    [InlineData("dt dump a.dtb b.dts", false)]
    [InlineData("-q convert a.dtb b.dts", false)]
    public void Only_a_plain_convert_takes_the_shortcut(string line, bool plain) =>
        Assert.Equal(plain, DtConvertCommand.IsPlain(line.Split(' ')));

    private static byte[] CliTestBlob()
    {
        var tree = new XenExtRegions.DeviceTrees.DeviceTree(new XenExtRegions.DeviceTrees.DeviceTreeNode(
            string.Empty,
            [new("model", "Board\0"u8.ToArray()), new("#address-cells", [0, 0, 0, 2])],
            [new XenExtRegions.DeviceTrees.DeviceTreeNode("memory@40000000", [new("reg", [0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0])])]));
        return XenExtRegions.DeviceTrees.DtbWriter.Write(tree);
    }

    [Fact]
    public void Dt_convert_writes_the_writers_utf8_bytes_to_a_file_as_they_are()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"xer-tree-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string input = Path.Combine(dir, "in.dtb");
            File.WriteAllBytes(input, CliTestBlob());
            string output = Path.Combine(dir, "out.dts");
            CliResult result = CliRunner.Run("dt", "convert", input, output);
            Assert.True(result.ExitCode == 0, result.ToString());
            byte[] expected = XenExtRegions.DeviceTrees.DtsWriter.WriteUtf8(XenExtRegions.DeviceTrees.DtbReader.Read(File.ReadAllBytes(input)));
            Assert.Equal(expected, File.ReadAllBytes(output));
            Assert.Equal(RawByteUtf8Encoding.Instance.GetString(expected), CliRunner.Run("dt", "convert", input, "-").Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
