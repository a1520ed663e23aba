using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees;

/// <summary>Terse hand-built trees: <c>N("soc", Cells("#address-cells", 1), N("uart@0", Cells("reg", 0, 0x100)))</c>.</summary>
internal static class TreeBuilder
{
    public static DeviceTree Tree(params object[] rootItems) => new(N(string.Empty, rootItems));

    public static DeviceTree Tree(IEnumerable<XenExtRegions.DeviceTrees.MemoryReservation> reservations, params object[] rootItems) =>
        new(N(string.Empty, rootItems), reservations);

    public static DeviceTreeNode N(string name, params object[] items)
    {
        var properties = new List<DeviceTreeProperty>();
        var children = new List<DeviceTreeNode>();
        foreach (object item in items)
        {
            switch (item)
            {
                case DeviceTreeProperty p: properties.Add(p); break;
                case DeviceTreeNode n: children.Add(n); break;
                default: throw new ArgumentException("Items must be properties or nodes.", nameof(items));
            }
        }

        return new DeviceTreeNode(name, properties, children);
    }

    public static DeviceTreeProperty Cells(string name, params uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        }

        return new DeviceTreeProperty(name, bytes);
    }

    public static DeviceTreeProperty Bytes(string name, params byte[] value) => new(name, value);

    public static DeviceTreeProperty Flag(string name) => new(name, ReadOnlySpan<byte>.Empty);

    public static DeviceTreeProperty Str(string name, params string[] values)
    {
        var bytes = new List<byte>();
        foreach (string v in values)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(v));
            bytes.Add(0);
        }

        return new DeviceTreeProperty(name, bytes.ToArray());
    }

    public static DeviceTreeProperty Ac(uint value) => Cells("#address-cells", value);

    public static DeviceTreeProperty Sc(uint value) => Cells("#size-cells", value);

    public static DeviceTreeProperty Reg(params uint[] cells) => Cells("reg", cells);

    public static DeviceTreeProperty Rng(params uint[] cells) => cells.Length == 0 ? Flag("ranges") : Cells("ranges", cells);

    public static DeviceTreeNode Find(this DeviceTree tree, string path) => tree.FindNode(path) ?? throw new InvalidOperationException("No node " + path);
}
