using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>The xen_ checks: spec §2 (make_hypervisor_node), §5.2 (find_memory_holes), §6 (memory nodes, depth).</summary>
public sealed class XenChecksTests
{
    private static string[] Of(string body, string check) =>
        DeviceTreeCheckerTests.Check(body).Where(f => f.CheckName == check).Select(f => f.NodePath + (f.PropertyName is null ? "" : ":" + f.PropertyName)).ToArray();

    private const string Root = "#address-cells = <2>; #size-cells = <2>; ";

    [Fact]
    public void Untranslatable_reg_names_each_address_find_memory_holes_fails_on()
    {
        string body = Root + "bus@1000 { reg = <0 0x1000 0 0x1000>; #address-cells = <1>; #size-cells = <1>; ranges = <0 0 0x1000 0x100>;"
            + " in@10 { reg = <0x10 0x10>; }; out@200 { reg = <0x200 0x10>; }; };";
        Assert.Equal(new[] { "/bus@1000/out@200:reg" }, Of(body, "xen_untranslatable_reg"));
        Assert.Equal(DeviceTreeCheckSeverity.Error, DeviceTreeCheckerTests.Check(body).Single(f => f.CheckName == "xen_untranslatable_reg").Severity);
    }

    [Fact]
    public void Zero_size_reg_is_reported_per_node()
    {
        Assert.Equal(new[] { "/z@0:reg" }, Of(Root + "z@0 { reg = <0 0 0 0>; }; nz@0 { reg = <0 0 0 1>; };", "xen_zero_size_reg"));
    }

    [Fact]
    public void Memory_nodes_need_reg_and_device_type_memory_and_the_name()
    {
        string body = Root + "memory@0 { reg = <0 0 0 1>; }; memory@1 { device_type = \"memory\"; }; ram@2 { device_type = \"memory\"; reg = <0 2 0 1>; };"
            + " memory@3 { device_type = \"memory\"; reg = <0 3 0 1>; }; soc { memory@4 { }; };";
        Assert.Equal(new[] { "/memory@0", "/memory@1", "/ram@2" }, Of(body, "xen_memory_node"));
    }

    [Fact]
    public void Node_too_deep_flags_depth_sixteen_once_per_branch()
    {
        string deep = string.Concat(Enumerable.Range(1, 17).Select(i => $"n{i} {{ ")) + string.Concat(Enumerable.Repeat("}; ", 17));
        string shallow = string.Concat(Enumerable.Range(1, 15).Select(i => $"s{i} {{ ")) + string.Concat(Enumerable.Repeat("}; ", 15));
        string[] found = Of(deep + shallow, "xen_node_too_deep");
        Assert.Equal("/" + string.Join("/", Enumerable.Range(1, 16).Select(i => $"n{i}")), Assert.Single(found));
    }

    [Theory]
    [InlineData("#address-cells = <3>; #size-cells = <1>;", "/:#address-cells")]
    [InlineData("#address-cells = <2>; #size-cells = <0>;", "/:#size-cells")]
    [InlineData("#size-cells = <2>;", null)]
    [InlineData("#address-cells = <1>; #size-cells = <1>;", null)]
    public void Root_cells_other_than_one_or_two_make_xen_panic(string cells, string? expected)
    {
        string[] found = Of(cells, "xen_size_cells");
        Assert.Equal(expected is null ? System.Array.Empty<string>() : new[] { expected }, found);
    }

    [Fact]
    public void Address_cells_outside_one_to_four_under_a_reg_are_reported_at_the_bus()
    {
        string body = Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <5>; #size-cells = <1>; ranges; a@0 { reg = <0 0 0 0 0 1>; }; b@1 { reg = <0 0 0 0 1 1>; }; };";
        Assert.Equal(new[] { "/bus@0:#address-cells" }, Of(body, "xen_size_cells"));
        // The decoder is not asked to translate with such counts; the cause is reported once, here.
        Assert.Empty(Of(body, "xen_untranslatable_reg"));
    }

