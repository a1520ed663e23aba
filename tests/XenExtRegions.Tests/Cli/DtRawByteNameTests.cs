using System;
using System.IO;
using System.Text;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Fdt;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// Issue 13: names and strings with bytes that are not valid UTF-8 do not crash the commands that print them; the
/// printed text spells each such byte as \xNN (the siblings n\x80 and n\xff stay distinguishable), and DTS output
/// is refused with the byte named.
/// </summary>
public sealed class DtRawByteNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-rawbytes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Blob()
    {
        var c = new FdtBlobComposer().BeginNode(string.Empty).PropCell("#address-cells", 1).PropCell("#size-cells", 1);
        c.BeginNodeRaw(0x6e, 0xff).Prop("reg", 0, 0, 0x10, 0, 0, 0, 0, 0x10).EndNode();
        c.BeginNodeRaw(0x6e, 0x80).Prop("reg", 0, 0, 0x20, 0, 0, 0, 0, 0x10).EndNode();
        c.BeginNode("ok").Prop("str", 0x61, 0xff, 0xfe, 0).EndNode();
        string path = Path.Combine(_dir, "raw.dtb");
        File.WriteAllBytes(path, c.EndNode().End().Build());
        return path;
    }

    private static string Printed(string text) => Encoding.ASCII.GetString(ByteEscapeFallback.Utf8.GetBytes(text));

    [Fact]
    public void Dump_as_dts_is_refused_with_the_byte_named_and_as_json_spells_the_bytes()
    {
        string dtb = Blob();
        CliResult dts = CliRunner.Run("dt", "dump", dtb);
        Assert.True(dts.ExitCode == 2, dts.ToString());
        Assert.Contains("byte 0xff at index 1 is not valid UTF-8", dts.Error, StringComparison.Ordinal);
        Assert.Contains("(node /n\\xff)", dts.Error, StringComparison.Ordinal);

        CliResult json = CliRunner.Run("dt", "dump", dtb, "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains("\"path\": \"/n\\\\xff\"", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"path\": \"/n\\\\x80\"", json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_and_regs_print_raw_bytes_as_hex_escapes()
    {
        string dtb = Blob();
        CliResult get = CliRunner.Run("dt", "get", "-t", "s", dtb, "/ok", "str");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("a\\xff\\xfe", Printed(get.Out).TrimEnd('\n'));

        CliResult regs = CliRunner.Run("dt", "regs", dtb);
        Assert.True(regs.ExitCode == 0, regs.ToString());
        Assert.Contains("/n\\xff ", Printed(regs.Out), StringComparison.Ordinal);
        Assert.Contains("/n\\x80 ", Printed(regs.Out), StringComparison.Ordinal);

        CliResult regsJson = CliRunner.Run("dt", "regs", dtb, "--format", "json");
        Assert.Contains("\"/n\\\\xff\"", regsJson.Out, StringComparison.Ordinal);
        CliResult check = CliRunner.Run("dt", "check", dtb, "--format", "json");
        Assert.Contains("\"path\": \"/n\\\\xff\"", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_to_dtb_keeps_the_bytes()
    {
        string dtb = Blob();
        string output = Path.Combine(_dir, "out.dtb");
        CliResult result = CliRunner.Run("dt", "convert", dtb, output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllBytes(dtb), File.ReadAllBytes(output));
    }

    [Fact]
    public void The_output_encoding_spells_lone_surrogates_and_keeps_everything_else()
    {
        Assert.Equal("n\\x80 n\\xff caf\u00e9 \U0001F600 \\ud800", Encoding.UTF8.GetString(ByteEscapeFallback.Utf8.GetBytes("n\uDC80 n\uDCFF caf\u00e9 \U0001F600 \uD800")));
        Assert.Equal("/n\\xff", ByteEscapeFallback.Escape("/n\uDCFF"));
        Assert.Empty(ByteEscapeFallback.Utf8.GetPreamble());
    }
}
