using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Overlays.DeviceTreeOverlayTests;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Overlays;

/// <summary>Every refusal is a DeviceTreeOverlayException naming the node, the property and libfdt's error.</summary>
public sealed class DeviceTreeOverlayErrorTests
{
    private static readonly DeviceTree Base = Tree(
        N("aliases", Str("serial0", "/soc/serial@1000")),
        N("soc", N("serial@1000", Cells("phandle", 0x20), Cells("clocks", 1, 2))),
        N("__symbols__", Str("uart", "/soc/serial@1000"), Str("gone", "/nowhere"), Str("plain", "/soc")));

    [Fact]
    public void A_fragment_without_target_is_a_bad_overlay()
    {
        DeviceTreeOverlayException e = Refuse(Tree(N("fragment@0", N("__overlay__", Flag("x")))), DeviceTreeOverlayError.BadOverlay);
        Assert.Equal("/fragment@0", e.NodePath);
        Assert.Contains("neither a target nor a target-path", e.Message, System.StringComparison.Ordinal);
        Assert.EndsWith("(FDT_ERR_BADOVERLAY)", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_that_is_not_one_cell_is_a_bad_phandle()
    {
        DeviceTreeOverlayException e = Refuse(Tree(Fragment("fragment@0", Bytes("target", 0, 1), Flag("x"))), DeviceTreeOverlayError.BadPhandle);
        Assert.Equal("target", e.PropertyName);
        Assert.Equal("FDT_ERR_BADPHANDLE", e.LibfdtErrorName);
    }

    [Fact]
    public void An_unresolved_target_reference_is_a_bad_phandle() =>
        Refuse(Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x"))), DeviceTreeOverlayError.BadPhandle);

    [Fact]
    public void A_target_phandle_or_path_missing_from_the_base_is_not_found()
    {
        Refuse(Tree(Fragment("fragment@0", Cells("target", 0x99), Flag("x"))), DeviceTreeOverlayError.NotFound);
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/soc/nothing"), Flag("x"))), DeviceTreeOverlayError.NotFound);
    }

    [Fact]
    public void A_target_path_with_an_unknown_alias_is_a_bad_path()
    {
        Assert.NotNull(DeviceTreeOverlay.Apply(Base, Tree(Fragment("fragment@0", Str("target-path", "serial0"), Flag("x")))).FindNode("/soc/serial@1000"));
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "serial9"), Flag("x"))), DeviceTreeOverlayError.BadPath);
    }

    [Fact]
    public void A_base_without_symbols_is_named_as_such()
    {
        DeviceTree noSymbols = Tree(N("soc", Cells("phandle", 1)));
        DeviceTree overlay = Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Str("soc", "/fragment@0:target:0")));
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(noSymbols, overlay));
        Assert.Equal(DeviceTreeOverlayError.NoBaseSymbols, e.Error);
        Assert.Equal("soc", e.PropertyName);
        Assert.Contains("the base tree has no __symbols__: compile it with dtc -@", e.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuch", "/fragment@0:target:0", DeviceTreeOverlayError.NotFound)] // label not in __symbols__
    [InlineData("gone", "/fragment@0:target:0", DeviceTreeOverlayError.NotFound)] // symbol names a missing node
    [InlineData("plain", "/fragment@0:target:0", DeviceTreeOverlayError.NotFound)] // labelled node has no phandle
    [InlineData("uart", "/fragment@0:target", DeviceTreeOverlayError.BadOverlay)] // no offset part
    [InlineData("uart", "/fragment@0::0", DeviceTreeOverlayError.BadOverlay)] // empty property name
    [InlineData("uart", "/fragment@0:target:x", DeviceTreeOverlayError.BadOverlay)] // offset not decimal
    [InlineData("uart", "/fragment@9:target:0", DeviceTreeOverlayError.BadOverlay)] // node not in the overlay
    [InlineData("uart", "/fragment@0:nothing:0", DeviceTreeOverlayError.NotFound)] // property not in the node
    [InlineData("uart", "/fragment@0:target:4", DeviceTreeOverlayError.NoSpace)] // past the end of target
    public void Bad_fixups_are_refused_with_libfdts_error(string label, string fixup, DeviceTreeOverlayError error)
    {
        DeviceTreeOverlayException e = Refuse(Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Str(label, fixup))), error);
        Assert.Equal("/__fixups__", e.NodePath);
        Assert.Equal(label, e.PropertyName);
    }

    [Fact]
    public void A_fixup_value_without_terminating_nul_is_a_bad_overlay() =>
        Refuse(Tree(Fragment("fragment@0", Cells("target", 0xffffffff), Flag("x")), N("__fixups__", Bytes("uart", (byte)'/', (byte)':'))), DeviceTreeOverlayError.BadOverlay);

    [Theory]
    [InlineData("ref", 4u)] // past the end of the 4-byte property
    [InlineData("missing", 0u)] // the node has no such property
    public void Bad_local_fixups_are_a_bad_overlay(string property, uint offset)
    {
        DeviceTree overlay = Tree(
            Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("ref", 1))),
            N("__local_fixups__", N("fragment@0", N("__overlay__", N("a", Cells(property, offset))))));
        DeviceTreeOverlayException e = Refuse(overlay, DeviceTreeOverlayError.BadOverlay);
        Assert.Equal("/__local_fixups__/fragment@0/__overlay__/a", e.NodePath);
    }

    [Fact]
    public void Local_fixups_naming_a_missing_node_are_a_bad_overlay() =>
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__local_fixups__", N("fragment@7"))), DeviceTreeOverlayError.BadOverlay);

    [Fact]
    public void Phandles_that_cannot_move_are_refused()
    {
        // 0xffffffdf + 0x20 (the base maximum) would be 0xffffffff, which is no phandle.
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), N("a", Cells("phandle", 0xffffffdf)))), DeviceTreeOverlayError.NoPhandles);
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), N("a", Bytes("phandle", 0, 0, 1)))), DeviceTreeOverlayError.BadPhandle);
    }

    [Fact]
    public void Symbols_that_are_not_absolute_path_strings_are_bad_values()
    {
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__symbols__", Bytes("s", (byte)'/', (byte)'a'))), DeviceTreeOverlayError.BadValue);
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__symbols__", Str("s", "fragment@0/__overlay__"))), DeviceTreeOverlayError.BadValue);
        Refuse(Tree(Fragment("fragment@0", Str("target-path", "/"), Flag("x")), N("__symbols__", Str("s", "/fragment@5/__overlay__/x"))), DeviceTreeOverlayError.BadOverlay);
    }

    private static DeviceTreeOverlayException Refuse(DeviceTree overlay, DeviceTreeOverlayError error)
    {
        DeviceTreeOverlayException e = Assert.Throws<DeviceTreeOverlayException>(() => DeviceTreeOverlay.Apply(Base, overlay));
        Assert.True(e.Error == error, $"{e.Error} instead of {error}: {e.Message}");
        return e;
    }
}
