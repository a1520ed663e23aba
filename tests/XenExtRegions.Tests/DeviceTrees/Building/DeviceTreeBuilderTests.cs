using System;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Building;

public sealed class DeviceTreeBuilderTests
{
    private static DeviceTreeBuilder Board()
    {
        var b = new DeviceTreeBuilder { BootCpuIdPhys = 2 };
        b.AddMemoryReservation(0x48000000, 0x100000);
        b.Root.SetUInt32("#address-cells", 2).SetUInt32("#size-cells", 2).SetStringList("compatible", "vendor,board", "arm,armv8");
        b.AddNode("/memory@40000000").SetString("device_type", "memory").SetReg((0x40000000, 0x40000000), (0x880000000, 0x80000000));
        DeviceTreeNodeBuilder soc = b.AddNode("/soc").SetUInt32("#address-cells", 1).SetUInt32("#size-cells", 1).SetEmpty("ranges");
        DeviceTreeNodeBuilder gic = soc.AddChild("interrupt-controller@8000000").SetEmpty("interrupt-controller");
        soc.AddChild("serial@9000000").SetReg((0x9000000, 0x1000)).SetPhandleReference("interrupt-parent", gic).SetBytes("local-mac-address", new byte[] { 2, 0, 0, 0xaa, 0xbb, 0xcc });
        return b;
    }

    [Fact]
    public void Builds_the_tree_it_was_told()
    {
        DeviceTree tree = Board().Build();
        Assert.Equal(2u, tree.BootCpuIdPhys);
        Assert.Equal(new[] { new MemoryReservation(0x48000000, 0x100000) }, tree.MemoryReservations);
        Assert.Equal(new[] { "vendor,board", "arm,armv8" }, tree.Root.Compatible);
        DeviceTreeNode memory = tree.FindNode("/memory@40000000")!;
        Assert.Equal("memory", memory.DeviceType);
        Assert.Equal(new uint[] { 0, 0x40000000, 0, 0x40000000, 8, 0x80000000, 0, 0x80000000 }, memory.GetProperty("reg")!.GetCells());
        DeviceTreeNode serial = tree.FindNode("/soc/serial@9000000")!;
        Assert.Equal(new uint[] { 0x9000000, 0x1000 }, serial.GetProperty("reg")!.GetCells());
        Assert.Same(tree.FindNode("/soc/interrupt-controller@8000000"), tree.FindByPhandle(serial.GetProperty("interrupt-parent")!.GetPhandle()));
        Assert.True(tree.FindNode("/soc")!.GetProperty("ranges")!.IsEmpty);
    }

