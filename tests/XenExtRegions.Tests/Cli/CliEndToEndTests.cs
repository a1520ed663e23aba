using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using XenExtRegions.Cli.Boards;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>The tool with the real library behind it.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-").FullName;

    private string BoardDts
    {
        get
        {
            string path = Path.Combine(_dir, "board.dts");
            File.WriteAllText(path, SampleBoard.ReadDts());
            return path;
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Dom0_on_the_embedded_board_prints_the_seven_E1_regions()
    {
        var result = RunOrSkipUnwired("dom0");
        Assert.Equal(0, result.ExitCode);
        string[] expected =
        [
            "0x48000000->0x54000000", "0x57000000->0x60000000", "0x70000000->0x78000000", "0x78200000->0xc0000000",
            "0x500000000->0x580000000", "0x600000000->0x680000000", "0x700000000->0x780000000",
        ];
        string[] lines = result.Out.Split('\n').Take(7).ToArray();
        for (int i = 0; i < 7; i++)
        {
            Assert.EndsWith($"xtended region {i}: {expected[i]}", lines[i].TrimEnd('\r'), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dom0_json_on_the_embedded_board_has_seven_regions()
    {
        var result = RunOrSkipUnwired("dom0", "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.Equal(7, doc.RootElement.GetProperty("regions").GetArrayLength());
        Assert.Equal("0x78200000", doc.RootElement.GetProperty("regions")[3].GetProperty("start").GetString());
        Assert.Equal("0x47e00000", doc.RootElement.GetProperty("regions")[3].GetProperty("size").GetString());
    }

    [Fact]
    public void Dom0_with_the_E1_log_matches_it()
    {
        var result = RunOrSkipUnwired("dom0", "--xen-log", CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"), "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("matchesLog").GetBoolean(), result.ToString());
        Assert.Equal(7, doc.RootElement.GetProperty("regions").GetArrayLength());
    }

    [Fact]
    public void Dom0_dts_output_re_reads_with_our_DTS_reader()
    {
        var result = RunOrSkipUnwired("dom0", "--format", "dts");
        DeviceTree tree = DtsReader.Parse(result.Out, "dom0.dts");
        DeviceTreeProperty reg = tree.FindNode("/hypervisor")!.GetProperty("reg")!;
        Assert.Equal(128, reg.Length);
        Assert.Equal(0x78080000UL, reg.ReadNumber(0, 2));
        Assert.Equal(0x700000000UL, reg.ReadNumber(28, 2));
    }

    [Fact]
    public void Dt_regs_json_lists_the_boards_regs_and_PCI_apertures_in_document_order()
    {
        var result = CliRunner.Run("dt", "regs", BoardDts, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        var regs = doc.RootElement.GetProperty("regs").EnumerateArray().ToList();
        Assert.Equal("/memory@48000000", regs[0].GetProperty("path").GetString());
        JsonElement serial = regs.Single(r => r.GetProperty("path").GetString() == "/soc/serial@e6e88000");
        Assert.Equal(0, serial.GetProperty("index").GetInt32());
        Assert.Equal("0xe6e88000", serial.GetProperty("address").GetString());
        Assert.Equal("0x40", serial.GetProperty("size").GetString());
        var pci = doc.RootElement.GetProperty("pciRanges").EnumerateArray().ToList();
        Assert.Equal(8, pci.Count);
        Assert.Equal("/soc/pcie@fe000000", pci[0].GetProperty("path").GetString());
        Assert.Equal("0xfe100000", pci[0].GetProperty("cpuAddress").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public void Dt_regs_lists_untranslatable_entries_under_errors()
    {
        string path = Path.Combine(_dir, "bad-bus.dts");
        File.WriteAllText(path, "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n bus { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges = <0x0 0x10000000 0x1000>;\n dev@5000 { reg = <0x5000 0x100>; }; };\n ok@2000 { reg = <0x2000 0x10>; }; };\n");
        var result = CliRunner.Run("dt", "regs", path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("/bus/dev@5000", error.GetProperty("path").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("/ok@2000", Assert.Single(doc.RootElement.GetProperty("regs").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public void Dt_dump_writes_DTS_that_re_reads_to_the_same_tree()
    {
        var result = CliRunner.Run("dt", "dump", BoardDts);
        Assert.True(result.ExitCode == 0, result.ToString());
        DeviceTree original = DtsReader.Parse(SampleBoard.ReadDts(), "board.dts");
        DeviceTree reread = DtsReader.Parse(result.Out, "dump.dts");
        Assert.Equal(original.Nodes.Select(n => n.Path), reread.Nodes.Select(n => n.Path));
        Assert.Equal(
            original.Nodes.SelectMany(n => n.Properties).Select(p => Convert.ToHexString(p.Span)),
            reread.Nodes.SelectMany(n => n.Properties).Select(p => Convert.ToHexString(p.Span)));
    }

    [Fact]
    public void Dt_dump_json_is_a_flat_node_list()
    {
        var result = CliRunner.Run("dt", "dump", BoardDts, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal("/", nodes[0].GetProperty("path").GetString());
        JsonElement serial = nodes.Single(n => n.GetProperty("path").GetString() == "/soc/serial@e6e88000");
        JsonElement reg = serial.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "reg");
        Assert.Equal("<0x0 0xe6e88000 0x0 0x40>", reg.GetProperty("value").GetString());
        JsonElement compatible = serial.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "compatible");
        Assert.StartsWith("\"renesas,scif-r8a7795\", ", compatible.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_DTS_exits_2_with_file_and_line()
    {
        string path = Path.Combine(_dir, "broken.dts");
        File.WriteAllText(path, "/dts-v1/;\n/ {\n  a = <1 2;\n};\n");
        var result = CliRunner.Run("dt", "dump", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("broken.dts:3:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_board_compiles_with_dtc()
    {
        if (!File.Exists("/usr/bin/dtc"))
        {
            Assert.Skip("dtc is not installed");
        }

        string output = Path.Combine(_dir, "board.dtb");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/dtc", ["-I", "dts", "-O", "dtb", "-o", output, BoardDts])
        {
            RedirectStandardError = true,
        })!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal(string.Empty, stderr.Trim());
    }

    private static CliResult RunOrSkipUnwired(params string[] args)
    {
        var result = CliRunner.Run(args);
        if (result.ExitCode == 1 && result.Error.Contains("is not available in this build", StringComparison.Ordinal))
        {
            Assert.Skip("Not wired yet: " + result.Error.Trim());
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
