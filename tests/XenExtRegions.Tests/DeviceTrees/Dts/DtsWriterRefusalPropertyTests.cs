using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>For random trees with names and phandles from a wide alphabet: the writer refuses, or its text reads back equal.</summary>
public sealed class DtsWriterRefusalPropertyTests
{
    // Mostly DTS name characters, with the DTS punctuation, controls and non-ASCII a blob may also carry.
    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.Char["abz09,._+*#?@-"].Array[1, 6].Select(c => new string(c)),
        Gen.Char["ab#0 ;:{}=\"/<>&\\'()[]$\t\n\0\u0080\u00e9\ufffd"].Array[0, 5].Select(c => new string(c)),
        Gen.OneOf(Gen.Const("#include"), Gen.Const("#if"), Gen.Const("#12"), Gen.Const("#line"), Gen.Const("0x1"), Gen.Const("phandle"), Gen.Const("linux,phandle")));

    private static readonly Gen<byte[]> Value = Gen.OneOf(
        Gen.Byte.Array[0, 9],
        Gen.Byte[0, 3].Array[4],
        Gen.Const(new byte[] { 0xff, 0xff, 0xff, 0xff }));

    private static readonly Gen<DeviceTreeProperty[]> Properties =
        Gen.Select(Name, Value).Array[0, 4].Select(ps => ps
            .Where(p => p.Item1.Length > 0)
            .GroupBy(p => p.Item1, System.StringComparer.Ordinal)
            .Select(g => new DeviceTreeProperty(g.Key, g.First().Item2))
            .ToArray());

    private static Gen<DeviceTreeNode> Node(int depth) =>
        depth == 0
            ? Gen.Select(Name, Properties, (n, p) => new DeviceTreeNode(n, p))
            : Gen.Select(Name, Properties, Gen.Int[0, 3].SelectMany(count => Node(depth - 1).Array[count]), (n, p, children) =>
                new DeviceTreeNode(n, p, children.GroupBy(c => c.Name, System.StringComparer.Ordinal).Select(g => g.First()).ToArray()));

    private static readonly Gen<DeviceTree> Tree =
        Gen.Select(Properties, Node(2).Array[0, 3], (p, children) =>
            new DeviceTree(new DeviceTreeNode(string.Empty, p, children.GroupBy(c => c.Name, System.StringComparer.Ordinal).Select(g => g.First()).ToArray())));

    [Fact]
    public void The_writer_refuses_or_its_text_reads_back_equal()
    {
        int written = 0;
        Tree.Sample(
            tree =>
            {
                string text;
                try
                {
                    text = DtsWriter.Write(tree);
                }
                catch (DtsWriteException)
                {
                    return;
                }

                System.Threading.Interlocked.Increment(ref written);
                DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(tree, DtsReader.Parse(text, "t.dts", DtsReaderOptions.Untrusted));
                Assert.True(difference is null, difference + "\n" + text);
            },
            iter: 1000);

        // Both outcomes are exercised, so the property is not vacuous.
        Assert.InRange(written, 50, 950);
    }
}
