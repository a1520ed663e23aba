using System;
using System.IO;
using System.Text;
using XenExtRegions.Cli.Editing;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>dt get / set / delete: messages, typed values, DTS amendments, in place or to -o, '-'.</summary>
public sealed class DtEditTests : IDisposable
{
    private const string Source = "/dts-v1/;\n// a comment that must survive\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\taliases { serial0 = \"/soc/serial@1000\"; };\n\tsoc { serial@1000 { reg = <0x1000 0x100>; status = \"okay\"; }; };\n};\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("xer-dt-edit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Dts
    {
        get
        {
            string path = Path.Combine(_dir, "t.dts");
            File.WriteAllText(path, Source);
            return path;
        }
    }

    private string Dtb
    {
        get
        {
            string path = Path.Combine(_dir, "t.dtb");
            File.WriteAllBytes(path, DtbWriter.Write(DtsReader.Parse(Source, "t.dts")));
            return path;
        }
    }

    [Theory]
    [InlineData("x", 'x', -1)]
    [InlineData("s", 's', -1)]
    [InlineData("hx", 'x', 2)]
    [InlineData("hhx", 'x', 1)]
    [InlineData("bu", 'u', 1)]
    [InlineData("lx", 'x', 4)]
    [InlineData("llx", 'x', 4)]
    [InlineData("Li", 'i', -1)]
    [InlineData("hs", 's', -1)]
    public void Types_read_as_fdtget_and_fdtput_read_them(string text, char letter, int size)
    {
        Assert.True(FdtValueType.TryParse(text, out FdtValueType type));
        Assert.Equal(new FdtValueType(letter, size), type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("hhhx")]
    [InlineData("xx")]
    [InlineData("h")]
    public void Types_the_tools_refuse_are_refused(string text) => Assert.False(FdtValueType.TryParse(text, out _));

    [Fact]
    public void Get_names_the_missing_node_or_property_and_exits_2()
    {
        CliResult node = CliRunner.Run("dt", "get", Dtb, "/soc/nope", "reg");
        Assert.Equal(2, node.ExitCode);
        Assert.Contains("error: NODE: node '/soc/nope' not found in ", node.Error, StringComparison.Ordinal);
        CliResult property = CliRunner.Run("dt", "get", Dts, "serial0", "nope");
        Assert.Equal(2, property.ExitCode);
        Assert.Contains("error: PROPERTY: node '/soc/serial@1000' has no property 'nope'", property.Error, StringComparison.Ordinal);
        Assert.Equal("none\nokay\n", CliRunner.Run("dt", "get", Dts, "/soc/serial", "nope", "status", "-d", "none").Out);
        Assert.Equal(2, CliRunner.Run("dt", "get", Dts, "/soc").ExitCode);
    }

    [Fact]
    public void Get_formats_as_fdtget()
    {
        Assert.Equal("4096 256\n", CliRunner.Run("dt", "get", Dts, "/soc/serial@1000", "reg").Out);
        Assert.Equal("1000 100\n", CliRunner.Run("dt", "get", Dts, "/soc/serial@1000", "reg", "-t", "x").Out);
        Assert.Equal("0 0 16 0 0 0 1 0\n", CliRunner.Run("dt", "get", Dts, "/soc/serial@1000", "reg", "-t", "bu").Out);
        Assert.Equal("reg\nstatus\n", CliRunner.Run("dt", "get", Dts, "/soc/serial@1000", "-p").Out);
        Assert.Equal("serial@1000\n", CliRunner.Run("dt", "get", Dts, "/soc", "-l").Out);
        CliResult odd = CliRunner.Run("dt", "get", Dts, "/soc/serial@1000", "status", "-t", "hx");
        Assert.Equal(2, odd.ExitCode);
        Assert.Contains("'status' is 5 bytes long, not a multiple of the 2-byte size asked for", odd.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("dt", "get", Dts, "/", "#size-cells", "-t", "s").ExitCode);
    }

    [Fact]
    public void Set_refuses_numbers_its_type_cannot_read_whole_instead_of_storing_a_partial_scan()
    {
        string dtb = Dtb;
        byte[] before = File.ReadAllBytes(dtb);
        CliResult hex = CliRunner.Run("dt", "set", dtb, "/", "p", "0x10");
        Assert.Equal(2, hex.ExitCode);
        Assert.Contains("VALUE: '0x10' is not a decimal number", hex.Error, StringComparison.Ordinal);
        CliResult big = CliRunner.Run("dt", "set", dtb, "/", "p", "-t", "bx", "1ff");
        Assert.Contains("VALUE: '1ff' does not fit in 1 byte", big.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(dtb));

        Assert.Equal(0, CliRunner.Run("dt", "set", dtb, "/", "p", "-t", "i", "--", "0x10", "010", "-5").ExitCode);
        Assert.Equal("16 8 -5\n", CliRunner.Run("dt", "get", dtb, "/", "p").Out);
    }

    [Fact]
    public void Set_writes_16_bit_values_big_endian()
    {
        // dtc 1.6.1's fdtput stores the low byte and a stale one; the value asked for is 00 01 ff ff.
        string dtb = Dtb;
        Assert.Equal(0, CliRunner.Run("dt", "set", dtb, "/", "h", "-t", "hx", "1", "ffff").ExitCode);
        Assert.Equal(new byte[] { 0, 1, 0xff, 0xff }, DtbReader.Read(File.ReadAllBytes(dtb)).Root.GetProperty("h")!.Span.ToArray());
    }

    [Fact]
    public void A_DTS_is_edited_by_appending_amendments_so_the_source_stays()
    {
        string dts = Dts;
        Assert.Equal(0, CliRunner.Run("dt", "set", dts, "-t", "s", "serial0", "status", "disabled").ExitCode);
        Assert.Equal(0, CliRunner.Run("dt", "set", dts, "-p", "/soc/new/deep", "n", "--", "1", "-2").ExitCode);
        Assert.Equal(0, CliRunner.Run("dt", "delete", dts, "/", "#size-cells").ExitCode);
        Assert.Equal(0, CliRunner.Run("dt", "delete", dts, "/aliases").ExitCode);
        string text = File.ReadAllText(dts);
        Assert.StartsWith(Source, text, StringComparison.Ordinal);
        DeviceTree tree = DtsReader.Parse(text, "t.dts");
        Assert.Equal("disabled", tree.FindNode("/soc/serial@1000")!.GetProperty("status")!.GetString());
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe }, tree.FindNode("/soc/new/deep")!.GetProperty("n")!.Span.ToArray());
        Assert.Null(tree.Root.GetProperty("#size-cells"));
        Assert.Null(tree.FindNode("/aliases"));
    }

    [Fact]
    public void Output_form_follows_the_extension_of_o_else_the_input()
    {
        string dts = Dts;
        string dtb = Path.Combine(_dir, "out.dtb");
        Assert.Equal(0, CliRunner.Run("dt", "set", dts, "/soc", "x", "7", "-o", dtb).ExitCode);
        Assert.Equal(Source, File.ReadAllText(dts));
        Assert.Equal(7u, DtbReader.Read(File.ReadAllBytes(dtb)).FindNode("/soc")!.GetProperty("x")!.ReadNumber(0, 1));

        string back = Path.Combine(_dir, "back.dts");
        Assert.Equal(0, CliRunner.Run("dt", "delete", dtb, "/soc", "x", "-o", back).ExitCode);
        Assert.Null(DtsReader.Parse(File.ReadAllText(back), "back.dts").FindNode("/soc")!.GetProperty("x"));

        CliResult piped = CliRunner.RunPiped(Encoding.UTF8.GetBytes(Source), false, "dt", "set", "-", "/", "y", "1");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.StartsWith(Source, piped.Out, StringComparison.Ordinal);
        CliResult blob = CliRunner.RunPiped(File.ReadAllBytes(dtb), false, "dt", "set", "-", "/", "y", "1", "-o", "-");
        Assert.Equal(1u, DtbReader.Read(blob.Binary).Root.GetProperty("y")!.ReadNumber(0, 1));
    }

    [Fact]
    public void Delete_refuses_the_root_and_a_missing_property_without_writing()
    {
        foreach (string file in new[] { Dtb, Dts })
        {
            byte[] before = File.ReadAllBytes(file);
            CliResult root = CliRunner.Run("dt", "delete", file, "/");
            Assert.Equal(2, root.ExitCode);
            Assert.Contains("the root node cannot be deleted", root.Error, StringComparison.Ordinal);
            CliResult missing = CliRunner.Run("dt", "delete", file, "/soc/serial@1000", "status", "nope");
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("has no property 'nope'", missing.Error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(file));
        }
    }
}
