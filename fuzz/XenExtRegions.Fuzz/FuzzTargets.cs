using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Fuzz;

/// <summary>
/// The three targets. Each one lets only the exceptions our API documents for bad input pass silently and turns
/// an allocation far out of proportion to the input into an exception, so that it is recorded as a crash too.
/// </summary>
internal static class FuzzTargets
{
    // Generous: the model costs a few hundred bytes per node, and inputs are at most a few KiB.
    private const long AllocationBase = 64L * 1024 * 1024;
    private const long AllocationPerInputByte = 4096;

    // Relative /include/ and /incbin/ of fuzzed DTS resolve in an empty directory, never in the work tree.
    private static readonly DtsReaderOptions DtsOptions = new()
    {
        BaseDirectory = Path.Combine(Path.GetTempPath(), "xer-fuzz-empty"),
    };

    private static readonly ExtendedRegionsEngine Engine = new();

    public static bool TryGet(string name, [NotNullWhen(true)] out Action<byte[]>? target)
    {
        target = name switch
        {
            "dtb" => Dtb,
            "dts" => Dts,
            "engine" => EngineOnDtb,
            _ => null,
        };
        return target is not null;
    }

    private static void Dtb(byte[] input) => Bounded(input, () =>
    {
        try
        {
            DeviceTree tree = DtbReader.Read(input);

            // A tree that was read must also write and read back: the writer is the reader's other half.
            DtbReader.Read(DtbWriter.Write(tree));
        }
        catch (DeviceTreeFormatException)
        {
            // Documented for malformed blobs.
        }
    });

    private static void Dts(byte[] input) => Bounded(input, () =>
    {
        Directory.CreateDirectory(DtsOptions.BaseDirectory!);
        string text = Encoding.UTF8.GetString(input);
        try
        {
            DeviceTree tree = DtsReader.Parse(text, "fuzz.dts", DtsOptions);

            // A parsed tree must print as DTS that parses again.
            DtsReader.Parse(DtsWriter.Write(tree), "fuzz-round-trip.dts", DtsOptions);
        }
        catch (DtsSyntaxException)
        {
            // Documented for malformed source.
        }
    });

    private static void EngineOnDtb(byte[] input) => Bounded(input, () =>
    {
        DeviceTree tree;
        try
        {
            tree = DtbReader.Read(input);
        }
        catch (DeviceTreeFormatException)
        {
            return;
        }

        // Past the reader nothing documents an exception for a tree: bad cells and addresses are values.
        new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Xen).EnumerateAddresses(tree);
        BootFacts facts = new BootFactsScanner().Scan(tree);
        IReadOnlyList<DescribedWindow> windows = DescribedWindowReader.Read(tree);
        ComputeDom0(facts, windows, iommu: true); // P2: holes in what the tree describes
        ComputeDom0(facts, windows, iommu: false); // P1: host RAM not given to dom0
    });

    private static void ComputeDom0(BootFacts facts, IReadOnlyList<DescribedWindow> windows, bool iommu) =>
        Engine.Compute(new ExtendedRegionsInput
        {
            IommuEnabled = iommu,
            HostRam = facts.HostRam,
            ReservedMemory = facts.ReservedMemory,
            MemoryReservations = facts.MemoryReservations,
            HostSharedMemory = facts.SharedMemoryHostBanks,
            BootModules = facts.Modules,
            DescribedWindows = windows,
        });

    private static void Bounded(byte[] input, Action run)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationBase + (AllocationPerInputByte * input.Length))
        {
            throw new InvalidOperationException(FormattableString.Invariant($"FINDING: {allocated} bytes allocated for a {input.Length}-byte input."));
        }
    }
}
