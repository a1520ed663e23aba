using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>
/// The tool end to end on Fixtures/dense-board.dts (a made-up board, 119 device windows, 34 regions with an
/// IOMMU): the map numbers every region the json lists, the warnings use the table's numbers, and two separate
/// processes draw the same bytes. With XER_SVG_OUT set, writes docs/images/dom0-iommu-dense-example.svg there.
/// </summary>
public sealed class SvgDenseBoardTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    private static readonly string[] Args = ["dom0", "--dtb", CliRunner.FixturePath("dense-board.dts"), "--iommu", "--ipa-bits", "40", "--gnttab", "0xc0000000:256K"];

    [Fact]
    public void Every_region_the_json_lists_is_numbered_once_on_the_dense_map()
    {
        var json = CliRunner.Run([.. Args, "--format", "json"]);
        var svg = CliRunner.Run([.. Args, "--format", "svg"]);
        Assert.True(svg.ExitCode == 0, svg.ToString());

        using JsonDocument regions = JsonDocument.Parse(json.Out);
        int count = regions.RootElement.GetProperty("regions").GetArrayLength();
        Assert.True(count >= 30, $"{count} regions: the fixture is no longer dense");
        XDocument doc = XDocument.Parse(svg.Out);
        var numbers = doc.Descendants(Ns + "text").Where(t => (string?)t.Attribute("class") == "region-number").Select(t => (int)t.Attribute("data-reg")!).Order();
        Assert.Equal(Enumerable.Range(1, count), numbers);

        string? dir = Environment.GetEnvironmentVariable("XER_SVG_OUT");
        if (dir is not null)
        {
            File.WriteAllText(Path.Combine(dir, "dom0-iommu-dense-example.svg"), svg.Out);
        }
    }

    [Fact]
    public void A_warning_names_a_region_by_the_reg_index_the_table_shows_it_under()
    {
        // The grant window at 0x78080000 lies in a hole, so the audit flags the region around it.
        string[] args = [.. Args[..^1], "0x78080000:256K"];
        var table = CliRunner.Run(args);
        Assert.True(table.ExitCode == 0, table.ToString());

        Match warning = Regex.Match(table.Out, @"Unsafe reg\[(\d+)\] \(Xen's extended region (\d+)\): (0x[0-9a-f]+)->");
        Assert.True(warning.Success, table.Out);
        int reg = int.Parse(warning.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(reg - 1, int.Parse(warning.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(new Regex($@"(?m)^\s+{reg}\s+{reg - 1}\s+{warning.Groups[3].Value}\s"), table.Out);
    }

    [Fact]
    public void Two_processes_draw_the_same_bytes()
    {
        // String hashing differs from process to process, so a map that leaned on hash order would differ here.
        string first = RunTool();
        string second = RunTool();

        Assert.Equal(CliRunner.Run([.. Args, "--format", "svg"]).Out, first);
        Assert.Equal(first, second);
    }

    private static string RunTool()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "xen-ext-regions.dll"));
        foreach (string a in Args)
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add("--format");
        info.ArgumentList.Add("svg");
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
