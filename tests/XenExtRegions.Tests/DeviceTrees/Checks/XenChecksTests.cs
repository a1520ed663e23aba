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
}
