using System;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees.Fdt;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// Issue 13: names and strings with bytes that are not valid UTF-8 do not crash the commands that print them. Text
/// output carries such bytes as they are (as fdtget and dtc print them), JSON spells them \xNN, messages from the
/// library spell them \xNN, and DTS output is refused with the byte named; DTS input keeps raw bytes in strings.
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

    private static byte[] Printed(string text) => RawByteUtf8Encoding.Instance.GetBytes(text);

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
    public void Get_prints_raw_bytes_as_fdtget_and_regs_spells_them_as_hex_escapes()
    {
        string dtb = Blob();
        CliResult get = CliRunner.Run("dt", "get", "-t", "s", dtb, "/ok", "str");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(new byte[] { 0x61, 0xff, 0xfe, 0x0a }, Printed(get.Out));

        CliResult regs = CliRunner.Run("dt", "regs", dtb);
        Assert.True(regs.ExitCode == 0, regs.ToString());
        // regs shares one document between its table and its JSON, so both spell the bytes.
        Assert.Contains("\n/n\\xff ", regs.Out, StringComparison.Ordinal);
        Assert.Contains("\n/n\\x80 ", regs.Out, StringComparison.Ordinal);

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
    public void The_output_encoding_writes_escapes_as_their_bytes_and_keeps_everything_else()
    {
        byte[] expected = [0x6e, 0x80, .. " caf\u00e9 \U0001F600 \\ud800 \\udc7f"u8];
        Assert.Equal(expected, RawByteUtf8Encoding.Instance.GetBytes("n\uDC80 caf\u00e9 \U0001F600 \uD800 \uDC7F"));
        Assert.Empty(RawByteUtf8Encoding.Instance.GetPreamble());
        Assert.Equal("/n\\xff", JsonText.Escape("/n\uDCFF"));

        // A StreamWriter may cut a surrogate pair between two buffers; the pair still comes out whole.
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, RawByteUtf8Encoding.Instance, 16, leaveOpen: true))
        {
            writer.Write(new string('a', 15) + "\U0001F600" + "\uDCFF");
        }

        Assert.Equal([.. Enumerable.Repeat((byte)'a', 15), 0xf0, 0x9f, 0x98, 0x80, 0xff], stream.ToArray());
    }

    [Fact]
    public void Dts_input_keeps_raw_bytes_in_strings_through_convert_and_set()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string fixture = DeviceTrees.Dts.DtsDtcCrossCheckTests.FixturePath("raw-high-bytes.dts");
        string dtb = Path.Combine(_dir, "raw.dtb");
        Assert.Equal(0, CliRunner.Run("dt", "convert", fixture, dtb).ExitCode);
        byte[] theirs = DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", fixture);
        Assert.Equal(theirs, File.ReadAllBytes(dtb));

        string edited = Path.Combine(_dir, "edited.dts");
        CliResult set = CliRunner.Run("dt", "set", fixture, "/", "added", "1", "-o", edited);
        Assert.True(set.ExitCode == 0, set.ToString());
        byte[] source = File.ReadAllBytes(fixture);
        Assert.True(File.ReadAllBytes(edited).AsSpan().StartsWith(source), "the edited source starts with the original bytes");
        Assert.Equal(DtbReader.Read(theirs).Root.GetProperty("ffe")!.Value.ToArray(), DtsReader.ParseFile(edited).Root.GetProperty("ffe")!.Value.ToArray());
    }
}
