using System.Linq;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>
/// Issue 13, "no quadratic paths": labels and references in the DTS reader under <see cref="DtsReaderOptions.Untrusted"/>.
/// Not timed: each case takes well under a second, but with a scan of a node's labels per label or per reference
/// (as before the label set) 200 000 labels took minutes, so a quadratic regression shows as a hung test run.
/// </summary>
public sealed class DtsReaderGrowthTests
{
    private const int Many = 200_000;

    [Fact]
    public void Two_hundred_thousand_labels_on_one_node_each_referenced()
    {
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        for (int i = 0; i < Many; i++)
        {
            text.Append('l').Append(i).Append(": ");
        }

        text.Append("target { };\n user { refs = <");
        for (int i = Many - 1; i >= 0; i--)
        {
            text.Append(" &l").Append(i);
        }

        text.Append(">; path = &l7; };\n};\n");

        // Labels repeated on the node, and a reopening by label, must neither duplicate nor rescan.
        text.Append("l5: l5: &l199999 { extra; };\n");

        DeviceTree tree = DtsReader.Parse(text.ToString(), options: DtsReaderOptions.Untrusted);
        DeviceTreeNode target = tree.FindNode("/target")!;
        Assert.Equal(1u, target.Phandle);
        Assert.NotNull(target.GetProperty("extra"));
        DeviceTreeNode user = tree.FindNode("/user")!;
        uint[] refs = user.GetProperty("refs")!.GetCells();
        Assert.Equal(Many, refs.Length);
        Assert.All(refs, r => Assert.Equal(1u, r));
        Assert.Equal("/target", user.GetProperty("path")!.GetString());
    }

    [Fact]
    public void Sixty_thousand_labelled_nodes_each_referenced_by_label()
    {
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        const int nodes = 60_000; // under Untrusted's 64 Ki nodes
        for (int i = 0; i < nodes; i++)
        {
            text.Append('a').Append(i).Append(": b").Append(i).Append(": n").Append(i).Append(" { };\n");
        }

        text.Append("u { refs = <");
        for (int i = 0; i < nodes; i++)
        {
            text.Append(" &b").Append(i);
        }

        text.Append(">; };\n};\n");
        DeviceTree tree = DtsReader.Parse(text.ToString(), options: DtsReaderOptions.Untrusted);
        uint[] refs = tree.FindNode("/u")!.GetProperty("refs")!.GetCells();
        Assert.Equal(Enumerable.Range(1, nodes).Select(i => (uint)i), refs);
    }

    [Fact]
    public void Two_hundred_thousand_labels_on_a_deep_node_still_report_a_duplicate()
    {
        // The duplicate-label check builds the owner's path once per node, not once per label.
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        const int depth = 60;
        for (int d = 0; d < depth; d++)
        {
            text.Append("d { ");
        }

        for (int i = 0; i < Many; i++)
        {
            text.Append('l').Append(i).Append(": ");
        }

        text.Append("leaf { };");
        for (int d = 0; d < depth; d++)
        {
            text.Append(" };");
        }

        text.Append("\nl123: other { };\n};\n");
        DtsSyntaxException ex = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(text.ToString(), options: DtsReaderOptions.Untrusted));
        Assert.Contains("Duplicate label 'l123'", ex.Message);
    }

    [Fact]
    public void A_label_moved_through_thousands_of_deleted_nodes_resolves_without_a_scan_per_reference()
    {
        // Each deleted owner stays listed (in case it is revived and relabelled); a reference used to walk past all
        // of them, which for 30 000 owners and 30 000 references took seconds and grew quadratically.
        const int moves = 30_000;
        var text = new StringBuilder("/dts-v1/;\n");
        for (int i = 0; i < moves; i++)
        {
            text.Append("/ { x: n").Append(i).Append(" { }; };\n/delete-node/ &x;\n");
        }

        // n5 comes back (deleted nodes lose their labels) and takes x again: it is the label's earliest owner.
        text.Append("/ { x: last { }; n5 { }; };\n/ { x: n5 { }; u { r = <");
        for (int i = 0; i < moves; i++)
        {
            text.Append(" &x");
        }

        text.Append(">; }; };\n/delete-node/ &x;\n/ { v = &x; };\n");
        DeviceTree tree = DtsReader.Parse(text.ToString(), options: DtsReaderOptions.Untrusted);
        Assert.Null(tree.FindNode("/n5"));
        Assert.Equal(1u, tree.FindNode("/last")!.Phandle);
        Assert.Equal("/last", tree.Root.GetProperty("v")!.GetString());
        Assert.All(tree.FindNode("/u")!.GetProperty("r")!.GetCells(), r => Assert.Equal(1u, r));
    }
}
