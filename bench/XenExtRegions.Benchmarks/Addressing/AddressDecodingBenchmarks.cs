using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Addressing;

/// <summary>
/// Decode and translate every <c>reg</c> of a synthetic tree: 10 simple buses (one ranges tuple each) × 100 nested
/// buses (empty ranges) × 10 devices × 10 entries = 100 000 entries, three translation levels each.
/// </summary>
[MemoryDiagnoser]
public class AddressDecodingBenchmarks
{
    private DeviceTree _tree = null!;
    private DeviceTreeAddressDecoder _decoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var socs = new List<DeviceTreeNode>();
        for (uint s = 0; s < 10; s++)
        {
            var buses = new List<DeviceTreeNode>();
            for (uint b = 0; b < 100; b++)
            {
                var devices = new List<DeviceTreeNode>();
                for (uint d = 0; d < 10; d++)
                {
                    var reg = new uint[20];
                    for (uint e = 0; e < 10; e++)
                    {
                        reg[e * 2] = (b << 16) | (d << 12) | (e << 8);
                        reg[(e * 2) + 1] = 0x100;
                    }

                    devices.Add(new DeviceTreeNode(FormattableString.Invariant($"dev@{d:x}"), new[] { Cells("reg", reg) }));
                }

                buses.Add(new DeviceTreeNode(FormattableString.Invariant($"bus@{b:x}"), new[] { Cells("#address-cells", 1), Cells("#size-cells", 1), new DeviceTreeProperty("ranges", ReadOnlySpan<byte>.Empty) }, devices));
            }

            socs.Add(new DeviceTreeNode(FormattableString.Invariant($"soc@{s:x}"),
                new[] { Cells("#address-cells", 1), Cells("#size-cells", 1), Cells("ranges", 0x0, s + 1, 0x0, 0x80000000) }, buses));
        }

        _tree = new DeviceTree(new DeviceTreeNode(string.Empty, new[] { Cells("#address-cells", 2), Cells("#size-cells", 2) }, socs));
        _decoder = new DeviceTreeAddressDecoder();
    }

    [Benchmark]
    public int EnumerateAddresses100k()
    {
        AddressEnumeration all = _decoder.EnumerateAddresses(_tree);
        if (!all.Succeeded || all.Items.Count != 100_000)
        {
            throw new InvalidOperationException("Unexpected enumeration result.");
        }

        return all.Items.Count;
    }

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
