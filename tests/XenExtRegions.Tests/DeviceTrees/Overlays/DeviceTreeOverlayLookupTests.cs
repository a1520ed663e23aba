using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Overlays.DeviceTreeOverlayTests;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// libfdt's lookups as fdt_overlay_apply uses them: fdt_get_phandle, fdt_node_offset_by_phandle (kept current while the
/// merge changes phandles), fdt_path_offset (aliases, repeated and trailing '/'), fdt_subnode_offset (base names).
/// </summary>
public sealed class DeviceTreeOverlayLookupTests
{
    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        DeviceTree tree = Tree();
        Assert.Equal("baseTree", Assert.Throws<ArgumentNullException>(() => DeviceTreeOverlay.Apply(null!, tree)).ParamName);
        Assert.Equal("overlay", Assert.Throws<ArgumentNullException>(() => DeviceTreeOverlay.Apply(tree, null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => DeviceTreeOverlay.Apply(tree, tree, null!)).ParamName);
    }

    [Fact]
    public void The_merged_tree_keeps_the_base_reservations_and_boot_cpu()
    {
        var baseTree = new DeviceTree(N(string.Empty), [new MemoryReservation(0x1000, 0x2000)], bootCpuIdPhys: 3);
        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("f", Str("target-path", "/"), Flag("x"))));
        Assert.Equal(new[] { new MemoryReservation(0x1000, 0x2000) }, merged.MemoryReservations);
        Assert.Equal(3u, merged.BootCpuIdPhys);
        Assert.True(merged.Root.HasProperty("x"));
    }

    [Fact]
    public void A_linux_phandle_alone_counts_as_the_nodes_phandle()
    {
        // fdt_get_phandle falls back to linux,phandle, so the base maximum is 5 and a target of <5> is /a.
        DeviceTree baseTree = Tree(N("a", Cells("linux,phandle", 5)), N("b", Bytes("phandle", 0, 9), Cells("linux,phandle", 2)));
        DeviceTree overlay = Tree(Fragment("fragment@0", Cells("target", 5), N("clk", Cells("phandle", 1))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(6u, merged.Find("/a/clk").GetProperty("phandle")!.GetUInt32());
    }

    [Fact]
    public void A_phandle_that_is_not_one_cell_is_no_phandle_in_the_base()
    {
        // /b's phandle is 3 bytes long and it has no linux,phandle: fdt_get_phandle gives 0, so the maximum is 1.
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 1)), N("b", Bytes("phandle", 0, 0, 9)));
        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("f", Str("target-path", "/"), N("c", Cells("phandle", 1)))));
        Assert.Equal(2u, merged.Find("/c").GetProperty("phandle")!.GetUInt32());
    }

    [Fact]
    public void With_duplicate_phandles_in_the_base_a_target_is_the_first_in_document_order()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 7)), N("b", Cells("phandle", 7)));
        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("f", Cells("target", 7), Flag("here"))));
        Assert.True(merged.Find("/a").HasProperty("here"));
        Assert.False(merged.Find("/b").HasProperty("here"));
    }

    [Fact]
    public void A_target_of_zero_falls_back_to_target_path()
    {
        DeviceTree baseTree = Tree(N("soc"));
        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, Tree(N("f", Cells("target", 0), Str("target-path", "/soc"), N("__overlay__", Flag("here")))));
        Assert.True(merged.Find("/soc").HasProperty("here"));
    }

    [Fact]
    public void A_node_a_fragment_gave_a_phandle_is_a_target_of_later_fragments()
    {
        // fragment@0 (found by phandle, so the index exists) adds /a/b with phandle 1 + 5; fragment@1 targets it.
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 5)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Cells("target", 5), N("b", Cells("phandle", 1))),
            Fragment("fragment@1", Cells("target", 1), Flag("second")),
            N("__local_fixups__", N("fragment@1", Cells("target", 0))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.True(merged.Find("/a/b").HasProperty("second"));
    }

    [Fact]
    public void A_base_phandle_the_overlay_replaced_is_no_longer_a_target()
    {
        // libfdt 1.6: /a takes the overlay's renumbered phandle 6, so a later target of <5> finds nothing; <6> finds /a.
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 5)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Cells("target", 5), Cells("phandle", 1)),
            Fragment("fragment@1", Cells("target", 5), Flag("old")));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay, LibfdtOneSix));
        Assert.Equal(DeviceTreeOverlayError.NotFound, e.Error);
        Assert.Equal("/fragment@1", e.NodePath);

        DeviceTree renumbered = Tree(
            Fragment("fragment@0", Cells("target", 5), Cells("phandle", 1)),
            Fragment("fragment@1", Cells("target", 6), Flag("new")));
        Assert.True(DeviceTreeOverlay.Apply(baseTree, renumbered, LibfdtOneSix).Find("/a").HasProperty("new"));
    }

    [Fact]
    public void Two_added_nodes_with_one_phandle_leave_the_target_at_the_first_in_document_order()
    {
        // The overlay repeats phandle 1; both become 2. New nodes go first, so /n2 comes before /n1 and is the target.
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 1)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Cells("target", 1), N("n1", Cells("phandle", 1)), N("n2", Cells("phandle", 1))),
            Fragment("fragment@1", Cells("target", 2), Flag("hit")));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(new[] { "n2", "n1" }, merged.Find("/a").Children.Select(c => c.Name));
        Assert.True(merged.Find("/a/n2").HasProperty("hit"));
        Assert.False(merged.Find("/a/n1").HasProperty("hit"));
    }

    [Theory]
    [InlineData("/soc/")]
    [InlineData("//soc")]
    [InlineData("/soc//bus")]
    [InlineData("soc-alias/bus")]
    [InlineData("bus-alias")]
    public void Target_paths_are_read_as_fdt_path_offset_reads_them(string targetPath)
    {
        DeviceTree baseTree = Tree(N("aliases", Str("soc-alias", "/soc"), Str("bus-alias", "/soc/bus")), N("soc", N("bus")));
        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("f", Str("target-path", targetPath), Flag("here"))));
        string expected = targetPath is "/soc/" or "//soc" ? "/soc" : "/soc/bus";
        Assert.Equal(new[] { expected }, merged.Nodes.Where(n => n.HasProperty("here")).Select(n => n.Path));
    }

    [Theory]
    [InlineData("", DeviceTreeOverlayError.BadPath, "is empty")] // fdt_path_offset of an empty path
    [InlineData("chained/x", DeviceTreeOverlayError.BadPath, "starts with alias 'chained', whose value \"soc-alias\" is not an absolute path")] // libfdt 1.7; 1.6.1 follows it
    [InlineData("undefined/x", DeviceTreeOverlayError.BadPath, "starts with alias 'undefined', which the base tree's /aliases does not define")]
    [InlineData("dangling", DeviceTreeOverlayError.NotFound, "is not a node of the base tree")] // an alias naming a missing node
    [InlineData("dangling/x", DeviceTreeOverlayError.NotFound, "is not a node of the base tree")]
    [InlineData("soc-alias/none", DeviceTreeOverlayError.NotFound, "is not a node of the base tree")]
    public void Target_paths_that_lead_nowhere_are_refused_with_libfdts_error(string targetPath, DeviceTreeOverlayError error, string why)
    {
        DeviceTree baseTree = Tree(N("aliases", Str("soc-alias", "/soc"), Str("chained", "soc-alias"), Str("dangling", "/nowhere")), N("soc"));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(
            () => DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("fragment@0", Str("target-path", targetPath), Flag("x")))));
        Assert.True(e.Error == error, $"{e.Error}: {e.Message}");
        Assert.Equal(("/fragment@0", "target-path"), (e.NodePath, e.PropertyName));
        Assert.Contains($"target-path \"{targetPath}\"", e.Message, StringComparison.Ordinal);
        Assert.Contains($"target-path \"{targetPath}\" {why}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlay_sibling_without_unit_address_merges_into_the_node_an_earlier_sibling_added()
    {
        // fdt_add_subnode("x") after "x@1" was added finds x@1 (fdt_subnode_offset matches the base name), as fdtoverlay does.
        DeviceTree baseTree = Tree(N("soc", Cells("z", 0)));
        DeviceTree overlay = Tree(Fragment("f", Str("target-path", "/soc"), N("x@1", Cells("a", 1)), N("x", Cells("b", 2))));

        DeviceTreeNode soc = DeviceTreeOverlay.Apply(baseTree, overlay).Find("/soc");

        DeviceTreeNode x = Assert.Single(soc.Children);
        Assert.Equal("x@1", x.Name);
        Assert.Equal(new[] { "a", "b" }, x.Properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void An_added_node_is_found_by_its_exact_name_by_later_fragments()
    {
        DeviceTree baseTree = Tree(N("soc", N("x@2")));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/soc"), N("x@1", Cells("a", 1))),
            Fragment("fragment@1", Str("target-path", "/soc"), N("x@1", Cells("b", 2)), N("x", Cells("c", 3))));

        DeviceTreeNode soc = DeviceTreeOverlay.Apply(baseTree, overlay).Find("/soc");

        // x@1 went first, so "x" now names it (the first of that base name), not x@2.
        Assert.Equal(new[] { "x@1", "x@2" }, soc.Children.Select(c => c.Name));
        Assert.Equal(new[] { "a", "b", "c" }, soc.Children[0].Properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(soc.Children[1].Properties);
    }
}
