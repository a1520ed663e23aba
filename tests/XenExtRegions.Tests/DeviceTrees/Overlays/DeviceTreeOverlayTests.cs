using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>The rules of libfdt's fdt_overlay_apply, on hand-built trees (no dtc needed).</summary>
public sealed class DeviceTreeOverlayTests
{
    [Fact]
    public void Overlay_phandles_move_above_the_base_maximum_and_local_fixups_follow()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 5)), N("b", Cells("phandle", 3)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"),
                N("clk", Cells("phandle", 1), Cells("linux,phandle", 1)),
                N("dev", Cells("clocks", 1, 0x77, 2))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("dev", Cells("clocks", 0))))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(new uint[] { 6 }, merged.Find("/clk").GetProperty("phandle")!.GetCells());
        Assert.Equal(new uint[] { 6 }, merged.Find("/clk").GetProperty("linux,phandle")!.GetCells());

        // Only the listed cell (offset 0) moves; the 2 at offset 8 is not a phandle.
        Assert.Equal(new uint[] { 6, 0x77, 2 }, merged.Find("/dev").GetProperty("clocks")!.GetCells());
    }

    [Fact]
    public void Fixups_take_the_phandle_of_the_base_node_named_in_its_symbols()
    {
        DeviceTree baseTree = Tree(
            N("soc", N("serial@1000", Cells("phandle", 9))),
            N("__symbols__", Str("uart", "/soc/serial@1000")));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Cells("target", 0xffffffff), N("bt", Cells("uart", 0, 0xffffffff))),
            N("__fixups__", Str("uart", "/fragment@0:target:0", "/fragment@0/__overlay__/bt:uart:4")));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(new uint[] { 0, 9 }, merged.Find("/soc/serial@1000/bt").GetProperty("uart")!.GetCells());
    }

    [Fact]
    public void New_properties_and_nodes_go_first_and_replaced_properties_keep_their_place()
    {
        DeviceTree baseTree = Tree(N("n", Cells("a", 1), Cells("b", 2), N("old")));
        DeviceTree overlay = Tree(Fragment("f", Str("target-path", "/n"), Cells("b", 20), Cells("c", 3), Cells("d", 4), N("new1"), N("new2")));

        DeviceTreeNode n = DeviceTreeOverlay.Apply(baseTree, overlay).Find("/n");

        Assert.Equal(new[] { "d", "c", "a", "b" }, n.Properties.Select(p => p.Name));
        Assert.Equal(20u, n.GetProperty("b")!.GetUInt32());
        Assert.Equal(new[] { "new2", "new1", "old" }, n.Children.Select(c => c.Name));
    }

    [Fact]
    public void A_name_without_unit_address_merges_into_the_first_node_of_that_base_name()
    {
        DeviceTree baseTree = Tree(N("soc", N("serial@1000", Str("status", "disabled")), N("serial@2000")));
        DeviceTree overlay = Tree(Fragment("f", Str("target-path", "/soc"), N("serial", Str("status", "okay"))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal("okay", merged.Find("/soc/serial@1000").GetProperty("status")!.GetString());
        Assert.Equal(2, merged.Find("/soc").Children.Count);
    }

    [Fact]
    public void An_overlay_node_merged_into_a_base_node_with_a_phandle_takes_the_base_phandle()
    {
        // libfdt 1.7's overlay_prevent_phandle_overwrite: base references to /dev must keep working.
        DeviceTree baseTree = Tree(N("dev", Cells("phandle", 2)), N("user", Cells("dev", 2)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("dev", Cells("phandle", 1)), N("client", Cells("dev", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("client", Cells("dev", 0))))));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Equal(2u, merged.Find("/dev").GetProperty("phandle")!.GetUInt32());
        Assert.Equal(2u, merged.Find("/client").GetProperty("dev")!.GetUInt32());
    }

    [Fact]
    public void Overlay_symbols_are_rewritten_to_the_target_paths_and_the_base_gets_a_symbols_node()
    {
        DeviceTree baseTree = Tree(Str("model", "m"), N("soc", Cells("phandle", 1)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Cells("target", 1), N("x")),
            Fragment("fragment@1", Str("target-path", "/"), N("y")),
            N("__symbols__",
                Str("x", "/fragment@0/__overlay__/x"),
                Str("whole", "/fragment@0/__overlay__"),
                Str("y", "/fragment@1/__overlay__/y"),
                Str("outside", "/fragment@0/x")));

        DeviceTree merged = DeviceTreeOverlay.Apply(baseTree, overlay);

        DeviceTreeNode symbols = merged.Root.Children[0];
        Assert.Equal("__symbols__", symbols.Name);
        Assert.Equal("/soc/x", symbols.GetProperty("x")!.GetString());
        Assert.Equal("/soc/", symbols.GetProperty("whole")!.GetString()); // libfdt's trailing '/', kept
        Assert.Equal("/y", symbols.GetProperty("y")!.GetString());
        Assert.Null(symbols.GetProperty("outside"));
    }

    [Fact]
    public void Neither_input_changes_and_the_same_overlay_applies_twice_alike()
    {
        DeviceTree baseTree = Tree(N("a", Cells("phandle", 5)));
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("b", Cells("phandle", 1), Cells("self", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("b", Cells("self", 0))))));
        DeviceTree overlayCopy = DtbReader.Read(DtbWriter.Write(overlay));

        DeviceTree first = DeviceTreeOverlay.Apply(baseTree, overlay);
        DeviceTree second = DeviceTreeOverlay.Apply(baseTree, overlay);

        Assert.Null(DeviceTreeComparer.FindFirstDifference(overlayCopy, overlay));
        Assert.Null(DeviceTreeComparer.FindFirstDifference(first, second));
        Assert.Equal(6u, first.Find("/b").GetProperty("self")!.GetUInt32());
        Assert.Single(baseTree.Root.Children);
    }

    [Fact]
    public void A_large_fragment_merges_in_one_pass()
    {
        // Tens of thousands of new properties and nodes: a per-item scan of the target would take minutes.
        const int count = 40_000;
        var items = new object[count * 2];
        for (int i = 0; i < count; i++)
        {
            items[i] = Cells("p" + i, (uint)i);
            items[count + i] = N("n@" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        DeviceTree merged = DeviceTreeOverlay.Apply(Tree(N("t", Cells("p0", 99))), Tree(Fragment("f", Str("target-path", "/t"), items)));

        DeviceTreeNode t = merged.Find("/t");
        Assert.Equal(count, t.Properties.Count);
        Assert.Equal(count, t.Children.Count);
        Assert.Equal(0u, t.GetProperty("p0")!.GetUInt32());
    }

    /// <summary>libfdt 1.6's rule: an overlay node merged into a base node keeps its renumbered phandle.</summary>
    internal static readonly DeviceTreeOverlayOptions LibfdtOneSix = new() { KeepBasePhandles = false };

    internal static DeviceTreeNode Fragment(string name, DeviceTreeProperty target, params object[] overlayItems) =>
        N(name, target, N("__overlay__", overlayItems));
}
