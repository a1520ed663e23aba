using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Overlays.DeviceTreeOverlayTests;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>
/// The phandle steps of fdt_overlay_apply beyond the main cases: overlay_prevent_phandle_overwrite's choice of nodes
/// and its error order, local fixups and fixups at their edges, and the symbols overlay_symbol_update skips or refuses.
/// Every refusal names its node, property and cause.
/// </summary>
public sealed class DeviceTreeOverlayPhandleRuleTests
{
    [Fact]
    public void An_overlay_node_merged_into_a_base_node_without_a_phandle_keeps_its_renumbered_one()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 4)), N("dev"));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("dev", Cells("phandle", 1)), N("client", Cells("dev", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("client", Cells("dev", 0))))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(5u, merged.Find("/dev").GetProperty("phandle")!.GetUInt32());
        Assert.Equal(5u, merged.Find("/client").GetProperty("dev")!.GetUInt32());
    }

    [Fact]
    public void Base_phandles_are_kept_in_nested_nodes_for_both_phandle_properties()
    {
        DeviceTree baseTree = Tree(N("soc", N("i2c@2000", Cells("phandle", 3))), N("user", Cells("bus", 3)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"),
                N("soc", N("i2c@2000", Cells("phandle", 1), Cells("linux,phandle", 1))),
                N("client", Cells("bus", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("client", Cells("bus", 0))))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        DeviceTreeNode i2c = merged.Find("/soc/i2c@2000");
        Assert.Equal((3u, 3u), (i2c.GetProperty("phandle")!.GetUInt32(), i2c.GetProperty("linux,phandle")!.GetUInt32()));
        Assert.Equal(3u, merged.Find("/client").GetProperty("bus")!.GetUInt32());
        Assert.Equal(3u, merged.Find("/user").GetProperty("bus")!.GetUInt32());

        DeviceTree older = DeviceTreeOverlay.Apply(baseTree, overlay, LibfdtOneSix);
        Assert.Equal(4u, older.Find("/soc/i2c@2000").GetProperty("phandle")!.GetUInt32());
        Assert.Equal(4u, older.Find("/client").GetProperty("bus")!.GetUInt32());
    }

    [Fact]
    public void Two_overlay_nodes_sharing_a_phandle_each_take_their_base_nodes_phandle()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 2)), N("b", Cells("phandle", 3)));
        DeviceTree overlay = Tree(Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("phandle", 1)), N("b", Cells("phandle", 1))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(2u, merged.Find("/a").GetProperty("phandle")!.GetUInt32());
        Assert.Equal(3u, merged.Find("/b").GetProperty("phandle")!.GetUInt32());
    }

    [Fact]
    public void Keeping_base_phandles_skips_a_missing_target_and_stops_at_another_error_first()
    {
        // overlay_prevent_phandle_overwrite walks every fragment before the merge: a target missing from the base is
        // left to the merge, any other target error stops it. libfdt 1.6 has no such walk: the merge stops at fragment@0.
        DeviceTree baseTree = Tree(N("soc"));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/nowhere"), Flag("x")),
            N("fragment@1", N("__overlay__", Flag("y"))));

        DeviceTreeOverlayException keeping = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay));
        Assert.Equal((DeviceTreeOverlayError.BadOverlay, "/fragment@1"), (keeping.Error, keeping.NodePath));

        DeviceTreeOverlayException older = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay, LibfdtOneSix));
        Assert.Equal((DeviceTreeOverlayError.NotFound, "/fragment@0"), (older.Error, older.NodePath));

        DeviceTreeOverlayException missingOnly = Assert.Throws<DeviceTreeOverlayException>(
            () => DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("fragment@0", Str("target-path", "/nowhere"), Flag("x")))));
        Assert.Equal((DeviceTreeOverlayError.NotFound, "target-path"), (missingOnly.Error, missingOnly.PropertyName));
    }

    [Fact]
    public void Local_fixups_of_several_nodes_and_cells_all_move()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 0x10)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"),
                N("p", Cells("phandle", 1)),
                N("q", Cells("phandle", 2)),
                N("u", Cells("refs", 1, 9, 2))),
            Fragment("fragment@1", Str("target-path", "/a"), N("v", Cells("ref", 2))),
            N("__local_fixups__",
                N("fragment@0", N("__overlay__", N("u", Cells("refs", 0, 8)))),
                N("fragment@1", N("__overlay__", N("v", Cells("ref", 0))))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(new uint[] { 0x11, 9, 0x12 }, merged.Find("/u").GetProperty("refs")!.GetCells());
        Assert.Equal(0x12u, merged.Find("/a/v").GetProperty("ref")!.GetUInt32());
    }

    [Fact]
    public void Fixups_write_at_unaligned_offsets_and_every_entry_of_a_label()
    {
        DeviceTree baseTree = Tree(N("clk", Cells("phandle", 0x0a0b0c0d)), N("__symbols__", Str("clk", "/clk")));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("d", Bytes("raw", 1, 0xff, 0xff, 0xff, 0xff, 2)), N("e", Cells("clocks", 0xffffffff))),
            N("__fixups__", Str("clk", "/fragment@0/__overlay__/d:raw:1", "/fragment@0/__overlay__/e:clocks:0")));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(new byte[] { 1, 0x0a, 0x0b, 0x0c, 0x0d, 2 }, merged.Find("/d").GetProperty("raw")!.Value.ToArray());
        Assert.Equal(0x0a0b0c0du, merged.Find("/e").GetProperty("clocks")!.GetUInt32());
    }

    [Theory]
    [InlineData(":target:0", DeviceTreeOverlayError.BadPath, "names node \"\"")] // fdt_path_offset of an empty path
    [InlineData("/fragment@0", DeviceTreeOverlayError.BadOverlay, "is not of the form \"path:property:offset\"")]
    [InlineData("/fragment@0:", DeviceTreeOverlayError.BadOverlay, "is not of the form \"path:property:offset\"")]
    [InlineData("/fragment@0:target:", DeviceTreeOverlayError.BadOverlay, "has no decimal byte offset after its second ':'")]
    [InlineData("/fragment@0:target:+0", DeviceTreeOverlayError.BadOverlay, "has no decimal byte offset after its second ':'")]
    [InlineData("/fragment@0:target:1", DeviceTreeOverlayError.NoSpace, "writes past the end of 'target' (4 bytes)")]
    [InlineData("/fragment@9:target:0", DeviceTreeOverlayError.BadOverlay, "names node \"/fragment@9\", which the overlay does not have")]
    [InlineData("/fragment@0:nothing:0", DeviceTreeOverlayError.NotFound, "names property 'nothing', which /fragment@0 does not have")]
    public void Malformed_fixup_entries_are_refused_with_the_entry_and_the_cause(string entry, DeviceTreeOverlayError error, string cause)
    {
        DeviceTree baseTree = Tree(N("soc", Cells("phandle", 1)), N("__symbols__", Str("soc", "/soc")));
        DeviceTree overlay = Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Str("soc", entry)));

        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay));

        Assert.True(e.Error == error, $"{e.Error}: {e.Message}");
        Assert.Equal(("/__fixups__", "soc"), (e.NodePath, e.PropertyName));
        Assert.Contains($"the fixup \"{entry}\"", e.Problem, StringComparison.Ordinal);
        Assert.Contains(cause, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuch", "the base tree's __symbols__ has no label 'nosuch'")]
    [InlineData("gone", "maps 'gone' to \"/nowhere\", which is not a node of the base tree")]
    [InlineData("plain", "node /soc (label 'plain') has no phandle")]
    public void Fixup_labels_the_base_cannot_resolve_are_named(string label, string cause)
    {
        DeviceTree baseTree = Tree(N("soc"), N("__symbols__", Str("gone", "/nowhere"), Str("plain", "/soc")));
        DeviceTree overlay = Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Str(label, "/fragment@0:target:0")));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay));
        Assert.Equal(DeviceTreeOverlayError.NotFound, e.Error);
        Assert.Contains(cause, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixup_list_without_terminating_nul_is_named()
    {
        DeviceTree baseTree = Tree(N("soc", Cells("phandle", 1)), N("__symbols__", Str("soc", "/soc")));
        DeviceTree overlay = Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Bytes("soc", (byte)'/', (byte)':')));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(baseTree, overlay));
        Assert.Equal("a fixup must be a list of NUL-terminated \"path:property:offset\" strings", e.Problem);
    }

    [Theory]
    [InlineData(3, 0u, "a local fixup must be a list of cells, but it is 3 bytes long")]
    [InlineData(4, 1u, "the local fixup offset 1 is past the end of /fragment@0/__overlay__/a's 'ref' (4 bytes)")]
    public void Local_fixups_that_are_not_cells_or_point_past_the_value_are_named(int length, uint offset, string problem)
    {
        byte[] list = [(byte)(offset >> 24), (byte)(offset >> 16), (byte)(offset >> 8), (byte)offset];
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("ref", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("a", Bytes("ref", list.Take(length).ToArray()))))));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Tree(), overlay));
        Assert.Equal((DeviceTreeOverlayError.BadOverlay, problem), (e.Error, e.Problem));
        Assert.Equal("ref", e.PropertyName);
    }

    [Fact]
    public void Local_fixups_naming_a_missing_property_or_node_are_named()
    {
        DeviceTree missingProperty = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("ref", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("a", Cells("other", 0))))));
        Assert.Equal(
            "the local fixup names property 'other', which node /fragment@0/__overlay__/a does not have",
            Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Tree(), missingProperty)).Problem);

        DeviceTree missingNode = Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__local_fixups__", N("fragment@7")));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Tree(), missingNode));
        Assert.Equal(("the local fixups name node 'fragment@7', which / does not have", "/__local_fixups__/fragment@7"), (e.Problem, e.NodePath));
    }

    [Fact]
    public void Phandles_that_cannot_move_are_named()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 0x20)));
        DeviceTreeOverlayException tooHigh = Assert.Throws<DeviceTreeOverlayException>(
            () => DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("linux,phandle", 0xffffffdf))))));
        Assert.Equal(("/fragment@0/__overlay__/a", "linux,phandle"), (tooHigh.NodePath, tooHigh.PropertyName));
        Assert.Equal("linux,phandle 0xffffffdf moved above the base tree's largest phandle 0x20 passes 0xfffffffe", tooHigh.Problem);

        // 0xffffffde + 0x20 is 0xfffffffe, the largest phandle there is.
        Assert.Equal(0xfffffffeu, DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("f", Str("target-path", "/"), N("b", Cells("phandle", 0xffffffde))))).Find("/b").GetProperty("phandle")!.GetUInt32());

        DeviceTreeOverlayException length = Assert.Throws<DeviceTreeOverlayException>(
            () => DeviceTreeOverlay.Apply(baseTree, Tree(Fragment("fragment@0", Str("target-path", "/"), N("a", Bytes("phandle", 0, 1))))));
        Assert.Equal("phandle must be one cell, but it is 2 bytes long", length.Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0, 1 }, "target must be one phandle cell, but it is 2 bytes long")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff }, "target is 0xffffffff, which is not a phandle")]
    [InlineData(new byte[] { 0, 0, 0, 0x99 }, "target = <0x99> is the phandle of no node of the base tree")]
    public void Bad_targets_are_named(byte[] target, string problem)
    {
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(
            () => DeviceTreeOverlay.Apply(Tree(N("a", Cells("phandle", 1))), Tree(Fragment("fragment@0", Bytes("target", target), Flag("x")))));
        Assert.Equal(("/fragment@0", "target", problem), (e.NodePath, e.PropertyName, e.Problem));
    }

    [Fact]
    public void Symbols_outside_every_overlay_are_skipped()
    {
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("x")),
            N("__symbols__", Str("top", "/fragment@0"), Str("root", "/"), Str("beside", "/fragment@0/__overlay__x"), Str("x", "/fragment@0/__overlay__/x")));

        DeviceTreeNode symbols = DeviceTreeOverlay.Apply(Tree(), overlay).Find("/__symbols__");

        Assert.Equal(new[] { "x" }, symbols.Properties.Select(p => p.Name));
        Assert.Equal(new byte[] { (byte)'/', (byte)'x', 0 }, symbols.GetProperty("x")!.Value.ToArray());
    }

    [Fact]
    public void An_overlay_without_symbols_leaves_the_base_without_them()
    {
        Assert.Null(DeviceTreeOverlay.Apply(Tree(N("soc")), Tree(Fragment("f", Str("target-path", "/soc"), Flag("x")))).FindNode("/__symbols__"));
    }

    [Theory]
    [InlineData(new byte[0], "a symbol must be one NUL-terminated path string")]
    [InlineData(new byte[] { (byte)'/', 0, (byte)'x', 0 }, "a symbol must be one NUL-terminated path string")]
    [InlineData(new byte[] { 0 }, "the symbol's path \"\" is not absolute")]
    [InlineData(new byte[] { (byte)'x', 0 }, "the symbol's path \"x\" is not absolute")]
    public void Symbols_that_are_not_one_absolute_path_are_bad_values(byte[] value, string problem)
    {
        DeviceTree overlay = Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__symbols__", Bytes("s", value)));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Tree(), overlay));
        Assert.Equal((DeviceTreeOverlayError.BadValue, "/__symbols__", "s", problem), (e.Error, e.NodePath, e.PropertyName, e.Problem));
    }

    [Theory]
    [InlineData("/fragment@5/__overlay__/x", "fragment@5")]
    [InlineData("/holder/__overlay__", "holder")]
    public void Symbols_naming_a_fragment_the_overlay_lacks_are_a_bad_overlay(string path, string fragment)
    {
        DeviceTree overlay = Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("holder", Str("target-path", "/")), N("__symbols__", Str("s", path)));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Tree(), overlay));
        Assert.Equal(DeviceTreeOverlayError.BadOverlay, e.Error);
        Assert.Equal($"the symbol's path \"{path}\" names fragment '{fragment}', which the overlay does not have or which has no __overlay__", e.Problem);
    }
}
