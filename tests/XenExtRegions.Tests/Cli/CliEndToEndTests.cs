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
    public void Dom0_on_the_embedded_board_reports_module_overlaps_as_notes_not_warnings()
    {
        CliResult result = CliRunner.Run("dom0", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.Empty(doc.RootElement.GetProperty("warnings").EnumerateArray());
        JsonElement notes = doc.RootElement.GetProperty("notes");
        Assert.Equal(2, notes.GetArrayLength());
        Assert.All(notes.EnumerateArray(), n => Assert.Contains("/chosen/module@", n.GetString(), StringComparison.Ordinal));
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
    public void Dom0_as_4_19_differs_from_the_4_17_log_by_2_MiB_and_says_so()
    {
        var result = RunOrSkipUnwired("dom0", "--xen-log", CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"), "--xen-version", "4.19");
        Assert.Contains("DIFFERS", result.Out, StringComparison.Ordinal);
        Assert.Contains("only in log:  0x48000000->0x54000000", result.Out, StringComparison.Ordinal);
        Assert.Contains("only ours:    0x48000000->0x53e00000", result.Out, StringComparison.Ordinal);
        Assert.Contains("differ", result.Error, StringComparison.Ordinal);
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
    public void Dom0_dtb_output_is_the_board_with_hypervisor_added_and_re_reads_with_our_DTB_reader()
    {
        string output = Path.Combine(_dir, "dom0.dtb");
        var result = CliRunner.Run("dom0", "--format", "dtb", "--output", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        DeviceTree tree = DtbReader.Read(File.ReadAllBytes(output));
        DeviceTreeNode hypervisor = tree.FindNode("/hypervisor")!;
        Assert.Equal(["xen,xen-4.22", "xen,xen"], hypervisor.Compatible);
        DeviceTreeProperty reg = hypervisor.GetProperty("reg")!;
        Assert.Equal(128, reg.Length);
        Assert.Equal(0x78080000UL, reg.ReadNumber(0, 2));
        Assert.Equal(0x48000000UL, reg.ReadNumber(4, 2));
        Assert.NotNull(tree.FindNode("/soc/serial@e6e88000"));
        Assert.NotNull(hypervisor.GetProperty("interrupts"));

        // Replacing, not duplicating, when the input already has /hypervisor.
        string again = Path.Combine(_dir, "again.dtb");
        var second = CliRunner.Run("dom0", "--dtb", output, "--dom0-bank", "0x60000000:256M", "--gnttab", "0x78080000:256K", "--format", "dtb", "-o", again);
        Assert.True(second.ExitCode == 0, second.ToString());
        DeviceTree twice = DtbReader.Read(File.ReadAllBytes(again));
        Assert.Single(twice.Root.Children, c => c.Name == "hypervisor");
    }

    [Fact]
    public void Dom0_on_a_DTB_matches_dom0_on_the_embedded_board()
    {
        string dtb = Path.Combine(_dir, "board.dtb");
        Assert.Equal(0, CliRunner.Run("dt", "convert", BoardDts, dtb).ExitCode);
        var fromDtb = CliRunner.Run("dom0", "--dtb", dtb, "--dom0-bank", "0x60000000:256M", "--gnttab", "0x78080000:0x40000", "--format", "json");
        var embedded = CliRunner.Run("dom0", "--format", "json");
        using JsonDocument a = JsonDocument.Parse(fromDtb.Out);
        using JsonDocument b = JsonDocument.Parse(embedded.Out);
        Assert.Equal(b.RootElement.GetProperty("regions").GetRawText(), a.RootElement.GetProperty("regions").GetRawText());
    }

    [Fact]
    public void Dt_convert_round_trips_DTS_to_DTB_to_DTS()
    {
        string dtb = Path.Combine(_dir, "board.dtb");
        string dts = Path.Combine(_dir, "back.dts");
        var toDtb = CliRunner.Run("dt", "convert", BoardDts, dtb);
        Assert.True(toDtb.ExitCode == 0, toDtb.ToString());
        var toDts = CliRunner.Run("dt", "convert", dtb, dts);
        Assert.True(toDts.ExitCode == 0, toDts.ToString());
        DeviceTree original = DtsReader.Parse(SampleBoard.ReadDts(), "board.dts");
        DeviceTree back = DtsReader.Parse(File.ReadAllText(dts), "back.dts");
        Assert.Equal(original.Nodes.Select(n => n.Path), back.Nodes.Select(n => n.Path));
    }

    [Fact]
    public void A_malformed_DTB_exits_2_with_the_offset()
    {
        string dtb = Path.Combine(_dir, "board.dtb");
        Assert.Equal(0, CliRunner.Run("dt", "convert", BoardDts, dtb).ExitCode);
        byte[] bytes = File.ReadAllBytes(dtb);
        string broken = Path.Combine(_dir, "broken.dtb");
        File.WriteAllBytes(broken, bytes.AsSpan(0, 60).ToArray());
        var result = CliRunner.Run("dt", "dump", broken);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("offset", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(broken, result.Error, StringComparison.Ordinal);
        var dom0 = CliRunner.Run("dom0", "--dtb", broken, "--iommu", "--gnttab", "0x78080000:256K");
        Assert.Equal(2, dom0.ExitCode);
        Assert.Contains(broken, dom0.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_iommu_on_the_board_excludes_MMIO_and_PCI_apertures()
    {
        var result = CliRunner.Run("dom0", "--iommu", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        var regions = doc.RootElement.GetProperty("regions").EnumerateArray()
            .Select(r => (Convert.ToUInt64(r.GetProperty("start").GetString(), 16), Convert.ToUInt64(r.GetProperty("end").GetString(), 16))).ToList();
        Assert.NotEmpty(regions);
        Assert.DoesNotContain(regions, r => r.Item1 <= 0xe6e88000UL && 0xe6e88000UL < r.Item2);
        Assert.DoesNotContain(regions, r => r.Item1 <= 0x30000000UL && 0x30000000UL < r.Item2);
        Assert.DoesNotContain(regions, r => r.Item1 <= 0x48000000UL && 0x48000000UL < r.Item2);
    }

    [Fact]
    public void Domu_toolstack_regions_are_the_unused_tails_of_the_guest_banks()
    {
        var result = CliRunner.Run("domu", "--memory", "512M", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement regions = doc.RootElement.GetProperty("regions");
        Assert.Equal(2, regions.GetArrayLength());
        Assert.Equal("0x60000000", regions[0].GetProperty("start").GetString());
        Assert.Equal("0x200000000", regions[1].GetProperty("start").GetString());
        Assert.Equal("0x38000000", doc.RootElement.GetProperty("grantTable").GetProperty("start").GetString());
        Assert.Equal(2, CliRunner.Run("domu", "--memory", "2T").ExitCode);
    }

    [Fact]
    public void Guest_checks_a_hypervisor_node_as_Linux_does()
    {
        var dts = CliRunner.Run("dom0", "--format", "dts");
        string path = Path.Combine(_dir, "guest.dts");
        File.WriteAllText(path, dts.Out);
        var result = CliRunner.Run("guest", path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("linuxAccepts").GetBoolean());
        Assert.Equal(7, doc.RootElement.GetProperty("regions").GetArrayLength());
        Assert.Equal("0x8000000", doc.RootElement.GetProperty("sectionSize").GetString());
        Assert.Contains(doc.RootElement.GetProperty("usableWindows").EnumerateArray(), w => w.GetProperty("start").GetString() == "0x80000000");

        File.WriteAllText(path, "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n hypervisor { reg = <0 0x38000000 0 0x1000000>, <0 0x80000000 0 0x10000000>, <0 0x40000000 0 0x10000000>; }; };\n");
        var rejected = CliRunner.Run("guest", path);
        Assert.Equal(0, rejected.ExitCode);
        Assert.Contains("REJECTS", rejected.Out, StringComparison.Ordinal);
        File.WriteAllText(path, "/dts-v1/;\n/ { };\n");
        var none = CliRunner.Run("guest", path);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("/hypervisor", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_svg_on_the_board_is_well_formed()
    {
        var result = CliRunner.Run("dom0", "--iommu", "--format", "svg");
        Assert.True(result.ExitCode == 0, result.ToString());
        var svg = System.Xml.Linq.XDocument.Parse(result.Out);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains(svg.Descendants(ns + "g"), g => (string?)g.Attribute("data-layer") == "Mmio");
        Assert.Contains(svg.Descendants(ns + "g"), g => (string?)g.Attribute("data-layer") == "PciAperture");
        string? dir = Environment.GetEnvironmentVariable("XER_SVG_OUT");
        if (dir is not null)
        {
            File.WriteAllText(Path.Combine(dir, "real-dom0-iommu.svg"), result.Out);
            File.WriteAllText(Path.Combine(dir, "real-dom0.svg"), CliRunner.Run("dom0", "--format", "svg").Out);
        }
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
