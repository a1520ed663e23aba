using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Building;

/// <summary>
/// The builder's contract at its edges: which reservations, paths, names, cell counts and phandles it takes or
/// refuses (and how the refusal reads), what a removed or replaced node becomes, and labels kept through edits.
/// </summary>
public sealed class DeviceTreeBuilderEdgeTests
{
    [Fact]
    public void Only_the_zero_zero_reservation_is_refused()
    {
        var b = new DeviceTreeBuilder();
        b.AddMemoryReservation(0, 0x1000).AddMemoryReservation(0x2000, 0).AddMemoryReservation(0x3000, 0x10).AddMemoryReservation(0x3000, 0x10);
        Assert.Equal(4, b.MemoryReservations.Count);
        ArgumentException e = Assert.Throws<ArgumentException>(() => b.AddMemoryReservation(0, 0));
        Assert.Contains("block terminator", e.Message, StringComparison.Ordinal);

        Assert.True(b.RemoveMemoryReservation(new MemoryReservation(0x3000, 0x10)));
        Assert.False(b.RemoveMemoryReservation(new MemoryReservation(0x3000, 0x10)));
        Assert.Equal(new[] { new MemoryReservation(0, 0x1000), new MemoryReservation(0x2000, 0) }, b.MemoryReservations);

        b.ReplaceMemoryReservations([new MemoryReservation(0, 1), new MemoryReservation(1, 0)]);
        Assert.Equal(2, b.Build().MemoryReservations.Count);
        Assert.Throws<ArgumentException>(() => b.ReplaceMemoryReservations([new MemoryReservation(5, 5), new MemoryReservation(0, 0)]));
        Assert.Equal(2, b.MemoryReservations.Count); // a refused replacement changes nothing
        Assert.Throws<ArgumentNullException>(() => b.ReplaceMemoryReservations(null!));
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var b = new DeviceTreeBuilder();
        Assert.Throws<ArgumentNullException>(() => new DeviceTreeBuilder(null!));
        Assert.Throws<ArgumentNullException>(() => b.FindNode(null!));
        Assert.Throws<ArgumentNullException>(() => b.ReplaceNode("/a", null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.GetChild(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.AddChild(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.AddOrReplaceChild(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.GetOrAddChild(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.RemoveChild(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetBytes(null!, default));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetCells("c", null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetNumbers("n", 1, null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetAddressSizePairs("r", 1, 1, null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetStringList("s", null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.SetPhandleReference("p", null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.AddLabel(null!));
        Assert.Throws<ArgumentNullException>(() => b.Root.RemoveLabel(null!));
    }

    [Theory]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("/a//")]
    public void A_trailing_or_doubled_slash_is_an_empty_component(string path)
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/a");
        ArgumentException e = Assert.Throws<ArgumentException>(() => b.FindNode(path));
        Assert.Equal($"'{path}' has an empty path component. (Parameter 'path')", e.Message);
    }

    [Fact]
    public void Path_refusals_name_the_path_and_the_cause()
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/a").AddChild("b");
        Assert.Same(b.Root, b.FindNode("/"));
        Assert.Equal("'a' is not an absolute node path (it must start with '/'). (Parameter 'path')", Assert.Throws<ArgumentException>(() => b.FindNode("a")).Message);
        Assert.StartsWith("The root node already exists.", Assert.Throws<ArgumentException>(() => b.AddNode("/")).Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot add '/x/y': its parent '/x' does not exist.", Assert.Throws<ArgumentException>(() => b.AddNode("/x/y")).Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot put '/a/x/y': its parent '/a/x' does not exist.", Assert.Throws<ArgumentException>(() => b.ReplaceNode("/a/x/y", new DeviceTreeNode("y"))).Message, StringComparison.Ordinal);
        Assert.StartsWith("The path '/a/b' ends in 'b' but the subtree is named 'c'.", Assert.Throws<ArgumentException>(() => b.ReplaceNode("/a/b", new DeviceTreeNode("c"))).Message, StringComparison.Ordinal);
        Assert.StartsWith("The root node cannot be removed.", Assert.Throws<ArgumentException>(() => b.RemoveNode("/")).Message, StringComparison.Ordinal);
        Assert.False(b.RemoveNode("/a/none"));
        Assert.StartsWith("Node /a already has a child named 'b'.", Assert.Throws<ArgumentException>(() => b.AddNode("/a/b")).Message, StringComparison.Ordinal);
        Assert.Same(b.GetNode("/a/b"), b.GetOrAddNode("/a/b"));
        Assert.Equal("/a/new/deeper", b.GetOrAddNode("/a/new/deeper").Path);
    }

    [Fact]
    public void Name_refusals_name_the_parent()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder a = b.AddNode("/a");
        Assert.StartsWith("'x y' is not a valid node name under /a: use letters, digits and ,._+- with at most one @unit-address.", Assert.Throws<ArgumentException>(() => a.AddChild("x y")).Message, StringComparison.Ordinal);
        Assert.StartsWith("'p q' is not a valid property name in /a: use letters, digits and ,._+?#-.", Assert.Throws<ArgumentException>(() => a.SetEmpty("p q")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azAZ09,._+-", true, true)]
    [InlineData("a@zZ09,._+-", true, false)]
    [InlineData("#a?", false, true)]
    [InlineData("a`", false, false)]
    [InlineData("a{", false, false)]
    [InlineData("a[", false, false)]
    [InlineData("a:", false, false)]
    [InlineData("a/", false, false)]
    [InlineData("@", false, false)]
    [InlineData(null, false, false)]
    public void Names_take_exactly_the_specifications_characters(string? name, bool node, bool property)
    {
        Assert.Equal(node, DeviceTreeNames.IsValidNodeName(name));
        Assert.Equal(property, DeviceTreeNames.IsValidPropertyName(name));
    }

    [Fact]
    public void A_removed_or_replaced_node_leaves_the_tree()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder old = b.AddNode("/a");
        DeviceTreeNodeBuilder removed = b.AddNode("/r");
        DeviceTreeNodeBuilder replacement = b.ReplaceNode("/a", new DeviceTreeNode("a", [new DeviceTreeProperty("v", [1])]));
        Assert.True(b.RemoveNode("/r"));

        Assert.Null(old.Parent);
        Assert.Null(removed.Parent);
        Assert.Same(b.Root, replacement.Parent);
        Assert.Equal("/", removed.Path);
        Assert.Equal("/a", replacement.ToString());
        Assert.Throws<ArgumentException>(() => replacement.SetPhandleReference("p", old));
        Assert.Equal(new[] { "a" }, b.Build().Root.Children.Select(c => c.Name));
    }

    [Fact]
    public void Property_reads_give_the_value_or_nothing()
    {
        var b = new DeviceTreeBuilder();
        b.Root.SetUInt32("p", 7);
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, b.Root.GetPropertyValue("p")!.Value.ToArray());
        Assert.Null(b.Root.GetPropertyValue("q"));
        Assert.False(b.Root.HasProperty("q"));
        Assert.Equal("p", Assert.Single(b.Root.Properties).Key);
    }

    [Fact]
    public void Cell_counts_and_widths_have_their_ranges()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder n = b.Root;
        n.SetNumbers("one", 1, 0xffffffff).SetNumbers("two", 2, 0x1_0000_0002).SetNumbers("four", 4, 0x1_0000_0002).SetAddressSizePairs("r", 4, 0, (3, 0));
        DeviceTreeNode built = b.Build().Root;
        Assert.Equal(new uint[] { 0xffffffff }, built.GetProperty("one")!.GetCells());
        Assert.Equal(new uint[] { 1, 2 }, built.GetProperty("two")!.GetCells());
        Assert.Equal(new uint[] { 0, 0, 1, 2 }, built.GetProperty("four")!.GetCells());
        Assert.Equal(new uint[] { 0, 0, 0, 3 }, built.GetProperty("r")!.GetCells());

        ArgumentOutOfRangeException zero = Assert.Throws<ArgumentOutOfRangeException>(() => n.SetNumbers("n", 0, 1));
        Assert.StartsWith("A cell count must be 1 to 4.", zero.Message, StringComparison.Ordinal);
        Assert.Equal("cellsPerNumber", zero.ParamName);
        Assert.Equal("addressCells", Assert.Throws<ArgumentOutOfRangeException>(() => n.SetAddressSizePairs("r", -1, 0)).ParamName);
        Assert.Equal("sizeCells", Assert.Throws<ArgumentOutOfRangeException>(() => n.SetAddressSizePairs("r", 1, 5)).ParamName);
        Assert.StartsWith("A cell count must be 0 to 4.", Assert.Throws<ArgumentOutOfRangeException>(() => n.SetAddressSizePairs("r", 1, 5)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Property 'r' of /: 0x1 does not fit in 0 cell(s).", Assert.Throws<ArgumentOutOfRangeException>(() => n.SetAddressSizePairs("r", 0, 1, (1, 1))).Message, StringComparison.Ordinal);
        Assert.StartsWith("Property 'n' of /: 0x100000000 does not fit in 1 cell(s).", Assert.Throws<ArgumentOutOfRangeException>(() => n.SetNumbers("n", 1, 0x1_0000_0000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reg_takes_the_parents_one_cell_counts_and_defaults_otherwise()
    {
        var b = new DeviceTreeBuilder();
        b.AddNode("/bus").SetUInt32("#address-cells", 1).SetCells("#size-cells", 0, 0);
        b.GetOrAddNode("/bus/dev").SetReg((5, 6));
        b.AddNode("/wide").SetUInt32("#address-cells", 3).SetUInt32("#size-cells", 0);
        b.GetOrAddNode("/wide/dev").SetReg((7, 0));
        DeviceTree tree = b.Build();
        Assert.Equal(new uint[] { 5, 6 }, tree.FindNode("/bus/dev")!.GetProperty("reg")!.GetCells()); // #size-cells is not one cell: 1
        Assert.Equal(new uint[] { 0, 0, 7 }, tree.FindNode("/wide/dev")!.GetProperty("reg")!.GetCells());
        b.AddNode("/huge").SetUInt32("#address-cells", 0xffffffff);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.GetOrAddNode("/huge/dev").SetReg((1, 1)));
    }

    [Fact]
    public void String_values_name_the_property_and_node_when_refused()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder n = b.AddNode("/n");
        Assert.StartsWith("Property 's' of /n: a string value must not be null or contain NUL.", Assert.Throws<ArgumentException>(() => n.SetStringList("s", "ok", null!)).Message, StringComparison.Ordinal);
        ArgumentException surrogate = Assert.Throws<ArgumentException>(() => n.SetString("s", "\ud800"));
        Assert.StartsWith("Property 's' of /n: ", surrogate.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(surrogate.InnerException);
        Assert.Equal("values", surrogate.ParamName);
        n.SetStringList("l", "a", "", "b");
        Assert.Equal(new byte[] { (byte)'a', 0, 0, (byte)'b', 0 }, b.Build().FindNode("/n")!.GetProperty("l")!.Value.ToArray());
    }

    [Fact]
    public void Phandles_count_linux_phandle_and_ignore_invalid_values()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder legacy = b.AddNode("/legacy").SetUInt32("linux,phandle", 9);
        DeviceTreeNodeBuilder zero = b.AddNode("/zero").SetUInt32("phandle", 0);
        DeviceTreeNodeBuilder all = b.AddNode("/all").SetUInt32("phandle", 0xffffffff);
        b.AddNode("/short").SetBytes("phandle", new byte[] { 0, 0, 0x10 });
        Assert.Equal(9u, legacy.EnsurePhandle());
        Assert.Equal(10u, zero.EnsurePhandle()); // 0 and 0xffffffff are no phandles, and the 3-byte value is none either
        Assert.Equal(11u, all.EnsurePhandle());
        Assert.Equal(11u, all.EnsurePhandle());

        var full = new DeviceTreeBuilder();
        full.AddNode("/top").SetUInt32("phandle", 0xfffffffd);
        Assert.Equal(0xfffffffeu, full.AddNode("/last").EnsurePhandle());
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => full.AddNode("/none").EnsurePhandle());
        Assert.Equal("No phandle value is left to allocate.", e.Message);
        Assert.StartsWith("Node /legacy is not in the same tree as /top.", Assert.Throws<ArgumentException>(() => full.GetNode("/top").SetPhandleReference("p", b.GetNode("/legacy"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_are_kept_once_in_order_and_removed_even_when_a_node_has_many()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder n = b.AddNode("/n");
        List<string> labels = Enumerable.Range(0, 12).Select(i => "l" + i).ToList();
        foreach (string label in labels)
        {
            n.AddLabel(label).AddLabel(label);
        }

        Assert.Equal(labels, n.Labels);
        Assert.True(n.RemoveLabel("l3"));
        Assert.False(n.RemoveLabel("l3"));
        Assert.False(n.RemoveLabel("nope"));
        n.AddLabel("l3");
        Assert.Equal(labels.Where(l => l != "l3").Append("l3"), b.Build().FindNode("/n")!.Labels);
        Assert.Contains("'1x' is not a DTS label", Assert.Throws<ArgumentException>(() => n.AddLabel("1x")).Message, StringComparison.Ordinal);
        Assert.Empty(b.Root.Labels);
        Assert.False(b.Root.RemoveLabel("l0"));
    }

    [Fact]
    public void A_removed_property_takes_its_labels_with_it()
    {
        DeviceTree source = DtsReader.Parse("/dts-v1/;\n/ { n { a: p = <1>; b: q = <2>; }; };\n");
        var b = new DeviceTreeBuilder(source);
        Assert.True(b.RemoveProperty("/n", "p"));
        b.SetProperty("/n", "p", new byte[] { 0, 0, 0, 3 });
        DeviceTreeNode n = b.Build().FindNode("/n")!;
        Assert.Empty(n.GetProperty("p")!.Labels);
        Assert.Equal(new[] { "b" }, n.GetProperty("q")!.Labels);
    }
}
