using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.Boot;

namespace XenExtRegions.Tests.Cli;

public sealed class CliBootTests : IDisposable
{
    private const string Dom0Log = """
        (XEN) Xen version 4.22.0 (builder@example.org) debug=n
        (XEN) Allocating 1:1 mappings totalling 256MB for dom0:
        (XEN) BANK[0] 0x00000060000000-0x00000070000000 (256MB)
        (XEN) Grant table range: 0x00000041000000-0x00000041040000
        (XEN) d0: extended region 0: 0x41200000->0x60000000
        (XEN) d0: extended region 1: 0x70000000->0xc0000000
        (XEN) d1: extended region 0: 0x80000000->0x100000000
        (XEN) d1: extended region 1: 0x200000000->0x10000000000
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-boot-" + Guid.NewGuid().ToString("N"));

    public CliBootTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Tree() => Write("host.dts", new BootTrees().Domain("domU1", "0x100000").Dts());

    [Fact]
    public void Boot_on_the_embedded_board_prints_the_seven_E1_regions()
    {
        CliResult r = CliRunner.Run("boot");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("d0: extended region 6: 0x700000000->0x780000000", r.Out, StringComparison.Ordinal);
        Assert.Contains("before boot", r.Out, StringComparison.Ordinal);

        // The board's Dom0 RAM and grant window are the tool's defaults, not options the user gave: said so, and how to give one.
        Assert.Contains("RAM: 0x60000000-0x70000000  [sample board default: where Xen's allocator puts Dom0 on this board (--dom0-bank gives yours)]", r.Out, StringComparison.Ordinal);
        Assert.Contains("[sample board default: 64 frames at Xen's _stext on this board (--gnttab gives yours)]", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[option sample", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_the_user_gave_is_named_in_the_boot_table()
    {
        CliResult r = CliRunner.Run("boot", "--dom0-bank", "0x60000000:0x10000000");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("RAM: 0x60000000-0x70000000  [option --dom0-bank]", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_without_a_tree_says_plainly_that_the_sample_board_is_used()
    {
        CliResult r = CliRunner.Run("boot", "--xen-log", Write("boot.log", Dom0Log));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: --xen-log without --dtb: the log is compared with the embedded sample board", r.Error, StringComparison.Ordinal);
        Assert.Contains("DIFFERS", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_with_a_log_and_no_tree_says_the_same()
    {
        CliResult r = CliRunner.Run("dom0", "--xen-log", Write("boot.log", Dom0Log));
        Assert.Contains("warning: --xen-log without --dtb", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_rejects_a_file_that_is_not_a_Xen_log_instead_of_blaming_dom0_bank()
    {
        string log = Write("garbage.log", "hello\nworld\n\u0001\u0002 nothing to see\n");
        CliResult r = CliRunner.Run("dom0", "--dtb", Tree(), "--xen-log", log);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a Xen boot log", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--dom0-bank", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_takes_the_IOMMU_from_the_log()
    {
        string log = Write("boot.log", "(XEN) Xen version 4.22.0\n(XEN) I/O virtualisation enabled\n(XEN) P2M: 40-bit IPA with 40-bit PA and 8-bit VMID\n");
        CliResult r = CliRunner.Run("dom0", "--dtb", Tree(), "--xen-log", log);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("find_memory_holes: holes of the host device tree (IOMMU)", r.Out, StringComparison.Ordinal);

        CliResult off = CliRunner.Run("dom0", "--dtb", Tree(), "--xen-log", log, "--no-iommu", "--dom0-bank", "0x60000000:256M", "--gnttab", "0x41000000:256K");
        Assert.Contains("find_host_extended_regions (find_unallocated_memory before 4.21): host RAM", off.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Dom0_takes_ext_regions_from_the_log_and_needs_no_banks_then()
    {
        string log = Write("boot.log", "(XEN) Xen version 4.22.0\n(XEN) Command line: console=dtuart ext_regions=no\n");
        CliResult r = CliRunner.Run("dom0", "--dtb", Tree(), "--xen-log", log);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("extended regions support is disabled", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_is_an_error_naming_the_file()
    {
        string log = Write("empty.log", string.Empty);
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", log);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(log, r.Error, StringComparison.Ordinal);
        Assert.Contains("not a Xen boot log", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_domain_is_checked_against_the_log()
    {
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", Write("boot.log", Dom0Log));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("d0  /chosen  hardware domain (Dom0)", r.Out, StringComparison.Ordinal);
        Assert.Contains("d1  /chosen/domU1  dom0less domU (guest layout)", r.Out, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(r.Out, "verdict: matches the log"));
        Assert.Contains("Overall: every domain the log speaks of matches", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_differing_domain_is_shown_with_both_sides_and_a_note()
    {
        string log = Dom0Log.Replace("0x200000000->0x10000000000", "0x200000000->0xfffe00000", StringComparison.Ordinal);
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", Write("boot.log", log));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("verdict: DIFFERS from the log", r.Out, StringComparison.Ordinal);
        Assert.Contains("- only in log:  0x200000000->0xfffe00000", r.Out, StringComparison.Ordinal);
        Assert.Contains("note: d1: the regions differ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_a_verdict_per_domain_and_overall_and_writes_arrows_as_arrows()
    {
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", Write("boot.log", Dom0Log), "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.DoesNotContain("\\u003E", r.Out, StringComparison.Ordinal);
        Assert.Contains("->", r.Out, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("matchesLog").GetBoolean());
        JsonElement[] domains = root.GetProperty("domains").EnumerateArray().ToArray();
        Assert.Equal(["d0", "d1"], domains.Select(d => d.GetProperty("domain").GetString()));
        Assert.Equal("/chosen/domU1", domains[1].GetProperty("node").GetString());
        Assert.Equal("dom0lessDomU", domains[1].GetProperty("kind").GetString());
        Assert.Equal("found", domains[1].GetProperty("outcome").GetString());
        Assert.Equal("0x80000000", domains[1].GetProperty("regions")[0].GetProperty("start").GetString());
        Assert.True(domains[1].GetProperty("matchesLog").GetBoolean());
        Assert.Equal("found", domains[1].GetProperty("logComparison").GetProperty("logOutcome").GetString());
    }

    [Fact]
    public void The_json_shape_is_stable()
    {
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", Write("boot.log", Dom0Log), "--format", "json");
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        var shape = new StringBuilder();
        Shape(doc.RootElement, "$", shape);
        string snapshot = CliRunner.FixturePath("boot-json-shape.txt");
        if (Environment.GetEnvironmentVariable("XER_UPDATE_SNAPSHOTS") is { Length: > 0 } source)
        {
            // Regenerate: XER_UPDATE_SNAPSHOTS=<path of tests/XenExtRegions.Tests/Cli/Fixtures/boot-json-shape.txt>.
            File.WriteAllText(source, shape.ToString());
        }

        string expected = File.ReadAllText(snapshot).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, shape.ToString());
    }

    [Fact]
    public void Domain_selects_one_domain_and_an_unknown_one_lists_the_others()
    {
        CliResult one = CliRunner.Run("boot", "--dtb", Tree(), "--domain", "/chosen/domU1");
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.DoesNotContain("d0  /chosen  hardware domain", one.Out, StringComparison.Ordinal);
        Assert.Contains("d1  /chosen/domU1", one.Out, StringComparison.Ordinal);

        CliResult none = CliRunner.Run("boot", "--dtb", Tree(), "--domain", "d7");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("d0 /chosen, d1 /chosen/domU1", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dts_prints_one_document_per_domain_and_each_reads_back()
    {
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--xen-log", Write("boot.log", Dom0Log), "--format", "dts");
        Assert.True(r.ExitCode == 0, r.ToString());
        string[] documents = r.Out.Split("// d", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, documents.Length);
        foreach (string text in documents)
        {
            DeviceTree t = DtsReader.Parse(string.Concat(text.SkipWhile(c => c != '\n')), "out.dts");
            Assert.NotNull(t.FindNode("/hypervisor"));
        }
    }

    [Fact]
    public void Dtb_needs_one_domain_and_writes_its_hypervisor_node()
    {
        string tree = Tree();
        string log = Write("boot.log", Dom0Log);
        CliResult both = CliRunner.Run("boot", "--dtb", tree, "--xen-log", log, "--format", "dtb", "-o", Path.Combine(_dir, "x.dtb"));
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--domain", both.Error, StringComparison.Ordinal);

        string output = Path.Combine(_dir, "d1.dtb");
        CliResult r = CliRunner.Run("boot", "--dtb", tree, "--xen-log", log, "--format", "dtb", "--domain", "d1", "-o", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        DeviceTreeNode node = DtbReader.ReadFile(output).FindNode("/hypervisor")!;
        Assert.Equal(3 * 16, node.GetProperty("reg")!.Length);
    }

    [Fact]
    public void Domu_computes_a_node_of_the_tree_and_checks_it_against_the_log()
    {
        string tree = Write("two.dts", new BootTrees().Domain("domU1", "0x40000").Domain("domU2", "0x100000", "xen,enhanced;", 0x4c000000).Dts());
        string log = Write("boot.log", Dom0Log.Replace("d1:", "d2:", StringComparison.Ordinal));
        CliResult r = CliRunner.Run("domu", "--dtb", tree, "--domain", "/chosen/domU2", "--xen-log", log);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("d2: extended region 0: 0x80000000->0x100000000", r.Out, StringComparison.Ordinal);
        Assert.Contains("matches", r.Out, StringComparison.Ordinal);

        CliResult first = CliRunner.Run("domu", "--dtb", tree);
        Assert.Contains("d1: extended region 0: 0x50000000->0x100000000", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Domu_by_memory_takes_its_name_from_domain_and_compares_with_that_domains_lines()
    {
        string log = Write("boot.log", Dom0Log.Replace("d1:", "d3:", StringComparison.Ordinal));
        CliResult r = CliRunner.Run("domu", "--memory", "1G", "--dom0less", "--domain", "d3", "--xen-log", log, "--format", "json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using JsonDocument doc = JsonDocument.Parse(r.Out);
        Assert.True(doc.RootElement.GetProperty("matchesLog").GetBoolean());
        Assert.Contains("d3: extended region 1", doc.RootElement.GetProperty("xenLogLines")[1].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Domu_refuses_memory_with_a_tree_and_an_unknown_domain()
    {
        Assert.Equal(2, CliRunner.Run("domu", "--dtb", Tree(), "--memory", "1G").ExitCode);
        CliResult r = CliRunner.Run("domu", "--dtb", Tree(), "--domain", "d9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("d1 /chosen/domU1", r.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("domu").ExitCode);
    }

    [Fact]
    public void A_guest_layout_domains_map_shows_its_own_address_space_not_the_hosts()
    {
        CliResult d1 = CliRunner.Run("boot", "--dtb", Tree(), "--domain", "d1", "--format", "svg");
        Assert.True(d1.ExitCode == 0, d1.ToString());
        Assert.DoesNotContain("Host RAM", d1.Out, StringComparison.Ordinal);
        Assert.Contains("d1 RAM", d1.Out, StringComparison.Ordinal);

        CliResult all = CliRunner.Run("boot", "--dtb", Tree(), "--dom0-bank", "0x60000000:256M", "--gnttab", "0x41000000:256K", "--format", "svg");
        Assert.Contains("Host RAM", all.Out, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(all.Out, "class=\"map\""));
    }

    [Fact]
    public void Iommu_and_no_iommu_together_are_refused()
    {
        CliResult r = CliRunner.Run("boot", "--dtb", Tree(), "--iommu", "--no-iommu");
        Assert.Equal(2, r.ExitCode);
    }

    private static int CountOf(string text, string what) => text.Split(what).Length - 1;

    private static void Shape(JsonElement e, string path, StringBuilder s)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                s.Append(path).Append(" {}\n");
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    Shape(p.Value, path + "." + p.Name, s);
                }

                break;
            case JsonValueKind.Array:
                s.Append(path).Append(" []\n");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonElement item in e.EnumerateArray())
                {
                    // Every item's shape, merged: a line appears once, where an item first shows it.
                    var inner = new StringBuilder();
                    Shape(item, path + "[]", inner);
                    foreach (string line in inner.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (seen.Add(line))
                        {
                            s.Append(line).Append('\n');
                        }
                    }
                }

                break;
            default:
                s.Append(path).Append(' ').Append(e.ValueKind == JsonValueKind.Null ? "null" : e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "bool" : e.ValueKind.ToString().ToLowerInvariant()).Append('\n');
                break;
        }
    }
}
