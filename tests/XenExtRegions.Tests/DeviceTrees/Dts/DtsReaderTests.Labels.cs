using System.Linq;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Labels in the model: read from DTS in dtc's order, printed back, none from blobs, outside equality.</summary>
public sealed class DtsReaderLabelTests
{
    [Fact]
    public void A_new_node_keeps_its_labels_as_written_and_later_definitions_put_theirs_in_front_one_by_one()
    {
        // As dtc 1.6.1 prints it: r: q: p: x: y: n and d: c: a: b: p.
        DeviceTree tree = Parse("/ { x: y: n { a: b: p = <1>; }; };\n/ { p: q: n { c: d: p = <2>; }; };\nr: &x { };");
        Assert.Equal(new[] { "r", "q", "p", "x", "y" }, tree.FindNode("/n")!.Labels);
        Assert.Equal(new[] { "d", "c", "a", "b" }, tree.FindNode("/n")!.GetProperty("p")!.Labels);
    }

    [Fact]
    public void A_deleted_node_revived_keeps_only_the_labels_taken_again_in_their_old_place()
    {
        DeviceTree tree = Parse("/ { x: y: n { }; };\n/delete-node/ &x;\n/ { z: y: n { }; };");
        Assert.Equal(new[] { "z", "y" }, tree.FindNode("/n")!.Labels);
    }

    [Fact]
    public void Labels_inside_values_are_not_property_labels()
    {
        DeviceTree tree = Parse("/ { p = <1 mid: 2>, end: \"s\"; };");
        Assert.Empty(tree.Root.GetProperty("p")!.Labels);
    }

    [Fact]
    public void A_label_inside_a_value_clashes_with_the_same_label_on_its_property()
    {
        DtsSyntaxException ex = Error("/dts-v1/;\n/ { n { x: p = <x: 1>; }; };");
        Assert.Contains("Duplicate label 'x'", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_replaced_value_takes_its_labels_away()
    {
        DeviceTree tree = Parse("/ { n { p = <x: 1>; }; };\n/ { n { p = <2>; }; m { q = <x: 3>; }; };");
        Assert.Equal(Bytes(0, 0, 0, 3), Value(tree, "/m", "q"));
    }

    [Fact]
    public void The_writer_prints_labels_before_names_and_they_read_back()
    {
        DeviceTree tree = Parse("/ { a: b: n { m: mac = [00 11]; }; };");
        string text = DtsWriter.Write(tree);
        Assert.Contains("\ta: b: n {\n", text, System.StringComparison.Ordinal);
        Assert.Contains("\t\tm: mac = [00 11];\n", text, System.StringComparison.Ordinal);
        DeviceTree back = DtsReader.Parse(text, "back.dts");
        Assert.Equal(new[] { "a", "b" }, back.FindNode("/n")!.Labels);
        Assert.Equal(new[] { "m" }, back.FindNode("/n")!.GetProperty("mac")!.Labels);
    }

    [Fact]
    public void Blobs_have_no_labels_and_labels_do_not_take_part_in_equality()
    {
        DeviceTree source = Parse("/ { a: n { m: p; }; };");
        DeviceTree blob = DtbReader.Read(DtbWriter.Write(source));
        Assert.Empty(blob.FindNode("/n")!.Labels);
        Assert.Empty(blob.FindNode("/n")!.GetProperty("p")!.Labels);
        Assert.True(DeviceTreeComparer.AreEqual(source, blob));
    }

    [Fact]
    public void The_builder_keeps_labels_through_edits_and_drops_a_removed_propertys()
    {
        var builder = new DeviceTreeBuilder(Parse("/ { a: n { m: p = <1>; k: q; }; };"));
        builder.SetProperty("/n", "p", new byte[] { 0, 0, 0, 2 });
        builder.RemoveProperty("/n", "q");
        builder.GetNode("/n").AddLabel("extra").AddLabel("a");
        builder.AddNode("/n/child").AddLabel("kid");
        DeviceTree tree = builder.Build();
        Assert.Equal(new[] { "a", "extra" }, tree.FindNode("/n")!.Labels);
        Assert.Equal(new[] { "m" }, tree.FindNode("/n")!.GetProperty("p")!.Labels);
        builder.GetNode("/n").SetBytes("q", default);
        Assert.Empty(builder.Build().FindNode("/n")!.GetProperty("q")!.Labels);
        Assert.Equal(new[] { "kid" }, tree.FindNode("/n/child")!.Labels);
        Assert.True(builder.GetNode("/n").RemoveLabel("extra"));
        Assert.Equal(new[] { "a" }, builder.Build().FindNode("/n")!.Labels);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("a:b")]
    public void The_builder_refuses_labels_DTS_cannot_spell(string label)
    {
        var builder = new DeviceTreeBuilder();
        Assert.Throws<System.ArgumentException>(() => builder.Root.AddLabel(label));
    }

    [Fact]
    public void The_writer_refuses_a_label_used_twice()
    {
        var builder = new DeviceTreeBuilder();
        builder.AddNode("/a").AddLabel("same");
        builder.AddNode("/b").AddLabel("same");
        DtsWriteException ex = Assert.Throws<DtsWriteException>(() => DtsWriter.Write(builder.Build()));
        Assert.Contains("'same'", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Many_labels_on_one_node_read_and_print_in_linear_work()
    {
        // 20 000 labels, each added, deleted and taken again: a scan per label would be 10^8 steps.
        var text = new System.Text.StringBuilder("/ { ");
        for (int i = 0; i < 20000; i++)
        {
            text.Append('l').Append(i).Append(": ");
        }

        text.Append("n { }; };\n/delete-node/ &l0;\n/ { ");
        for (int i = 0; i < 20000; i++)
        {
            text.Append('l').Append(i).Append(": ");
        }

        text.Append("n { }; };");
        DeviceTree tree = Parse(text.ToString());
        Assert.Equal(20000, tree.FindNode("/n")!.Labels.Count);
        Assert.Equal("l0", tree.FindNode("/n")!.Labels[0]);
        Assert.Equal(20000, DtsReader.Parse(DtsWriter.Write(tree), "back.dts").FindNode("/n")!.Labels.Count);
    }
}