    [Fact]
    public void A_huge_cell_count_is_a_finding_not_a_crash()
    {
        IReadOnlyList<DeviceTreeCheckFinding> findings = DeviceTreeCheckerTests.Check(Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <0x7fffffff>; #size-cells = <0x7fffffff>; ranges; a@0 { reg = <0 1>; }; };");
        Assert.Contains(findings, f => f.CheckName == "xen_size_cells" && f.PropertyName == "#address-cells");
        Assert.Contains(findings, f => f.CheckName == "reg_format" && f.NodePath == "/bus@0/a@0");
    }

    private static string[] Texts(string body, string check) =>
        DeviceTreeCheckerTests.Check(body).Where(f => f.CheckName == check).Select(f => f.ToString()).ToArray();

    [Fact]
    public void Each_xen_finding_says_what_xen_does_with_it()
    {
        string body = Root + "bus@1000 { reg = <0 0x1000 0 0x1000>; #address-cells = <1>; #size-cells = <1>; ranges = <0 0 0x1000 0x100>; out@200 { reg = <0x200 0x10>; }; };"
            + " z@0 { reg = <0 0 0 0>; }; memory@0 { reg = <0 0 0 1>; }; ram@2 { device_type = \"memory\"; }; ";
        Assert.Equal(
            new[] { "ERROR (xen_untranslatable_reg): /bus@1000/out@200:reg: " },
            Texts(body, "xen_untranslatable_reg").Select(t => t.Substring(0, t.IndexOf(":reg: ", System.StringComparison.Ordinal) + 6)));
        Assert.EndsWith(": Xen's find_memory_holes fails on it, so Dom0 gets no extended regions", Assert.Single(Texts(body, "xen_untranslatable_reg")), System.StringComparison.Ordinal);
        Assert.DoesNotContain(".: Xen's", Assert.Single(Texts(body, "xen_untranslatable_reg")), System.StringComparison.Ordinal);
        Assert.Equal(
            new[] { "Warning (xen_zero_size_reg): /z@0:reg: entry 0 (address 0x0) has size 0: Xen skips it as RAM, and find_memory_holes removes an inverted range for it" },
            Texts(body, "xen_zero_size_reg"));
        Assert.Equal(
            new[]
            {
                "Warning (xen_memory_node): /memory@0: memory node without device_type = \"memory\": Xen 4.20+ ignores it, so its RAM is not used",
                "Warning (xen_memory_node): /ram@2: device_type is \"memory\" but the node is not named memory or memory@…: Xen ignores it, so its RAM is not used",
                "Warning (xen_memory_node): /ram@2: memory node without reg: Xen finds no RAM in it",
            },
            Texts(body, "xen_memory_node"));
    }

    [Fact]
    public void Zero_size_is_a_finding_per_entry_and_not_where_xen_reads_no_reg()
    {
        // #size-cells = <0>: Xen's decoder takes no tuples at all (its counts need a size cell), so nothing has size 0.
        Assert.Empty(Of("#address-cells = <2>; #size-cells = <0>; a@0 { reg = <0 1>; };", "xen_zero_size_reg"));
        Assert.Equal(new[] { "/b@0:reg" }, Of(Root + "b@0 { reg = <0 1 0 1  0 2 0 0>; };", "xen_zero_size_reg"));
        Assert.Contains("entry 1 (address 0x2)", Assert.Single(Texts(Root + "b@0 { reg = <0 1 0 1  0 2 0 0>; };", "xen_zero_size_reg")), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Too_deep_names_the_depth_and_the_versions()
    {
        string deep = string.Concat(Enumerable.Range(1, 16).Select(i => $"n{i} {{ ")) + string.Concat(Enumerable.Repeat("}; ", 16));
        Assert.EndsWith(
            ": node at depth 16 (root 0): Xen's early device-tree scan supports depths below 16; it hangs at boot before Xen 4.20.4, 4.21.2 and 4.22.0 and skips the node after",
            Assert.Single(Texts(deep, "xen_node_too_deep")),
            System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#address-cells = <3>; #size-cells = <1>;", "ERROR (xen_size_cells): /:#address-cells: the root's #address-cells is 3; Xen's make_hypervisor_node panics (\"cannot cope with this size\") unless it is 1 or 2")]
    [InlineData("#address-cells = <1 2>; #size-cells = <1>;", "ERROR (xen_size_cells): /:#address-cells: the root's #address-cells is not one cell; Xen's make_hypervisor_node panics (\"cannot cope with this size\") unless it is 1 or 2")]
    [InlineData("#address-cells = <2>; #size-cells = [00];", "ERROR (xen_size_cells): /:#size-cells: the root's #size-cells is not one cell; Xen's make_hypervisor_node panics (\"cannot cope with this size\") unless it is 1 or 2")]
    [InlineData("", null)]
    public void The_root_cells_finding_names_the_value(string cells, string? expected)
    {
        string[] found = Texts(cells, "xen_size_cells");
        Assert.Equal(expected is null ? System.Array.Empty<string>() : new[] { expected }, found);
    }

    [Fact]
    public void Bus_cell_counts_xen_cannot_read_are_named_once_per_bus()
    {
        string body = Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <0>; #size-cells = <5>; ranges; a { reg = <>; }; b { reg = <>; }; };";
        Assert.Equal(
            new[]
            {
                "ERROR (xen_size_cells): /bus@0:#address-cells: 0 address cells for the reg of /bus@0/a: Xen takes 1 to 4 (\"Bad cell count\")",
                "ERROR (xen_size_cells): /bus@0:#size-cells: 5 size cells for the reg of /bus@0/a: Xen cannot read such sizes",
            },
            Texts(body, "xen_size_cells"));
        Assert.Empty(Texts(Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <4>; #size-cells = <4>; ranges; a@0 { reg = <0 0 0 0 0 0 0 1>; }; };", "xen_size_cells"));
    }

    [Fact]
    public void Cell_counts_the_decoder_must_not_see_silence_the_decoding_checks()
    {
        // #size-cells of two cells: xen_size_cells names it; the decoding checks do not run on it.
        string body = Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <1>; #size-cells = <0 1>; ranges; z@0 { reg = <0 0>; }; };";
        Assert.Empty(Of(body, "xen_untranslatable_reg"));
        Assert.Empty(Of(body, "xen_zero_size_reg"));
        Assert.Empty(Of(Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <1>; #size-cells = <5>; ranges; z@0 { reg = <0 0 0 0 0 0>; }; };", "xen_zero_size_reg"));
        Assert.Equal(new[] { "/bus@0/z@0:reg" }, Of(Root + "bus@0 { reg = <0 0 0 1>; #address-cells = <1>; #size-cells = <4>; ranges; z@0 { reg = <0 0 0 0 0>; }; };", "xen_zero_size_reg"));
    }
}
