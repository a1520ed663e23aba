using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Overlay sources (/plugin/) and dtc's -@, rule by rule (the dtc cross-checks are in DtsOverlayDtcCrossCheckTests).</summary>
public sealed class DtsReaderPluginTests
{
    private static DeviceTree Plugin(string body, bool symbols = false) =>
        DtsReader.Parse("/dts-v1/;\n/plugin/;\n" + body, "overlay.dts", new DtsReaderOptions { GenerateSymbols = symbols });

    private static string[] Strings(DeviceTree tree, string path, string property) =>
        tree.FindNode(path)!.GetProperty(property)!.GetStringList().ToArray();

    private static string[] ChildNames(DeviceTreeNode node) => node.Children.Select(c => c.Name).ToArray();

    [Fact]
    public void Fragments_are_numbered_in_source_order_and_appended_to_the_root()
    {
        DeviceTree tree = Plugin("&a { x; };\n/ { own { }; };\n&{/soc} { y; };");
        Assert.Equal(new[] { "fragment@0", "own", "fragment@1", "__fixups__" }, ChildNames(tree.Root));
        Assert.Equal(Bytes(0xff, 0xff, 0xff, 0xff), Value(tree, "/fragment@0", "target"));
        Assert.Equal(new[] { "/soc" }, Strings(tree, "/fragment@1", "target-path"));
        Assert.Equal(new[] { "x" }, tree.FindNode("/fragment@0/__overlay__")!.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "__overlay__" }, ChildNames(tree.FindNode("/fragment@1")!));
    }

    [Fact]
    public void A_label_the_overlay_defines_extends_its_node_but_a_path_always_makes_a_fragment()
    {
        DeviceTree tree = Plugin("/ { n: node { }; };\n&n { x; };\n&{/node} { y; };");
        Assert.Equal(new[] { "x" }, tree.FindNode("/node")!.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "/node" }, Strings(tree, "/fragment@0", "target-path"));
    }

    [Fact]
    public void A_fragment_whose_label_the_overlay_defines_later_targets_it_through_a_local_fixup()
    {
        DeviceTree tree = Plugin("&later { first; };\n/ { later: node { }; };");
        Assert.Equal(Bytes(0, 0, 0, 1), Value(tree, "/fragment@0", "target"));
        Assert.Equal(1u, tree.FindNode("/node")!.Phandle);
        Assert.Equal(Bytes(0, 0, 0, 0), Value(tree, "/__local_fixups__/fragment@0", "target"));
        Assert.Null(tree.FindNode("/__fixups__"));
    }

    [Fact]
    public void A_labelled_extension_must_find_its_node_even_in_an_overlay()
    {
        DtsSyntaxException ex = Error("/dts-v1/;\n/plugin/;\n/ { };\nnew: &absent { };");
        Assert.Contains("'absent' not found", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Fixups_list_path_property_and_byte_offset_per_unresolved_label_in_document_order()
    {
        DeviceTree tree = Plugin("&u { p = <1 &x 2 &y>; q = <&x>; n { r = <&y>; }; };");
        Assert.Equal(new[] { "u", "x", "y" }, tree.FindNode("/__fixups__")!.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "/fragment@0:target:0" }, Strings(tree, "/__fixups__", "u"));
        Assert.Equal(new[] { "/fragment@0/__overlay__:p:4", "/fragment@0/__overlay__:q:0" }, Strings(tree, "/__fixups__", "x"));
        Assert.Equal(new[] { "/fragment@0/__overlay__:p:12", "/fragment@0/__overlay__/n:r:0" }, Strings(tree, "/__fixups__", "y"));
        Assert.Equal(Bytes(0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff), Value(tree, "/fragment@0/__overlay__", "p"));
    }

    [Fact]
    public void A_fixup_offset_counts_the_path_strings_expanded_before_it()
    {
        DeviceTree tree = Plugin("&{/s} { l: n { m = &l, <&x>; }; };");
        string path = "/fragment@0/__overlay__/n";
        Assert.Equal(new[] { path + ":m:" + (path.Length + 1) }, Strings(tree, "/__fixups__", "x"));
    }

    [Fact]
    public void Local_fixups_mirror_the_tree_and_list_the_offsets_of_the_overlays_own_phandles()
    {
        DeviceTree tree = Plugin("&{/s} { a: n { }; m { p = <7 &a &a>; k { q = <&a>; }; }; };");
        Assert.Equal(Bytes(0, 0, 0, 4, 0, 0, 0, 8), Value(tree, "/__local_fixups__/fragment@0/__overlay__/m", "p"));
        Assert.Equal(Bytes(0, 0, 0, 0), Value(tree, "/__local_fixups__/fragment@0/__overlay__/m/k", "q"));
        Assert.Null(tree.FindNode("/__local_fixups__/fragment@0/__overlay__/n"));
    }

    [Fact]
    public void Without_plugin_an_undefined_label_stays_an_error()
    {
        DtsSyntaxException ex = Error("/dts-v1/;\n/ { p = <&absent>; };");
        Assert.Contains("non-existent node or label 'absent'", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_gets_fixups_without_symbols_and_symbols_only_with_them()
    {
        Assert.NotNull(Plugin("&u { l: n { }; };").FindNode("/__fixups__"));
        Assert.Null(Plugin("&u { l: n { }; };").FindNode("/__symbols__"));
        Assert.Equal(new[] { "/fragment@0/__overlay__/n" }, Strings(Plugin("&u { l: n { }; };", symbols: true), "/__symbols__", "l"));
    }

    [Fact]
    public void Symbols_list_every_node_label_in_dtc_order_and_give_labelled_nodes_phandles_after_the_referenced_ones()
    {
        var options = new DtsReaderOptions { GenerateSymbols = true };
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { z: zz { }; a: b: n { }; c: m { p = <&c>; }; };\n/ { y: n { }; };", "t.dts", options);
        Assert.Equal(new[] { "z", "y", "a", "b", "c" }, tree.FindNode("/__symbols__")!.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "/n" }, Strings(tree, "/__symbols__", "y"));
        Assert.Equal((1u, 2u, 3u), (tree.FindNode("/m")!.Phandle!.Value, tree.FindNode("/zz")!.Phandle!.Value, tree.FindNode("/n")!.Phandle!.Value));
        Assert.Equal(new[] { "y", "a", "b" }, tree.FindNode("/n")!.Labels);
    }

    [Fact]
    public void With_symbols_a_labelled_omit_if_no_ref_node_stays()
    {
        const string Source = "/dts-v1/;\n/ { /omit-if-no-ref/ l: n { }; /omit-if-no-ref/ m { }; };";
        Assert.Equal(new[] { "n", "__symbols__" }, ChildNames(DtsReader.Parse(Source, "t.dts", new DtsReaderOptions { GenerateSymbols = true }).Root));
        Assert.Empty(DtsReader.Parse(Source, "t.dts").Root.Children);
    }

    [Fact]
    public void A_source_without_labels_gets_no_symbols_node()
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { n { }; };", "t.dts", new DtsReaderOptions { GenerateSymbols = true });
        Assert.Null(tree.FindNode("/__symbols__"));
    }

    [Fact]
    public void A_symbols_node_in_the_source_is_extended_and_its_entries_kept()
    {
        DeviceTree tree = DtsReader.Parse("/dts-v1/;\n/ { __symbols__ { l = \"/old\"; }; l: n { }; k: m { }; };", "t.dts", new DtsReaderOptions { GenerateSymbols = true });
        Assert.Equal(new[] { "/old" }, Strings(tree, "/__symbols__", "l"));
        Assert.Equal(new[] { "/m" }, Strings(tree, "/__symbols__", "k"));
        Assert.Equal(new[] { "__symbols__", "n", "m" }, ChildNames(tree.Root));
    }

    [Fact]
    public void An_overlay_may_start_with_a_fragment_and_have_no_root_block()
    {
        DeviceTree tree = Plugin("&{/a} { x; };");
        Assert.Equal(new[] { "fragment@0" }, ChildNames(tree.Root));
        Assert.Empty(tree.Root.Properties);
    }

    [Fact]
    public void Overlay_text_is_refused_as_a_fragment_name_clash_rather_than_merged()
    {
        DtsSyntaxException ex = Error("/dts-v1/;\n/plugin/;\n/ { fragment@0 { }; };\n&a { };");
        Assert.Contains("fragment@0", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Target_path_holds_the_path_as_written()
    {
        DeviceTree tree = Plugin("&{/soc/i2c@1000} { };");
        Assert.Equal(Encoding.ASCII.GetBytes("/soc/i2c@1000\0"), Value(tree, "/fragment@0", "target-path"));
    }
}
