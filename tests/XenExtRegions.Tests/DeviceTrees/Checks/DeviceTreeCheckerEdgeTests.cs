using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>
/// The edges of dtc's check rules (checks.c) the fixtures do not reach, and the checker's own contract: null
/// arguments, unknown names, DTS refusals mapped to dtc's check names.
/// </summary>
public sealed class DeviceTreeCheckerEdgeTests
{
    private const string Cells11 = "#address-cells = <1>; #size-cells = <1>;";

    private static string[] Of(string body, string check) => Of(DeviceTreeCheckerTests.Check(body), check);

    private static string[] Of(IEnumerable<DeviceTreeCheckFinding> findings, string check) =>
        findings.Where(f => f.CheckName == check).Select(f => f.NodePath + (f.PropertyName is null ? "" : ":" + f.PropertyName) + " " + f.Message).ToArray();

    [Fact]
    public void Null_and_unknown_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new DeviceTreeChecker().Check(null!));
        Assert.Throws<ArgumentNullException>(() => DeviceTreeCheckerOptions.FromWarningFlags(null!));
        Assert.False(new DeviceTreeChecker().IsEnabled("bogus"));
        Assert.True(new DeviceTreeChecker().IsEnabled("xen_size_cells"));
        Assert.Equal("unit_address_vs_reg", DeviceTreeChecker.CheckNames[0]);
        Assert.Equal("xen_size_cells", DeviceTreeChecker.CheckNames[^1]);
    }

    [Fact]
    public void A_finding_needs_its_name_id_and_message()
    {
        Assert.Throws<ArgumentNullException>(() => new DeviceTreeCheckFinding(null!, "X", DeviceTreeCheckSeverity.Warning, null, null, "m"));
        Assert.Throws<ArgumentNullException>(() => new DeviceTreeCheckFinding("x", null!, DeviceTreeCheckSeverity.Warning, null, null, "m"));
        Assert.Throws<ArgumentNullException>(() => new DeviceTreeCheckFinding("x", "X", DeviceTreeCheckSeverity.Warning, null, null, null!));
        var prerequisite = new DeviceTreeCheckFinding("reg_format", "DTC008", DeviceTreeCheckSeverity.Warning, null, "ignored", "Failed prerequisite 'addr_size_cells'");
        Assert.Equal("Warning (reg_format): Failed prerequisite 'addr_size_cells'", prerequisite.ToString());
    }

    [Theory]
    [InlineData("a { phandle = <1>; linux,phandle = <2>; };", "mismatching 'phandle' and 'linux,phandle'")]
    [InlineData("a { phandle = [00 01]; };", "Bad length (2) of the 'phandle' property of /a")]
    [InlineData("a { linux,phandle = <0>; };", "Bad value (0x0) in the 'linux,phandle' property of /a")]
    [InlineData("a { phandle = <1>; }; b { phandle = <1>; };", "Duplicated phandle 0x1")]
    public void A_dts_phandle_dtc_refuses_is_one_explicit_phandles_error(string body, string message)
    {
        (IReadOnlyList<DeviceTreeCheckFinding> findings, DeviceTree? tree) = new DeviceTreeChecker().CheckSource("/dts-v1/;\n/ {\n" + body + "\n};\n", "t.dts");
        Assert.Null(tree);
        DeviceTreeCheckFinding finding = Assert.Single(findings);
        Assert.Equal(("explicit_phandles", "DTC002", DeviceTreeCheckSeverity.Error, (string?)null), (finding.CheckName, finding.Id, finding.Severity, finding.NodePath));
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.dts:", finding.Message, StringComparison.Ordinal);

        var quiet = new DeviceTreeChecker(DeviceTreeCheckerOptions.FromWarningFlags(["no-explicit_phandles"]));
        Assert.Empty(quiet.CheckSource("/dts-v1/;\n/ {\n" + body + "\n};\n").Findings);
    }

    [Fact]
    public void Other_dts_errors_are_thrown_not_findings()
    {
        Assert.Throws<DtsSyntaxException>(() => new DeviceTreeChecker().CheckSource("/dts-v1/;\n/ { a = <1>; ;"));
        Assert.Throws<DtsSyntaxException>(() => new DeviceTreeChecker().CheckSource("/dts-v1/;\n/ { l: a { }; l: b { }; };"));
    }

    [Fact]
    public void Reg_format_with_no_cells_at_all_accepts_only_an_empty_reg()
    {
        string[] found = Of("#address-cells = <0>; #size-cells = <0>; a { reg = <1>; }; b { reg; };", "reg_format");
        Assert.Equal(new[] { "/a:reg property has invalid length (4 bytes) (#address-cells == 0, #size-cells == 0)", "/b:reg property is empty" }, found);
    }

    [Fact]
    public void Reg_and_ranges_on_the_root_are_named()
    {
        Assert.Equal(new[] { "/ Root node has a \"reg\" property" }, Of(Cells11 + " reg = <0 1>;", "reg_format"));
        Assert.Equal(new[] { "/:ranges Root node has a \"ranges\" property" }, Of(Cells11 + " ranges;", "ranges_format"));
    }

    [Fact]
    public void Ranges_format_names_a_size_cells_difference_alone()
    {
        string[] found = Of(Cells11 + " a@0 { #address-cells = <1>; #size-cells = <2>; ranges; };", "ranges_format");
        Assert.Equal(new[] { "/a@0:ranges empty \"ranges\" property but its #size-cells (2) differs from / (1)" }, found);
    }

    [Fact]
    public void Avoid_unnecessary_addr_size_needs_both_counts_and_never_names_the_root()
    {
        Assert.Empty(Of(Cells11 + " a { #address-cells = <1>; c { }; }; b { #size-cells = <1>; c { }; };", "avoid_unnecessary_addr_size"));
        Assert.Empty(Of(Cells11 + " c { };", "avoid_unnecessary_addr_size"));
        Assert.Equal(
            new[] { "/a unnecessary #address-cells/#size-cells without \"ranges\", \"dma-ranges\" or child \"reg\" or \"ranges\" property" },
            Of(Cells11 + " a { " + Cells11 + " c { }; };", "avoid_unnecessary_addr_size"));
    }

    [Fact]
    public void An_empty_compatible_is_a_string_list()
    {
        Assert.Empty(Of("compatible; a { compatible = \"x\", \"y\"; };", "compatible_is_string_list"));
        Assert.Equal(new[] { "/a:compatible property is not a string list" }, Of("a { compatible = [78]; };", "compatible_is_string_list"));
    }

    [Fact]
    public void Unique_unit_address_compares_siblings_only_and_needs_both_counts()
    {
        Assert.Empty(Of(Cells11 + " p { " + Cells11 + " ranges; x@1 { reg = <1 1>; }; }; q { " + Cells11 + " ranges; x@1 { reg = <1 1>; }; };", "unique_unit_address"));
        DeviceTree tree = Tree(Ac(1), Sc(1), N("bus", Ac(1), N("a@1"), N("b@1")));
        Assert.Empty(Of(new DeviceTreeChecker().Check(tree), "unique_unit_address"));
    }

    [Fact]
    public void Simple_bus_reg_reads_a_ranges_only_child_at_its_parent_address()
    {
        string body = "#address-cells = <1>; #size-cells = <1>; soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;"
            + " br@0 { #address-cells = <2>; #size-cells = <1>; ranges = <0 0 0x4000 0x100>; }; good@4000 { #address-cells = <2>; #size-cells = <1>; ranges = <0 0 0x4000 0x100>; };"
            + " short@0 { #address-cells = <2>; #size-cells = <1>; ranges = <0>; }; };"
            + " wide { compatible = \"simple-bus\"; #address-cells = <2>; #size-cells = <1>; ranges; part@0 { #address-cells = <1>; #size-cells = <1>; ranges = <0 5>; }; };";
        Assert.Equal(
            new[] { "/soc/br@0 simple-bus unit address format error, expected \"4000\"", "/wide/part@0 simple-bus unit address format error, expected \"5\"" },
            Of(body, "simple_bus_reg"));
    }

    [Fact]
    public void Simple_bus_reg_leaves_nested_buses_and_the_root_buses_children_without_reg_alone()
    {
        Assert.Empty(Of(Cells11 + " soc { compatible = \"simple-bus\"; " + Cells11 + " ranges; sub { compatible = \"simple-bus\"; }; };", "simple_bus_reg"));
        Assert.Empty(Of(Cells11 + " compatible = \"simple-bus\"; plain { };", "simple_bus_reg"));
    }

    [Fact]
    public void Explicit_phandles_treats_linux_phandle_alone_as_the_phandle()
    {
        DeviceTree tree = Tree(N("a", Cells("linux,phandle", 1)), N("b", Cells("phandle", 1)), N("c", Cells("phandle", 2), Cells("linux,phandle", 2)));
        Assert.Equal(new[] { "/b duplicated phandle 0x1 (seen before at /a)" }, Of(new DeviceTreeChecker().Check(tree), "explicit_phandles"));
    }

    [Fact]
    public void An_interrupt_controller_is_not_its_own_interrupt_parent()
    {
        string body = Cells11 + " gic@0 { reg = <0 1>; interrupt-controller; #interrupt-cells = <3>; interrupts = <1 2 3>; };"
            + " soc@1 { reg = <1 1>; interrupt-controller; #interrupt-cells = <1>; dev@1 { reg = <1 1>; interrupts = <1 2>; }; };"
            + " nocells@2 { reg = <2 1>; interrupt-map; x@0 { reg = <0 1>; interrupts = [01 02 03 04 05]; }; };";
        Assert.Equal(new[] { "/gic@0 Missing interrupt-parent", "/nocells@2/x@0:interrupts size (5) is invalid, expected multiple of 4" }, Of(body, "interrupts_property"));
    }
}
