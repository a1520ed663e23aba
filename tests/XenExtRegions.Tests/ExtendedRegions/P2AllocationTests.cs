using System;
using System.Linq;
using System.Runtime.CompilerServices;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// Issue 14: no path of P2 end to end (DTB read, boot scan, described windows, find_memory_holes) allocates per
/// <c>reg</c> entry. Measured as allocation (GC.GetAllocatedBytesForCurrentThread), not time: a tree whose device has
/// 1000 entries may cost no more than one with 1 entry, beyond the result's own window slots (an array of structs).
/// </summary>
public sealed class P2AllocationTests
{
    private static readonly ExtendedRegionsEngine Engine = new();

    [Fact]
    public void P2_end_to_end_allocates_nothing_per_reg_entry()
    {
        byte[] one = Blob(1);
        byte[] many = Blob(1000);

        // Warm up both (JIT, the per-thread buffers the reader and the decoder reuse), then measure.
        Run(one);
        Run(many);
        (long oneBytes, int oneWindows, string oneRegions) = Run(one);
        (long manyBytes, int manyWindows, string manyRegions) = Run(many);

        Assert.Equal(999, manyWindows - oneWindows);
        Assert.Equal(oneRegions, manyRegions);
        long windowSlots = 999L * Unsafe.SizeOf<DescribedWindow>();
        Assert.True(
            manyBytes - oneBytes <= windowSlots + 256,
            $"1000 reg entries allocated {manyBytes - oneBytes} bytes more than 1 entry; the window slots account for {windowSlots}.");
    }

    /// <summary>One run of what `dom0 --iommu` computes: allocation, window count, the regions as text.</summary>
    private static (long Bytes, int Windows, string Regions) Run(byte[] blob)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        DeviceTree tree = DtbReader.Read(blob);
        ExtendedRegionsInput input = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 40 }.WithHostDeviceTree(tree);
        ExtendedRegionsResult result = Engine.Compute(input);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        return (bytes, input.DescribedWindows.Count, string.Join(",", result.Regions.Select(r => r.ToString())));
    }

    /// <summary>
    /// A board with RAM, a reserved region, a zero-size entry (it leaves a split point in the free space, which every
    /// later removal must step past) and a device behind a translating bus whose reg repeats one window
    /// <paramref name="entries"/> times.
    /// </summary>
    private static byte[] Blob(int entries)
    {
        string reg = string.Join(", ", Enumerable.Repeat("<0x0 0x1000 0x0 0x1000>", entries));
        string dts = $$"""
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
                reserved-memory {
                    #address-cells = <2>;
                    #size-cells = <2>;
                    ranges;
                    buffer@48000000 { reg = <0x0 0x48000000 0x0 0x100000>; };
                };
                marker@20000000 { reg = <0x0 0x20000000 0x0 0x0>; };
                bus@f0000000 {
                    compatible = "simple-bus";
                    #address-cells = <2>;
                    #size-cells = <2>;
                    ranges = <0x0 0x0 0x0 0xf0000000 0x0 0x1000000>;
                    device@1000 { reg = {{reg}}; };
                };
            };
            """;
        return DtbWriter.Write(DtsReader.Parse(dts));
    }
}
