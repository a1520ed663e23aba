using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using XenExtRegions.DeviceTrees;

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

    // Fuzzed DTS reads no file at all (/include/ and /incbin/ are syntax errors), as untrusted text should; the
    // other limits stay at their defaults so that deep nesting keeps being explored.
    private static readonly DtsReaderOptions DtsOptions = new()
    {
        FileAccess = DtsFileAccess.None,
    };

    private static readonly bool CompareDtsRoundTrip = Environment.GetEnvironmentVariable("XER_FUZZ_DTS_ROUNDTRIP") == "1";

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

            // A tree that was read must also write and read back to the same tree: the writer is the reader's other half.
            DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(tree, DtbReader.Read(DtbWriter.Write(tree)));
            if (difference is not null)
            {
                throw new InvalidOperationException("FINDING: DTB round trip differs: " + difference);
            }
        }
        catch (DeviceTreeFormatException)
        {
            // Documented for malformed blobs.
        }
    });

    private static void Dts(byte[] input) => Bounded(input, () =>
    {
        string text = Encoding.UTF8.GetString(input);
        try
        {
            DeviceTree tree = DtsReader.Parse(text, "fuzz.dts", DtsOptions);

            // A parsed tree must print as DTS that parses again; with XER_FUZZ_DTS_ROUNDTRIP=1, to the same tree
            // (off by default while the known writer finding would drown every other one).
            DeviceTree again = DtsReader.Parse(DtsWriter.Write(tree), "fuzz-round-trip.dts", DtsOptions);
            if (CompareDtsRoundTrip && DeviceTreeComparer.FindFirstDifference(tree, again) is { } difference)
            {
                throw new InvalidOperationException("FINDING: DTS round trip differs: " + difference);
            }
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

        // Past the reader nothing documents an exception for a tree: bad cells and addresses are values, and the
        // regions must keep their invariants (Tests.Hardening.TreePipeline).
        XenExtRegions.Tests.Hardening.TreePipeline.Run(tree);
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
