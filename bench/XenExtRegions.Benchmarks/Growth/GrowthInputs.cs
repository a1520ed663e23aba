using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using XenExtRegions.Benchmarks.Fdt;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>
/// Inputs of size n for the growth suite, shared by every growth benchmark so that the same n means the same
/// input everywhere (the DTB, tree and DTS benchmarks measure one synthetic tree in its three forms).
/// </summary>
internal static class GrowthInputs
{
    /// <summary>Devices under each synthetic bus: a fixed fan-out, so n grows by adding buses.</summary>
    public const int DevicesPerBus = 100;

    /// <summary>A board-like tree of about <paramref name="nodes"/> nodes: n / 100 buses of 100 devices (plus root and buses, ~1 % more).</summary>
    public static DeviceTree SyntheticTree(int nodes) => SyntheticDtb.Create(Math.Max(1, nodes / DevicesPerBus), DevicesPerBus);

    /// <summary>The number of nodes in <paramref name="tree"/>, root included.</summary>
    public static int CountNodes(DeviceTree tree)
    {
        int count = 0;
        foreach (DeviceTreeNode unused in tree.Nodes)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// P2's input as the engine sees it: <paramref name="n"/> <c>reg</c> windows of 64 KiB every 1 MiB (a hole after
    /// each), in address order or shuffled with a fixed seed.
    /// </summary>
    public static DescribedWindow[] RegWindows(int n, bool shuffled)
    {
        var windows = new DescribedWindow[n];
        for (int i = 0; i < n; i++)
        {
            windows[i] = DescribedWindow.Reg("/soc/dev", i, (ulong)i * 0x100000, 0x10000);
        }

        if (shuffled)
        {
            var random = new Random(42);
            for (int i = n - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (windows[i], windows[j]) = (windows[j], windows[i]);
            }
        }

        return windows;
    }

    /// <summary>
    /// A host tree with <paramref name="entries"/> <c>reg</c> entries (a multiple of 100), laid out like
    /// AddressDecodingBenchmarks: socs (one <c>ranges</c> tuple each) of up to 100 buses (empty <c>ranges</c>) of
    /// 10 devices of 10 entries, so each entry is translated through three levels.
    /// </summary>
    public static DeviceTree RegTree(int entries)
    {
        const int EntriesPerDevice = 10;
        const int DevicesPerRegBus = 10;
        const int BusesPerSoc = 100;
        int busCount = Math.Max(1, entries / (EntriesPerDevice * DevicesPerRegBus));
        var socs = new List<DeviceTreeNode>();
        for (int firstBus = 0, s = 0; firstBus < busCount; firstBus += BusesPerSoc, s++)
        {
            var buses = new List<DeviceTreeNode>();
            for (uint b = 0; b < BusesPerSoc && firstBus + b < busCount; b++)
            {
                var devices = new List<DeviceTreeNode>(DevicesPerRegBus);
                for (uint d = 0; d < DevicesPerRegBus; d++)
                {
                    var reg = new uint[EntriesPerDevice * 2];
                    for (uint e = 0; e < EntriesPerDevice; e++)
                    {
                        reg[e * 2] = (b << 16) | (d << 12) | (e << 8);
                        reg[(e * 2) + 1] = 0x100;
                    }

                    devices.Add(new DeviceTreeNode(Name("dev", d), [Cells("reg", reg)]));
                }

                buses.Add(new DeviceTreeNode(Name("bus", b), [Cells("#address-cells", 1), Cells("#size-cells", 1), new DeviceTreeProperty("ranges", ReadOnlySpan<byte>.Empty)], devices));
            }

            // Each soc maps its 32-bit bus space at (s + 1) << 32.
            socs.Add(new DeviceTreeNode(Name("soc", (uint)s), [Cells("#address-cells", 1), Cells("#size-cells", 1), Cells("ranges", 0x0, (uint)s + 1, 0x0, 0x80000000)], buses));
        }

        return new DeviceTree(new DeviceTreeNode(string.Empty, [Cells("#address-cells", 2), Cells("#size-cells", 2)], socs));
    }

    private static string Name(string prefix, uint unit) => prefix + "@" + unit.ToString("x", CultureInfo.InvariantCulture);

    private static DeviceTreeProperty Cells(string name, params uint[] cells)
    {
        var bytes = new byte[cells.Length * 4];
        for (int i = 0; i < cells.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), cells[i]);
        }

        return new DeviceTreeProperty(name, bytes);
    }
}
