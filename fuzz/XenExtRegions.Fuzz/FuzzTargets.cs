using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using XenExtRegions.DeviceTrees;
using Oracles = XenExtRegions.Tests.Hardening.FuzzOracles;

namespace XenExtRegions.Fuzz;

/// <summary>
/// The targets (fuzz/README.md). Each one lets only the exceptions our API documents for bad input pass silently and turns
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
            "bootlog" => BootOnLog,
            "dtsout" => input => Bounded(input, () => Oracles.WriterRoundTrip(input)),
            "builder" => input => Bounded(input, () => XenExtRegions.Tests.Hardening.BuilderScript.Run(input)),
            "overlay" => input => Bounded(input, () => Oracles.Overlay(input)),
            "check" => input => Bounded(input, () => Oracles.Checks(input)),
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

    // A host tree with Dom0, an IOMMU and two dom0less domUs, so a fuzzed log reaches every part of the boot analysis.
    private static readonly DeviceTree BootTree = DtsReader.Parse("""
        /dts-v1/;
        /memreserve/ 0x90000000 0x4000000;
        / { #address-cells = <2>; #size-cells = <2>;
          memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
          chosen { #address-cells = <2>; #size-cells = <2>; xen,xen-bootargs = "console=dtuart dom0_mem=512M";
            module@42000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x0 0x42000000 0x0 0x1000000>; };
            domU1 { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>; memory = <0x0 0x40000>; cpus = <1>; xen,enhanced = "enabled";
              module@4a000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x0 0x4a000000 0x0 0x1000000>; }; };
            domU2 { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>; memory = <0x0 0x100000>; cpus = <1>;
              module@4c000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x0 0x4c000000 0x0 0x1000000>; }; }; };
          soc { compatible = "simple-bus"; #address-cells = <2>; #size-cells = <2>; ranges;
            iommu@5000000 { compatible = "arm,mmu-500"; reg = <0x0 0x5000000 0x0 0x20000>; };
            serial@9000000 { compatible = "arm,pl011"; reg = <0x0 0x9000000 0x0 0x1000>; }; };
        };
        """, "fuzz-host.dts");

    // The log reader never throws for any text, and the boot analysis never throws for any log (findings instead).
    private static void BootOnLog(byte[] input) => Bounded(input, () =>
    {
        XenExtRegions.XenLog.XenBootLog log = XenExtRegions.XenLog.XenBootLogParser.Parse(
            Encoding.UTF8.GetString(input), new XenExtRegions.XenLog.XenBootLogOptions { MemoryReservationCount = 1 });
        XenExtRegions.Boot.BootAnalysis boot = new XenExtRegions.Boot.BootAnalyzer().Analyze(new XenExtRegions.Boot.BootAnalysisInput(BootTree) { Log = log });
        foreach (XenExtRegions.Boot.BootDomain d in boot.Domains)
        {
            if (d.Result is { } r)
            {
                XenExtRegions.Tests.Hardening.TreePipeline.Check(r);
            }
        }
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
