using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>Each check's rule (dtc's checks.c for dtc's names; spec §2, §5.2, §6 for the xen_ ones), one case each way.</summary>
public sealed class DeviceTreeCheckerTests
{
    internal static IReadOnlyList<DeviceTreeCheckFinding> Check(string body, DeviceTreeCheckerOptions? options = null)
    {
        (IReadOnlyList<DeviceTreeCheckFinding> findings, _) = new DeviceTreeChecker(options).CheckSource("/dts-v1/;\n/ {\n" + body + "\n};\n", "test.dts");
        return findings;
    }

    private static string[] Of(IReadOnlyList<DeviceTreeCheckFinding> findings, string check) =>
        findings.Where(f => f.CheckName == check).Select(f => f.PropertyName is null ? f.NodePath ?? "" : f.NodePath + ":" + f.PropertyName).ToArray();

    private const string Cells11 = "#address-cells = <1>; #size-cells = <1>;";

    [Fact]
    public void Unit_address_vs_reg_wants_a_unit_name_exactly_when_reg_or_a_nonempty_ranges_is_there()
    {
        var f = Check(Cells11 + " a { reg = <0 1>; }; b@1 { }; c@2 { ranges; }; d@3 { reg = <3 1>; }; e { ranges = <0 0 1>; " + Cells11 + " };");
        Assert.Equal(new[] { "/a", "/b@1", "/c@2", "/e" }, Of(f, "unit_address_vs_reg"));
    }

    [Fact]
    public void Unit_address_vs_reg_leaves_overlay_fragments_alone()
    {
        Assert.Empty(Of(Check("fragment@0 { __overlay__ { }; };"), "unit_address_vs_reg"));
    }

