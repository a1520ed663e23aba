using System;
using System.Numerics;
using System.Runtime.InteropServices;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// Our side of the DTB rows, each returning a checksum. The walks sum what the C peers sum (node name, property name
/// and value lengths), so the checksums of both sides must agree; the touching walk adds each value's first byte.
/// </summary>
internal static class OurPaths
{
    private static readonly ExtendedRegionsEngine Engine = new();

    /// <summary>Every token with <see cref="FdtReader"/>.</summary>
    public static long Walk(byte[] blob)
    {
        var reader = new FdtReader(blob);
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.NodeName.Length + reader.PropertyName.Length + reader.PropertyValue.Length;
        }

        return sum;
    }

    /// <summary>Every token with <see cref="FdtReader.Walk{TVisitor}(ref TVisitor)"/> and a struct visitor summing the same lengths.</summary>
    public static long WalkVisitor(byte[] blob)
    {
        var reader = new FdtReader(blob);
        var sum = default(LengthSum);
        reader.Walk(ref sum);
        return sum.Sum;
    }

    /// <summary>The tree model, nothing touched.</summary>
    public static long Build(byte[] blob)
    {
        DeviceTree tree = DtbReader.Read(blob);
        GC.KeepAlive(tree);
        return 1;
    }

    /// <summary>The tree model, then every node's name and every property's name, length and first byte.</summary>
    public static long BuildAndTouch(byte[] blob) => Touch(DtbReader.Read(blob));

    /// <summary>The tree model, then the same touches through the allocation-free property views.</summary>
    public static long BuildAndTouchViews(byte[] blob) => TouchViews(DtbReader.Read(blob));

    /// <summary>What <c>dom0 --iommu</c> computes: read, Xen's boot scan and described windows, find_memory_holes.</summary>
    public static long IommuHoles(byte[] blob)
    {
        DeviceTree tree = DtbReader.Read(blob);
        ExtendedRegionsInput input = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 40 }.WithHostDeviceTree(tree);
        return Engine.Compute(input).Regions.Count;
    }

    /// <summary>The memory-read ceiling: the blob summed as 64-bit words with the widest vectors available.</summary>
    public static long VectorSum(byte[] blob)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(blob);
        ReadOnlySpan<Vector<ulong>> vectors = MemoryMarshal.Cast<ulong, Vector<ulong>>(words);
        Vector<ulong> acc = Vector<ulong>.Zero;
        foreach (Vector<ulong> v in vectors)
        {
            acc += v;
        }

        ulong sum = Vector.Sum(acc);
        for (int i = vectors.Length * Vector<ulong>.Count; i < words.Length; i++)
        {
            sum += words[i];
        }

        return (long)(sum & long.MaxValue);
    }

    /// <summary>Every node's name and every property's name, length and first byte.</summary>
    public static long Touch(DeviceTree tree)
    {
        long sum = 0;
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            sum += node.Name.Length;
            foreach (DeviceTreeProperty property in node.Properties)
            {
                ReadOnlySpan<byte> value = property.Span;
                sum += property.Name.Length + value.Length + (value.IsEmpty ? 0 : value[0]);
            }
        }

        return sum;
    }

    /// <summary>
    /// As <see cref="Touch"/>, through <see cref="DeviceTree.EnumerateNodeViews"/> and the node views' property views:
    /// no node or property objects made or kept (name lengths in bytes, as libfdt counts them).
    /// </summary>
    public static long TouchViews(DeviceTree tree)
    {
        long sum = 0;
        foreach (DeviceTreeNodeView node in tree.EnumerateNodeViews())
        {
            sum += node.NameUtf8.Length;
            foreach (DeviceTreePropertyView property in node.EnumeratePropertyViews())
            {
                ReadOnlySpan<byte> value = property.Span;
                sum += property.Name.Length + value.Length + (value.IsEmpty ? 0 : value[0]);
            }
        }

        return sum;
    }

    /// <summary>Runs <paramref name="path"/> over every blob.</summary>
    public static long Each(byte[][] blobs, Func<byte[], long> path)
    {
        long sum = 0;
        foreach (byte[] blob in blobs)
        {
            sum += path(blob);
        }

        return sum;
    }

    private struct LengthSum : IFdtTokenVisitor
    {
        public long Sum;

        public bool OnBeginNode(ReadOnlySpan<byte> name, int offset)
        {
            Sum += name.Length;
            return true;
        }

        public bool OnProperty(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int offset)
        {
            Sum += name.Length + value.Length;
            return true;
        }

        public bool OnEndNode(int offset) => true;
    }
}
