using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Fdt;

/// <summary>Synthetic board-like trees: buses of devices with compatible, reg, interrupts and status (~130 DTB bytes per node).</summary>
internal static class SyntheticDtb
{
    public static DeviceTree Create(int buses, int devicesPerBus)
    {
        byte[] compatible = Encoding.ASCII.GetBytes("vendor,device-v2\0generic\0");
        byte[] okay = Encoding.ASCII.GetBytes("okay\0");
        var busNodes = new List<DeviceTreeNode>(buses);
        for (int b = 0; b < buses; b++)
        {
            var devices = new List<DeviceTreeNode>(devicesPerBus);
            for (int d = 0; d < devicesPerBus; d++)
            {
                ulong address = ((ulong)b << 32) | ((uint)d << 12);
                var reg = new byte[16];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(reg, address);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(reg.AsSpan(8), 0x1000);
                var interrupts = new byte[12];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(interrupts.AsSpan(4), (uint)d);
                devices.Add(new DeviceTreeNode(
                    "dev@" + address.ToString("x", CultureInfo.InvariantCulture),
                    [new DeviceTreeProperty("compatible", compatible), new DeviceTreeProperty("reg", reg), new DeviceTreeProperty("interrupts", interrupts), new DeviceTreeProperty("status", okay)]));
            }

            busNodes.Add(new DeviceTreeNode(
                "bus@" + b.ToString("x", CultureInfo.InvariantCulture),
                [new DeviceTreeProperty("compatible", Encoding.ASCII.GetBytes("simple-bus\0")), new DeviceTreeProperty("#address-cells", new byte[] { 0, 0, 0, 2 }), new DeviceTreeProperty("#size-cells", new byte[] { 0, 0, 0, 2 }), new DeviceTreeProperty("ranges", default)],
                devices));
        }

        var root = new DeviceTreeNode(string.Empty, [new DeviceTreeProperty("model", Encoding.ASCII.GetBytes("synthetic\0"))], busNodes);
        return new DeviceTree(root, [new MemoryReservation(0x48000000, 0x100000)]);
    }
}
