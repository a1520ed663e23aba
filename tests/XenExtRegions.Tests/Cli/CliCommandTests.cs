using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Cli;

/// <summary>The command layer against a stand-in backend answering spec E1: options, log merging, forms, exit codes.</summary>
public sealed class CliCommandTests
{
    private static readonly string[] E1Lines =
    [
        "d0: extended region 0: 0x48000000->0x54000000",
        "d0: extended region 1: 0x57000000->0x60000000",
        "d0: extended region 2: 0x70000000->0x78000000",
        "d0: extended region 3: 0x78200000->0xc0000000",
        "d0: extended region 4: 0x500000000->0x580000000",
        "d0: extended region 5: 0x600000000->0x680000000",
        "d0: extended region 6: 0x700000000->0x780000000",
    ];

    [Fact]
    public void Dom0_table_starts_with_Xens_seven_lines_then_the_table()
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0");
        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Out.Split('\n');
        Assert.Equal(E1Lines, lines.Take(7).Select(l => l.TrimEnd('\r')));
        Assert.Contains("192 MiB", result.Out, StringComparison.Ordinal);
        Assert.Contains("reg 0 (grant table): 0x78080000 size 0x40000", result.Out, StringComparison.Ordinal);
        Assert.Contains("Inputs", result.Out, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void An_unexpected_failure_exits_1_with_its_message_and_no_stack_trace()
    {
        var result = CliRunner.Run(new FakeBackend(), "domu", "--memory", "512M");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("internal error: NotSupportedException: the fake backend has no domu", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_without_tree_uses_the_sample_boards_Dom0_defaults()
    {
        var backend = new FakeBackend();
        CliRunner.Run(backend, "dom0");
        Assert.Equal(new MemoryBank(0x60000000, 0x10000000, MemoryBankKind.DomainRam, SampleBoard.DefaultRamSource), Assert.Single(backend.LastDom0!.Dom0Ram!));
        Assert.Equal(0x78080000UL, backend.LastDom0.GrantTable!.Value.Start);
        Assert.Equal(0x40000UL, backend.LastDom0.GrantTable!.Value.Size);
        Assert.Equal(40, backend.LastDom0.IpaBits);
        Assert.Equal("4.22.0", backend.LastDom0.XenVersion);
    }

    [Fact]
    public void Dom0_json_has_the_documented_shape_with_hex_strings()
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement root = doc.RootElement;
        JsonElement regions = root.GetProperty("regions");
        Assert.Equal(7, regions.GetArrayLength());
        var hex = new Regex("^0x[0-9a-f]+$");
        foreach (JsonElement r in regions.EnumerateArray())
        {
            Assert.Matches(hex, r.GetProperty("start").GetString()!);
            Assert.Matches(hex, r.GetProperty("size").GetString()!);
            Assert.Matches(hex, r.GetProperty("end").GetString()!);
        }

        Assert.Equal("0x48000000", regions[0].GetProperty("start").GetString());
        Assert.Equal("0xc000000", regions[0].GetProperty("size").GetString());
        Assert.Equal("0x54000000", regions[0].GetProperty("end").GetString());
        Assert.Equal("0x780000000", regions[6].GetProperty("end").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("inputs").ValueKind);
        Assert.Equal(40, root.GetProperty("inputs").GetProperty("ipaBits").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("inputs").GetProperty("hostRam").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("matchesLog").ValueKind);
        Assert.Equal("0x78080000", root.GetProperty("grantTable").GetProperty("start").GetString());
    }

    [Fact]
    public void Dom0_with_the_E1_log_fills_inputs_and_matches()
    {
        var backend = new FakeBackend();
        string log = CliRunner.FixturePath("salvator-x-h3-xen-4.17.log");
        var result = CliRunner.Run(backend, "dom0", "--xen-log", log, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        Assert.True(doc.RootElement.GetProperty("matchesLog").GetBoolean());
        Dom0Request request = backend.LastDom0!;
        Assert.Equal("4.17.3", request.XenVersion);
        Assert.Equal(0x60000000UL, Assert.Single(request.Dom0Ram!).Start);
        Assert.Equal(4, request.HostRam!.Count);
        Assert.Equal(0x3000000UL, Assert.Single(request.Reserved!).Size);
        Assert.Equal(4, request.Modules!.Count);
        Assert.Equal(log, request.XenLogFile);
    }

    [Fact]
    public void Explicit_options_override_the_log()
    {
        var backend = new FakeBackend();
        string log = CliRunner.FixturePath("salvator-x-h3-xen-4.17.log");
        var result = CliRunner.Run(backend, "dom0", "--xen-log", log, "--gnttab", "0x78000000:0x40000", "--ipa-bits", "44", "--xen-version", "4.21");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0x78000000UL, backend.LastDom0!.GrantTable!.Value.Start);
        Assert.Equal(44, backend.LastDom0.IpaBits);
        Assert.Equal("4.21.0", backend.LastDom0.XenVersion);
    }

    [Fact]
    public void A_log_with_other_regions_shows_the_difference_and_still_exits_0()
    {
        string text = File.ReadAllText(CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"))
            .Replace("0x70000000->0x78000000", "0x70000000->0x77e00000", StringComparison.Ordinal);
        string path = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, text);
        try
        {
            var result = CliRunner.Run(new FakeBackend(), "dom0", "--xen-log", path);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("DIFFERS", result.Out, StringComparison.Ordinal);
            Assert.Contains("only in log:  0x70000000->0x77e00000", result.Out, StringComparison.Ordinal);
            Assert.Contains("only ours:    0x70000000->0x78000000", result.Out, StringComparison.Ordinal);
            var json = CliRunner.Run(new FakeBackend(), "dom0", "--xen-log", path, "--format", "json");
            using JsonDocument doc = JsonDocument.Parse(json.Out);
            Assert.False(doc.RootElement.GetProperty("matchesLog").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void No_region_is_exit_0_with_a_warning_on_stderr()
    {
        var result = CliRunner.Run(new FakeBackend { NoRegions = true }, "dom0");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning:", result.Error, StringComparison.Ordinal);
        Assert.Contains("none", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Dts_form_is_a_complete_document_with_eight_reg_entries()
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0", "--format", "dts");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("/dts-v1/;", result.Out, StringComparison.Ordinal);
        Assert.Contains("compatible = \"xen,xen-4.22\", \"xen,xen\";", result.Out, StringComparison.Ordinal);
        Assert.Contains("reg = <0x0 0x78080000 0x0 0x40000>,", result.Out, StringComparison.Ordinal);
        Assert.Contains("<0x7 0x0 0x0 0x80000000>;", result.Out, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(result.Out, "<0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+>"));
    }

    [Fact]
    public void Svg_form_is_well_formed_with_lanes_legend_titles_and_seven_region_bars()
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0", "--format", "svg", "--iommu", "--exclude", "0x100000000:1G");
        Assert.True(result.ExitCode == 0, result.ToString());
        XDocument svg = XDocument.Parse(result.Out);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var lanes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "lane").ToList();
        Assert.Contains(lanes, l => (string?)l.Attribute("data-layer") == "Mmio");
        Assert.Contains(lanes, l => (string?)l.Attribute("data-layer") == "PciAperture");
        Assert.Contains(lanes, l => (string?)l.Attribute("data-layer") == "Exclusion");
        XElement regionLane = lanes.Single(l => (string?)l.Attribute("data-layer") == "ExtendedRegion");
        Assert.Equal(7, regionLane.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "range"));
        Assert.All(regionLane.Elements(ns + "g"), g => Assert.NotNull(g.Element(ns + "title")));
        Assert.Contains(svg.Descendants(ns + "title"), t => t.Value.Contains("<_stext> & \"Xen\"", StringComparison.Ordinal));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "0x48000000");

        string? dir = Environment.GetEnvironmentVariable("XER_SVG_OUT");
        if (dir is not null)
        {
            File.WriteAllText(Path.Combine(dir, "dom0-iommu.svg"), result.Out);
            File.WriteAllText(Path.Combine(dir, "dom0.svg"), CliRunner.Run(new FakeBackend(), "dom0", "--format", "svg").Out);
        }
    }

    [Fact]
    public void Output_file_receives_the_document()
    {
        string path = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.json");
        try
        {
            var result = CliRunner.Run(new FakeBackend(), "dom0", "--format", "json", "--output", path);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(string.Empty, result.Out);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(7, doc.RootElement.GetProperty("regions").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--ipa-bits", "--ipa-bits", "0x")]
    [InlineData("--ipa-bits", "--ipa-bits", "65")]
    [InlineData("--dom0-bank", "--dom0-bank", "0x60000000")]
    [InlineData("--dom0-bank", "--dom0-bank", "0x60000000:0")]
    [InlineData("--gnttab", "--gnttab", "0xffffffffffffffff:2")]
    [InlineData("--exclude", "--exclude", "12Q:4K")]
    [InlineData("--ram", "--ram", "0x1:99999999999999999999")]
    [InlineData("--xen-version", "--xen-version", "4.15")]
    [InlineData("xml", "--format", "xml")]
    public void Bad_option_values_exit_2_naming_the_option(string expected, string option, string value)
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0", option, value);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void Missing_files_exit_2_naming_the_option_and_file()
    {
        var dtb = CliRunner.Run(new FakeBackend(), "dom0", "--dtb", "/nonexistent/board.dtb");
        Assert.Equal(2, dtb.ExitCode);
        Assert.Contains("--dtb: /nonexistent/board.dtb does not exist", dtb.Error, StringComparison.Ordinal);
        var log = CliRunner.Run(new FakeBackend(), "dom0", "--xen-log", "/nonexistent/xen.log");
        Assert.Equal(2, log.ExitCode);
        Assert.Contains("--xen-log", log.Error, StringComparison.Ordinal);
        var guest = CliRunner.Run(new FakeBackend(), "guest", "/nonexistent/guest.dtb");
        Assert.Equal(2, guest.ExitCode);
        Assert.Contains("/nonexistent/guest.dtb", guest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_tree_exits_2_with_the_offset()
    {
        string path = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.dtb");
        File.WriteAllBytes(path, [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0]);
        try
        {
            var result = CliRunner.Run(new FakeBackend(), "dom0", "--dtb", path, "--dom0-bank", "0x60000000:256M", "--gnttab", "0x78080000:256K");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("offset", result.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_users_tree_without_Dom0_banks_asks_for_them()
    {
        string path = Path.Combine(Path.GetTempPath(), $"xer-{Guid.NewGuid():N}.dts");
        File.WriteAllText(path, "/dts-v1/;\n/ { };\n");
        try
        {
            var result = CliRunner.Run(new FakeBackend(), "dom0", "--dtb", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--dom0-bank", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Dtb_form_without_output_exits_2()
    {
        var result = CliRunner.Run(new FakeBackend(), "dom0", "--format", "dtb");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Domu_requires_memory_and_rejects_zero()
    {
        Assert.Equal(2, CliRunner.Run(new FakeBackend(), "domu").ExitCode);
        var zero = CliRunner.Run(new FakeBackend(), "domu", "--memory", "0");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--memory", zero.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dt_convert_needs_a_known_extension()
    {
        var result = CliRunner.Run(new FakeBackend(), "dt", "convert", CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"), "out.txt");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OUT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dt_regs_json_has_the_documented_shape()
    {
        var result = CliRunner.Run(new FakeBackend(), "dt", "regs", CliRunner.FixturePath("salvator-x-h3-xen-4.17.log"), "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        JsonElement reg = doc.RootElement.GetProperty("regs")[0];
        Assert.Equal("/soc/serial@e6e88000", reg.GetProperty("path").GetString());
        Assert.Equal(0, reg.GetProperty("index").GetInt32());
        Assert.Equal("0xe6e88000", reg.GetProperty("address").GetString());
        Assert.Equal("0x40", reg.GetProperty("size").GetString());
        Assert.Equal("0xfe100000", doc.RootElement.GetProperty("pciRanges")[0].GetProperty("cpuAddress").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("errors").ValueKind);
    }

    [Fact]
    public void Usage_errors_exit_2_and_help_and_version_exit_0()
    {
        Assert.Equal(2, CliRunner.Run(new FakeBackend()).ExitCode);
        Assert.Equal(2, CliRunner.Run(new FakeBackend(), "frobnicate").ExitCode);
        Assert.Equal(2, CliRunner.Run(new FakeBackend(), "dom0", "--no-such-flag").ExitCode);
        var help = CliRunner.Run(new FakeBackend(), "dom0", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--ipa-bits", help.Out, StringComparison.Ordinal);
        Assert.Contains("[default: 40]", help.Out, StringComparison.Ordinal);
        var version = CliRunner.Run(new FakeBackend(), "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Out);
    }

    [Fact]
    public void Repeatable_options_collect_every_occurrence()
    {
        var backend = new FakeBackend();
        var result = CliRunner.Run(backend, "dom0", "--dom0-bank", "0x60000000:128M", "--dom0-bank", "0x68000000:128M", "--exclude", "0x80000000:64M", "--exclude", "0x90000000:64M");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, backend.LastDom0!.Dom0Ram!.Count);
        Assert.Equal(2, backend.LastDom0.Exclusions.Count);
        Assert.Equal(0x68000000UL, backend.LastDom0.Dom0Ram[1].Start);
    }
}
