using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderReferenceTests
{
    [Fact]
    public void Phandles_are_numbered_in_reference_order_and_appended_as_last_property()
    {
        DeviceTree tree = Parse("/ { p = <&c &b &c>; a: n1 { x; }; b: n2 { }; c: n3 { }; };");
        Assert.Equal(Bytes(0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1), Value(tree, "/", "p"));
        Assert.Equal(1u, tree.FindNode("/n3")!.Phandle);
        Assert.Equal(2u, tree.FindNode("/n2")!.Phandle);
        Assert.Null(tree.FindNode("/n1")!.Phandle);
        Assert.Equal(new[] { "x" }, tree.FindNode("/n1")!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Explicit_phandles_are_kept_and_new_numbers_skip_them()
    {
        DeviceTree tree = Parse("/ { p = <&z &y &x>; x: n1 { phandle = <1>; }; y: n2 { }; z: n3 { }; n4 { q = <&x>; }; };");
        Assert.Equal(Bytes(0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 1), Value(tree, "/", "p"));
        Assert.Equal(Bytes(0, 0, 0, 1), Value(tree, "/n4", "q"));
    }

    [Fact]
    public void Linux_phandle_is_honoured()
    {
        DeviceTree tree = Parse("/ { p = <&x>; x: n { linux,phandle = <7>; }; };");
        Assert.Equal(Bytes(0, 0, 0, 7), Value(tree, "/", "p"));
        Assert.False(tree.FindNode("/n")!.HasProperty("phandle"));
    }

    [Fact]
    public void Path_references_in_cells_and_as_strings()
    {
        DeviceTree tree = Parse("/ { p = <&{/a/c}>; s = &b; t = \"x\", &{/a}, <1>; a { b: c { }; }; };");
        Assert.Equal(Bytes(0, 0, 0, 1), Value(tree, "/", "p"));
        Assert.Equal("/a/c", tree.Root.GetProperty("s")!.GetString());
        Assert.Equal(Bytes(0x78, 0, 0x2f, 0x61, 0, 0, 0, 0, 1), Value(tree, "/", "t"));
    }

    [Fact]
    public void Node_extension_by_label_and_path_adds_labels_and_merges()
    {
        DeviceTree tree = Parse("/ { a: x { p = <1>; }; };\n&{/x} { q; };\nl2: &a { p = <2>; sub { }; };\n/ { r = <&l2>; };");
        DeviceTreeNode x = tree.FindNode("/x")!;
        Assert.Equal(new[] { "p", "q", "phandle" }, x.Properties.Select(p => p.Name));
        Assert.Equal(2u, x.GetProperty("p")!.GetUInt32());
        Assert.NotNull(x.GetChild("sub"));
    }

    [Fact]
    public void Delete_property_and_delete_node_inside_blocks()
    {
        DeviceTree tree = Parse("/ { a: n1 { x = <1>; y; }; n2 { }; n3 { }; };\n&a { /delete-property/ x; /delete-property/ absent; };\n/ { /delete-node/ n2; /delete-node/ absent; };");
        Assert.Equal(new[] { "y" }, tree.FindNode("/n1")!.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "n1", "n3" }, tree.Root.Children.Select(n => n.Name));
    }

    [Fact]
    public void Delete_node_by_reference_at_top_level()
    {
        DeviceTree tree = Parse("/ { a: n1 { b: n2 { }; }; n3 { }; };\n/delete-node/ &a;\n/delete-node/ &{/n3};");
        Assert.Empty(tree.Root.Children);
    }

    [Fact]
    public void A_deleted_node_named_again_comes_back_at_its_old_place_without_old_content()
    {
        DeviceTree tree = Parse("/ { n2 { a; }; n3 { }; };\n/ { /delete-node/ n2; };\n/ { n2 { b; }; };");
        Assert.Equal(new[] { "n2", "n3" }, tree.Root.Children.Select(n => n.Name));
        Assert.Equal(new[] { "b" }, tree.FindNode("/n2")!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Labels_of_deleted_nodes_can_be_reused()
    {
        DeviceTree tree = Parse("/ { a: n1 { }; };\n/delete-node/ &a;\n/ { p = <&a>; a: n2 { }; };");
        Assert.Equal(1u, tree.FindNode("/n2")!.Phandle);
    }

    [Fact]
    public void Omit_if_no_ref_drops_only_unreferenced_nodes()
    {
        DeviceTree tree = Parse(
            "/ { p = <&c>; s = &k;\n/omit-if-no-ref/ a: n1 { c: sub { }; };\n/omit-if-no-ref/ n2 { };\n/omit-if-no-ref/ b: n3 { };\n/omit-if-no-ref/ k: n4 { }; t: n5 { }; };\n/omit-if-no-ref/ &t;");
        Assert.Equal(new[] { "n4" }, tree.Root.Children.Select(n => n.Name));
        Assert.Equal(Bytes(0, 0, 0, 1), Value(tree, "/", "p"));
    }

    [Fact]
    public void Node_referenced_only_from_an_omitted_node_is_still_referenced()
    {
        DeviceTree tree = Parse("/ { /omit-if-no-ref/ a: n1 { }; /omit-if-no-ref/ n2 { p = <&a>; }; };");
        Assert.Equal(new[] { "n1" }, tree.Root.Children.Select(n => n.Name));
        Assert.Equal(1u, tree.FindNode("/n1")!.Phandle);
    }

    [Fact]
    public void Same_label_twice_on_one_node_is_fine() =>
        Parse("/ { a: x { }; };\na: &a { };");

    [Fact]
    public void Label_on_root_is_accepted() =>
        Assert.Equal(1u, Parse("r: / { p = <&r>; };").Root.Phandle);

    [Fact]
    public void Phandle_written_as_self_reference_gets_a_number()
    {
        DeviceTree tree = Parse("/ { a: n { phandle = <&a>; }; };");
        Assert.Equal(1u, tree.FindNode("/n")!.Phandle);
    }
}
