using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Random trees: print with our writer, read back with our reader, and compare.</summary>
public sealed class DtsRoundTripPropertyTests
{
    private static readonly Gen<string> Name =
        Gen.Char["abcxyz0123456789,._+-"].Array[1, 8].Select(c => "n" + new string(c));

    // Values that exercise every guess: strings, cells, bytes, empty, and awkward mixtures.
    private static readonly Gen<byte[]> Value = Gen.OneOf(
        Gen.Byte.Array[0, 24],
        Gen.Char["abc \t\n\\\"'"].Array[0, 6].Select(c => System.Text.Encoding.ASCII.GetBytes(new string(c) + "\0")),
        Gen.UInt.Array[1, 4].Select(cells => cells.SelectMany(c => new[] { (byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c }).ToArray()),
        Gen.Byte[0, 2].Array[1, 8]);

    private static readonly Gen<DeviceTreeProperty[]> Properties =
        Gen.Select(Name, Value).Array[0, 5].Select(ps => ps
            .GroupBy(p => p.Item1)
            .Select(g => new DeviceTreeProperty(g.Key, g.First().Item2))
            .ToArray());

    private static Gen<DeviceTreeNode> Node(int depth) =>
        depth == 0
            ? Gen.Select(Name, Properties, (n, p) => new DeviceTreeNode(n, p))
            : Gen.Select(Name, Properties, Gen.Int[0, 3].SelectMany(count => Node(depth - 1).Array[count]), (n, p, children) =>
                new DeviceTreeNode(n, p, children.GroupBy(c => c.Name).Select(g => g.First()).ToArray()));

    private static readonly Gen<DeviceTree> Tree =
        Gen.Select(Properties, Node(2).Array[0, 3], Gen.Select(Gen.ULong, Gen.ULong).Array[0, 3], (p, children, reservations) =>
            new DeviceTree(
                new DeviceTreeNode(string.Empty, p, children.GroupBy(c => c.Name).Select(g => g.First()).ToArray()),
                reservations.Select(r => new MemoryReservation(r.Item1, r.Item2))));

    [Fact]
    public void Printed_trees_parse_back_equal()
    {
        Tree.Sample(
            tree =>
            {
                foreach (DtsStringListStyle style in new[] { DtsStringListStyle.EmbeddedNul, DtsStringListStyle.Separate })
                {
                    string text = DtsWriter.Write(tree, new DtsWriterOptions { StringListStyle = style });
                    string? difference = TreeComparison.FirstDifference(tree, DtsReader.Parse(text));
                    if (difference is not null)
                    {
                        throw new Xunit.Sdk.XunitException(difference + "\n" + text);
                    }
                }
            },
            iter: 300);
    }

    [Fact]
    public void Printing_is_stable_after_one_round_trip()
    {
        Tree.Sample(
            tree =>
            {
                string once = DtsWriter.Write(tree);
                Assert.Equal(once, DtsWriter.Write(DtsReader.Parse(once)));
            },
            iter: 300);
    }
}
