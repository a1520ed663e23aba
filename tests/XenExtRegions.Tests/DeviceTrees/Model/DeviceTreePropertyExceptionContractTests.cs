using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// The getter contract: GetX throws DeviceTreeFormatException naming node and property for a malformed value, its
/// TryGetX twin returns false, and the node's standard readers other than Compatible never throw.
/// </summary>
public sealed class DeviceTreePropertyExceptionContractTests
{
    private static DeviceTreeProperty Attached(DeviceTreeProperty property)
    {
        _ = Tree(N("dev@0", property));
        return property;
    }

    private static void AssertNamesPlace(Action read, string property)
    {
        var e = Assert.Throws<DeviceTreeFormatException>(read);
        Assert.Equal("/dev@0", e.NodePath);
        Assert.Equal(property, e.PropertyName);
        Assert.Contains("/dev@0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_typed_getter_throws_naming_the_place_and_its_try_twin_returns_false()
    {
        DeviceTreeProperty three = Attached(Bytes("odd", 1, 2, 3));
        AssertNamesPlace(() => three.GetUInt32(), "odd");
        Assert.False(three.TryGetUInt32(out _));
        AssertNamesPlace(() => three.GetUInt64(), "odd");
        Assert.False(three.TryGetUInt64(out _));
        AssertNamesPlace(() => three.GetCells(), "odd");
        Assert.False(three.TryGetCells(out _));
        AssertNamesPlace(() => three.GetPhandle(), "odd");
        Assert.False(three.TryGetPhandle(out _));
        AssertNamesPlace(() => three.GetStringList(), "odd");
        Assert.False(three.TryGetStringList(out _));
        AssertNamesPlace(() => three.GetString(), "odd");
        Assert.False(three.TryGetString(out _));
        AssertNamesPlace(() => three.GetCell(0), "odd");
        AssertNamesPlace(() => three.ReadNumber(0, 1), "odd");
        Assert.False(three.TryReadExactNumber(0, 1, out _));
        Assert.False(three.ContainsString("x"));
    }

    [Fact]
    public void A_phandle_of_zero_or_all_ones_is_refused_by_both_forms()
    {
        foreach (uint bad in new[] { 0u, uint.MaxValue })
        {
            DeviceTreeProperty p = Attached(Cells("phandle", bad));
            AssertNamesPlace(() => p.GetPhandle(), "phandle");
            Assert.False(p.TryGetPhandle(out _));
        }

        Assert.True(Attached(Cells("phandle", 7)).TryGetPhandle(out uint ok));
        Assert.Equal(7u, ok);
    }

    [Fact]
    public void Try_forms_read_well_formed_values()
    {
        Assert.True(Attached(Cells("c", 1, 2)).TryGetCells(out uint[]? cells));
        Assert.Equal(new[] { 1u, 2u }, cells);
        Assert.True(Attached(Cells("n", 1, 2)).TryGetUInt64(out ulong n));
        Assert.Equal(0x1_00000002UL, n);
        Assert.True(Attached(Str("s", "a", "b")).TryGetStringList(out IReadOnlyList<string>? list));
        Assert.Equal(new[] { "a", "b" }, list);
        Assert.True(Attached(Bytes("e")).TryGetStringList(out IReadOnlyList<string>? none));
        Assert.Empty(none);
    }

    [Fact]
    public void Compatible_throws_on_a_malformed_value_while_the_other_standard_readers_do_not()
    {
        DeviceTree tree = Tree(N("dev@0",
            Bytes("compatible", (byte)'x', (byte)'y'),
            Bytes("device_type", 1, 2),
            Bytes("status", (byte)'o', (byte)'k'),
            Bytes("phandle", 1, 2)));
        DeviceTreeNode node = tree.Find("/dev@0");

        AssertNamesPlace(() => _ = node.Compatible, "compatible");
        Assert.False(node.TryGetCompatible(out _));
        Assert.False(node.IsCompatible("xy"));
        Assert.Null(node.DeviceType);
        Assert.Null(node.Status);
        Assert.False(node.IsEnabled);
        Assert.Null(node.Phandle);
    }

    [Fact]
    public void TryGetCompatible_gives_an_empty_list_when_absent_and_the_strings_when_present()
    {
        DeviceTree tree = Tree(N("a"), N("b", Str("compatible", "v,one", "v,two")));

        Assert.True(tree.Find("/a").TryGetCompatible(out IReadOnlyList<string>? none));
        Assert.Empty(none);
        Assert.True(tree.Find("/b").TryGetCompatible(out IReadOnlyList<string>? two));
        Assert.Equal(new[] { "v,one", "v,two" }, two);
    }
}