    [Fact]
    public void Phandles_are_allocated_after_the_largest_one()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder a = b.AddNode("/a").SetUInt32("phandle", 7);
        DeviceTreeNodeBuilder c = b.AddNode("/c");
        Assert.Equal(7u, a.EnsurePhandle());
        b.AddNode("/d").SetPhandleReference("ref", c);
        Assert.Equal(8u, c.EnsurePhandle());
        Assert.Equal(8u, b.Build().FindNode("/d")!.GetProperty("ref")!.GetUInt32());
    }

    [Fact]
    public void Setting_a_property_again_replaces_it_in_place()
    {
        var b = new DeviceTreeBuilder();
        b.Root.SetUInt32("a", 1).SetUInt32("b", 2).SetUInt64("a", 0x1122334455667788);
        DeviceTree tree = b.Build();
        Assert.Equal(new[] { "a", "b" }, tree.Root.Properties.Select(p => p.Name));
        Assert.Equal(0x1122334455667788ul, tree.Root.GetProperty("a")!.GetUInt64());
        Assert.True(b.Root.RemoveProperty("a"));
        Assert.False(b.Root.RemoveProperty("a"));
        Assert.Equal(new[] { "b" }, b.Build().Root.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Typed_setters_encode_big_endian()
    {
        var b = new DeviceTreeBuilder();
        b.Root.SetCells("c", 1, 0xdeadbeef).SetNumbers("n", 3, 0x1_0000_0002).SetAddressSizePairs("r", 1, 0, (5, 0)).SetString("s", "hi");
        DeviceTree tree = b.Build();
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef }, tree.Root.GetProperty("c")!.Value.ToArray());
        Assert.Equal(new uint[] { 0, 1, 2 }, tree.Root.GetProperty("n")!.GetCells());
        Assert.Equal(new uint[] { 5 }, tree.Root.GetProperty("r")!.GetCells());
        Assert.Equal("hi", tree.Root.GetProperty("s")!.GetString());
    }

    [Fact]
    public void Values_that_do_not_fit_their_cells_are_refused()
    {
        var b = new DeviceTreeBuilder();
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Root.SetNumbers("n", 1, 0x1_0000_0000));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Root.SetAddressSizePairs("r", 1, 0, (1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Root.SetNumbers("n", 5, 1));
        Assert.Throws<ArgumentException>(() => b.Root.SetString("s", "a\0b"));
        Assert.Throws<InvalidOperationException>(() => b.Root.SetReg((1, 1)));
    }

    [Fact]
    public void Reg_uses_the_specification_defaults_when_the_parent_has_no_cell_counts()
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/dev@1").SetReg((1, 2));
        Assert.Equal(new uint[] { 0, 1, 2 }, b.Build().FindNode("/dev@1")!.GetProperty("reg")!.GetCells());
    }

    [Theory]
    [InlineData("soc")]
    [InlineData("")]
    [InlineData("/a//b")]
    public void Malformed_paths_are_argument_errors_naming_the_path(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => new DeviceTreeBuilder().AddNode(path));
        Assert.Contains($"'{path}'", e.Message);
    }

    [Fact]
    public void Missing_parent_and_duplicate_names_are_argument_errors()
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/soc");
        Assert.Contains("'/bus'", Assert.Throws<ArgumentException>(() => b.AddNode("/bus/x")).Message);
        Assert.Contains("already has a child named 'soc'", Assert.Throws<ArgumentException>(() => b.AddNode("/soc")).Message);
        Assert.Contains("No node has the path '/nope'", Assert.Throws<ArgumentException>(() => b.GetNode("/nope")).Message);
        Assert.Throws<ArgumentException>(() => b.RemoveNode("/"));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a@")]
    [InlineData("@1")]
    [InlineData("a@1@2")]
    [InlineData("a/b")]
    [InlineData("a#")]
    public void Illegal_node_names_are_refused(string name)
    {
        Assert.False(DeviceTreeNames.IsValidNodeName(name));
        Assert.Contains("not a valid node name", Assert.Throws<ArgumentException>(() => new DeviceTreeBuilder().Root.AddChild(name)).Message);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a@b")]
    [InlineData("")]
    [InlineData("é")]
    public void Illegal_property_names_are_refused(string name)
    {
        Assert.False(DeviceTreeNames.IsValidPropertyName(name));
        Assert.Throws<ArgumentException>(() => new DeviceTreeBuilder().Root.SetEmpty(name));
    }

    [Theory]
    [InlineData("node,with_punct.+-x@ff,1")]
    [InlineData("cpu@0")]
    public void Legal_node_names_are_accepted(string name) => Assert.True(DeviceTreeNames.IsValidNodeName(name));

    [Fact]
    public void Legal_property_names_are_accepted() => Assert.True(DeviceTreeNames.IsValidPropertyName("symbols,with-punct_.+?#x"));

    [Fact]
    public void Editing_a_read_tree_keeps_everything_else()
    {
        DeviceTree original = Board().Build();
        var b = new DeviceTreeBuilder(original);
        Assert.Null(DeviceTreeComparer.FindFirstDifference(original, b.Build()));
        b.GetNode("/soc/serial").SetString("status", "disabled");
        Assert.True(b.RemoveNode("/memory@40000000"));
        b.GetOrAddNode("/hypervisor").SetStringList("compatible", "xen,xen-4.19", "xen,xen");
        b.ReplaceMemoryReservations([new MemoryReservation(1, 2)]);
        DeviceTree edited = b.Build();
        Assert.Equal("disabled", edited.FindNode("/soc/serial@9000000")!.Status);
        Assert.Null(edited.FindNode("/memory@40000000"));
        Assert.Equal(new[] { "soc", "hypervisor" }, edited.Root.Children.Select(c => c.Name));
        Assert.Equal(new[] { new MemoryReservation(1, 2) }, edited.MemoryReservations);
        Assert.Equal("okay", original.FindNode("/soc/serial@9000000")!.Status ?? "okay");
        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(original, edited);
        Assert.NotNull(difference);
        Assert.Equal(string.Empty, difference.Path);
    }

    [Fact]
    public void Zero_zero_reservation_is_refused_by_builder_and_writer()
    {
        Assert.Throws<ArgumentException>(() => new DeviceTreeBuilder().AddMemoryReservation(0, 0));
        var tree = new DeviceTree(new DeviceTreeNode(string.Empty), [new MemoryReservation(0, 0)]);
        Assert.Throws<ArgumentException>(() => DtbWriter.Write(tree));
    }

    [Fact]
    public void Comparer_reports_the_first_difference_by_path()
    {
        DeviceTree a = Board().Build();
        DeviceTreeBuilder b = Board();
        b.GetNode("/soc/serial@9000000").SetUInt32("clock-frequency", 24000000);
        DeviceTreeDifference? d = DeviceTreeComparer.FindFirstDifference(a, b.Build());
        Assert.NotNull(d);
        Assert.Equal("/soc/serial@9000000", d.Path);
        Assert.Equal("clock-frequency", d.PropertyName);
        b = Board();
        b.GetNode("/memory@40000000").SetReg((0x40000000, 0x1000));
        d = DeviceTreeComparer.FindFirstDifference(a, b.Build());
        Assert.Equal("/memory@40000000", d!.Path);
        Assert.Equal("reg", d.PropertyName);
        Assert.True(DeviceTreeComparer.AreEqual(a, Board().Build()));
    }

    [Fact]
    public void Properties_can_be_set_and_removed_by_path()
    {
        DeviceTreeBuilder b = Board();
        b.SetProperty("/soc/serial@9000000", "clock-frequency", new byte[] { 0, 0, 0, 1 });
        Assert.True(b.RemoveProperty("/soc", "ranges"));
        DeviceTree tree = b.Build();
        Assert.Equal(1u, tree.FindNode("/soc/serial@9000000")!.GetProperty("clock-frequency")!.GetUInt32());
        Assert.False(tree.FindNode("/soc")!.HasProperty("ranges"));
        Assert.Contains("'/nope'", Assert.Throws<ArgumentException>(() => b.SetProperty("/nope", "x", default)).Message);
    }

    [Fact]
    public void A_node_can_be_replaced_by_a_copied_subtree_in_place()
    {
        DeviceTree donor = Board().Build();
        var b = new DeviceTreeBuilder();
        b.AddNode("/soc").SetEmpty("old");
        b.AddNode("/z");
        b.ReplaceNode("/soc", donor.FindNode("/soc")!);
        DeviceTree tree = b.Build();
        Assert.Equal(new[] { "soc", "z" }, tree.Root.Children.Select(c => c.Name));
        Assert.Null(DeviceTreeComparer.FindFirstDifference(donor.FindNode("/soc")!, tree.FindNode("/soc")!));
        Assert.Throws<ArgumentException>(() => b.ReplaceNode("/other", donor.FindNode("/soc")!));
    }
}