    [Fact]
    public void Reg_format_uses_the_parents_own_cells_with_dtcs_defaults_not_inherited_ones()
    {
        // The parent has no #address-cells, so dtc takes 2 (not the root's 1): a 2-cell reg is the wrong length.
        var f = Check(Cells11 + " bus@0 { reg = <0 1>; ranges; x@0 { reg = <0 1>; }; }; y@1 { reg; };");
        Assert.Equal(new[] { "/bus@0/x@0:reg", "/y@1:reg" }, Of(f, "reg_format"));
        Assert.Contains(f, x => x.Message.Contains("(#address-cells == 2, #size-cells == 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Ranges_format_checks_empty_ranges_cells_and_entry_length()
    {
        var f = Check("#address-cells = <2>; #size-cells = <1>; a@0 { " + Cells11 + " ranges; }; b@0 { #address-cells = <2>; #size-cells = <1>; ranges; }; c@0 { " + Cells11 + " ranges = <0 0 0 1 2>; };");
        Assert.Equal(new[] { "/a@0:ranges", "/c@0:ranges" }, Of(f, "ranges_format"));
    }

    [Fact]
    public void Simple_bus_reg_expects_the_hex_of_the_first_address_cells()
    {
        var f = Check("#address-cells = <2>; #size-cells = <1>; soc { compatible = \"simple-bus\"; #address-cells = <2>; #size-cells = <1>; ranges;"
            + " ok@100000000 { reg = <1 0 4>; }; hex@abc { reg = <0 0xabc 4>; }; upper@ABD { reg = <0 0xabd 4>; }; bad@10 { reg = <0 0x11 4>; }; none { }; }; plain { #address-cells = <1>; #size-cells = <1>; x@1 { reg = <2 1>; }; };");
        Assert.Equal(new[] { "/soc/upper@ABD", "/soc/bad@10", "/soc/none" }, Of(f, "simple_bus_reg"));
    }

    [Fact]
    public void Avoid_unnecessary_addr_size_accepts_ranges_dma_ranges_and_child_reg_or_ranges()
    {
        var f = Check(Cells11 + " a { " + Cells11 + " c { }; }; b { " + Cells11 + " dma-ranges; c { }; }; d { " + Cells11 + " c@0 { ranges; }; }; e { " + Cells11 + " };");
        Assert.Equal(new[] { "/a" }, Of(f, "avoid_unnecessary_addr_size"));
    }

    [Fact]
    public void A_failed_prerequisite_skips_the_check_for_the_whole_tree_and_says_so()
    {
        // The root relies on default cells, so unique_unit_address does not run although two siblings clash.
        var f = Check("a@1 { reg = <0 1 1>; }; b@1 { reg = <0 1 1>; };");
        Assert.Equal(4, Of(f, "avoid_default_addr_size").Length);
        Assert.Equal(new[] { "" }, Of(f, "unique_unit_address"));
        Assert.Equal("Failed prerequisite 'avoid_default_addr_size'", f.Single(x => x.CheckName == "unique_unit_address").Message);
    }

    [Fact]
    public void Unique_unit_address_reports_the_earlier_sibling_disabled_ones_included()
    {
        var f = Check(Cells11 + " a@1 { reg = <1 1>; }; b@1 { reg = <1 1>; status = \"disabled\"; }; c@2 { reg = <2 1>; };");
        DeviceTreeCheckFinding finding = Assert.Single(f, x => x.CheckName == "unique_unit_address");
        Assert.Equal("/a@1", finding.NodePath);
        Assert.Equal("duplicate unit-address (also used in node /b@1)", finding.Message);
    }

    [Fact]
    public void Unique_unit_address_stays_linear_on_a_hundred_thousand_clashing_siblings()
    {
        var children = Enumerable.Range(0, 100_000).Select(i => TreeBuilder.N(FormattableString.Invariant($"n{i}@1000"), TreeBuilder.Reg(0x1000, 1))).ToArray<object>();
        DeviceTree tree = TreeBuilder.Tree(new object[] { TreeBuilder.Ac(1), TreeBuilder.Sc(1) }.Concat(children).ToArray());
        var only = DeviceTreeCheckerOptions.FromWarningFlags(DeviceTreeChecker.CheckNames.Where(n => n.StartsWith("xen_", StringComparison.Ordinal)).Select(n => "no-" + n));
        IReadOnlyList<DeviceTreeCheckFinding> findings = new DeviceTreeChecker(only).Check(tree);
        Assert.Equal(99_999, findings.Count(f => f.CheckName == "unique_unit_address"));
    }

    [Fact]
    public void Explicit_phandles_finds_duplicates_bad_values_bad_lengths_and_mismatches_in_a_blob()
    {
        DeviceTree tree = TreeBuilder.Tree(
            TreeBuilder.N("a", TreeBuilder.Cells("phandle", 1)),
            TreeBuilder.N("b", TreeBuilder.Cells("phandle", 1)),
            TreeBuilder.N("c", TreeBuilder.Cells("phandle", 0xffffffff)),
            TreeBuilder.N("d", TreeBuilder.Bytes("phandle", 0, 2)),
            TreeBuilder.N("e", TreeBuilder.Cells("phandle", 3), TreeBuilder.Cells("linux,phandle", 4)));
        var f = new DeviceTreeChecker().Check(tree);
        Assert.Equal(new[] { "/b", "/c:phandle", "/d:phandle", "/e" }, Of(f, "explicit_phandles"));
        Assert.All(f.Where(x => x.CheckName == "explicit_phandles"), x => Assert.Equal(DeviceTreeCheckSeverity.Error, x.Severity));
        Assert.Contains("duplicated phandle 0x1 (seen before at /a)", f.Select(x => x.Message));
        // phandle_references needs explicit_phandles, interrupts_property needs phandle_references.
        Assert.Equal(new[] { "" }, Of(f, "interrupts_property"));
    }

    [Fact]
    public void A_dts_reference_to_no_node_is_a_phandle_references_error()
    {
        var f = Check("a { interrupt-parent = <&nowhere>; };");
        DeviceTreeCheckFinding finding = Assert.Single(f);
        Assert.Equal(("phandle_references", DeviceTreeCheckSeverity.Error), (finding.CheckName, finding.Severity));
        Assert.Contains("nowhere", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Check("a { interrupt-parent = <&nowhere>; };", DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no-phandle_references" })));
    }

    [Fact]
    public void A_dts_duplicated_phandle_is_an_explicit_phandles_error()
    {
        Assert.Equal("explicit_phandles", Assert.Single(Check("a { phandle = <1>; }; b { phandle = <1>; };")).CheckName);
    }

    [Fact]
    public void Interrupts_property_follows_interrupt_parent_up_and_checks_the_cells()
    {
        string body = Cells11 + " gic@0 { reg = <0 1>; interrupt-controller; #interrupt-cells = <2>; phandle = <1>; }; clk@1 { reg = <1 1>; phandle = <2>; };"
            + " a@2 { reg = <2 1>; interrupts = <1>; }; b@3 { reg = <3 1>; interrupt-parent = <1>; interrupts = <1>; }; c@4 { reg = <4 1>; interrupt-parent = <1>; interrupts = <1 2>; };"
            + " d@5 { reg = <5 1>; interrupt-parent = <2>; interrupts = <1>; }; e@6 { reg = <6 1>; interrupt-parent = <7>; interrupts = <1>; };"
            + " f@7 { reg = <7 1>; interrupt-parent = <0>; interrupts = <1>; }; gic@0x { interrupt-parent = <1>; g { interrupts = <1 2>; }; };";
        var f = Check(body);
        Assert.Equal(new[] { "/a@2", "/b@3:#interrupt-cells", "/clk@1", "/e@6:interrupt-parent", "/f@7:interrupt-parent", "/f@7" }, Of(f, "interrupts_property"));
    }

    [Fact]
    public void Disabling_a_check_disables_the_checks_that_need_it_and_enabling_brings_its_prerequisites_back()
    {
        var off = new DeviceTreeChecker(DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no-reg_format" }));
        Assert.False(off.IsEnabled("reg_format"));
        Assert.False(off.IsEnabled("simple_bus_reg"));
        Assert.True(off.IsEnabled("ranges_format"));
        var back = new DeviceTreeChecker(DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no_addr_size_cells", "simple_bus_reg" }));
        Assert.True(back.IsEnabled("simple_bus_reg"));
        Assert.True(back.IsEnabled("addr_size_cells"));
        Assert.False(back.IsEnabled("avoid_default_addr_size"));
    }

    [Fact]
    public void Enabling_a_check_again_brings_back_its_prerequisites_as_dtc_does()
    {
        var options = DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no-avoid_default_addr_size", "unique_unit_address" });
        var f = Check("a@1 { reg = <0 1 1>; }; b@1 { reg = <0 1 1>; };", options);
        Assert.Equal(4, Of(f, "avoid_default_addr_size").Length);
        Assert.Equal(new[] { "" }, Of(f, "unique_unit_address"));
        Assert.Empty(Of(f, "avoid_unnecessary_addr_size"));
        Assert.Empty(Of(Check("a@1 { reg = <0 1 1>; }; b@1 { reg = <0 1 1>; };", DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no-avoid_default_addr_size" })), "unique_unit_address"));
    }

    [Fact]
    public void An_unknown_check_name_is_refused_as_dtc_does()
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceTreeCheckerOptions.FromWarningFlags(new[] { "no-bogus" }));
        Assert.Contains("Unrecognized check name \"bogus\"", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DeviceTreeChecker(new DeviceTreeCheckerOptions { DisabledChecks = new[] { "bogus" } }));
    }

    [Fact]
    public void Findings_print_as_dtc_prints_them()
    {
        var f = new DeviceTreeCheckFinding("reg_format", "DTC008", DeviceTreeCheckSeverity.Warning, "/a@0", "reg", "property is empty");
        Assert.Equal("Warning (reg_format): /a@0:reg: property is empty", f.ToString());
        var e = new DeviceTreeCheckFinding("explicit_phandles", "DTC002", DeviceTreeCheckSeverity.Error, "/b", null, "x");
        Assert.Equal("ERROR (explicit_phandles): /b: x", e.ToString());
    }

    [Fact]
    public void Findings_carry_their_checks_stable_id()
    {
        Assert.Equal("DTC001", Check("a@1 { };").Single().Id);
        Assert.Equal("DTC014", Check(Cells11 + " a@1 { reg = <1 1>; }; b@1 { reg = <1 1>; };").Single().Id);
        Assert.Equal("XEN005", Check("#address-cells = <3>;").Single().Id);
        Assert.Equal(DeviceTreeChecker.CheckNames.Count, DeviceTreeChecker.CheckNames.Distinct().Count());
    }
}
