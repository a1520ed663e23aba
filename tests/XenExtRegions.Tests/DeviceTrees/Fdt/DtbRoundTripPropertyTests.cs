using System;
using System.Collections.Generic;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Fdt;

/// <summary>Random trees, built straight from model constructors (not the builder), through the writer and reader.</summary>
public sealed class DtbRoundTripPropertyTests
{
    private static readonly string[] NodeNames = ["cpu", "memory", "soc", "serial", "a", "pci", "node,x_y.z+w-v", "é"];
    private static readonly string[] PropertyNames = ["reg", "compatible", "#address-cells", "ranges", "status", "x", "linux,phandle", "ä?#", "a-very-long-property-name-for-the-strings-block"];

    private static readonly Gen<(int Name, byte[] Value)[]> Properties =
        Gen.Select(Gen.Int[0, PropertyNames.Length - 1], Gen.Byte.Array[0, 24]).Array[0, 6];

    private static readonly Gen<(int Parent, int Name, bool Unit, (int Name, byte[] Value)[] Properties)[]> Nodes =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, NodeNames.Length - 1], Gen.Bool, Properties).Array[1, 25];

    private static readonly Gen<DeviceTree> Trees =
        Gen.Select(Nodes, Gen.Select(Gen.ULong, Gen.ULong[1, ulong.MaxValue]).Array[0, 4], Gen.UInt)
            .Select(t => Compose(t.Item1, t.Item2, t.Item3));

    private static DeviceTree Compose((int Parent, int Name, bool Unit, (int Name, byte[] Value)[] Properties)[] specs, (ulong, ulong)[] reservations, uint bootCpu)
    {
        // A node asking for a unit address, or whose name a sibling has, gets one from its number.
        (List<int>[] children, string[] names) = RandomTreeShape.Lay(specs.Length, i => specs[i].Parent,
            i => specs[i].Unit ? FormattableString.Invariant($"{NodeNames[specs[i].Name]}@{i:x}") : NodeNames[specs[i].Name],
            (i, name) => FormattableString.Invariant($"{name}@{i:x}"));

        DeviceTreeNode root = RandomTreeShape.Build(children, (i, kids) =>
        {
            var properties = new List<DeviceTreeProperty>();
            var seen = new HashSet<string>();
            foreach ((int name, byte[] value) in specs[i].Properties)
            {
                if (seen.Add(PropertyNames[name]))
                {
                    properties.Add(new DeviceTreeProperty(PropertyNames[name], value));
                }
            }

            return new DeviceTreeNode(names[i], properties, kids);
        });

        return new DeviceTree(root, Array.ConvertAll(reservations, r => new MemoryReservation(r.Item1, r.Item2)), bootCpu);
    }

    [Fact]
    public void Write_then_read_gives_an_equal_tree()
    {
        Trees.Sample(tree =>
        {
            DeviceTree back = DtbReader.Read(DtbWriter.Write(tree));
            DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(tree, back);
            Assert.True(difference is null, difference?.ToString());
        }, iter: 300);
    }

    [Fact]
    public void Write_read_write_is_byte_identical()
    {
        Trees.Sample(tree =>
        {
            byte[] first = DtbWriter.Write(tree, new DtbWriterOptions { ExtraFreeSpace = 13 });
            byte[] second = DtbWriter.Write(DtbReader.Read(first), new DtbWriterOptions { ExtraFreeSpace = 13 });
            Assert.True(first.AsSpan().SequenceEqual(second));
        }, iter: 300);
    }

    [Fact]
    public void Builder_copy_of_a_tree_is_equal_to_it()
    {
        Trees.Sample(tree => Assert.True(DeviceTreeComparer.AreEqual(tree, new DeviceTreeBuilder(tree).Build())), iter: 200);
    }
}
