using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Benchmarks.Memory;

/// <summary>
/// In-process rounds with time, allocation and GC pause per round (what BenchmarkDotNet's MemoryDiagnoser gives, plus
/// the pause share it does not):
/// <c>timing build FILE [ROUNDS]</c> builds the tree of FILE (bytes already in memory);
/// <c>timing build-touch FILE [ROUNDS]</c> builds it and reads every property's name and value;
/// <c>timing p2 DIR [ROUNDS]</c> runs P2 end to end (read, boot scan, described windows, compute with the IOMMU on)
/// over 80 board DTBs picked by a fixed stride from the sorted <c>*.dtb</c> files under DIR, with phase times.
/// <c>p2-profile</c> and <c>build-touch-profile</c> also print the bytes allocated per type (sampled).
/// Each round starts after a full collection, so one round's garbage is not charged to the next.
/// </summary>
internal static class BuildTimingProgram
{
    public static bool IsMode(string[] args) => args.Length > 0 && args[0] == "timing";

    public static int Run(string[] args)
    {
        if (args.Length is < 3 or > 4)
        {
            Console.Error.WriteLine("usage: timing build|build-touch FILE [ROUNDS] | timing p2 DIR [ROUNDS]");
            return 2;
        }

        int rounds = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        return args[1] switch
        {
            "build" => Build(File.ReadAllBytes(args[2]), rounds, touch: false),
            "build-touch" => Build(File.ReadAllBytes(args[2]), rounds, touch: true),
            "p2" => P2(PickBoards(args[2]), rounds),
            "p2-profile" => Profile(() => P2(PickBoards(args[2]), rounds)),
            "build-touch-profile" => Profile(() => Build(File.ReadAllBytes(args[2]), rounds, touch: true)),
            _ => Usage(args[1]),
        };
    }

    /// <summary>80 board files by a fixed stride over the sorted list, so that every vendor folder is represented.</summary>
    public static List<string> PickBoards(string directory)
    {
        string[] all = Directory.GetFiles(directory, "*.dtb", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        const int Wanted = 80;
        var picked = new List<string>();
        for (int i = 0; i < Math.Min(Wanted, all.Length); i++)
        {
            picked.Add(all[(int)((long)i * all.Length / Math.Min(Wanted, all.Length))]);
        }

        return picked;
    }

    private static int Profile(Func<int> run)
    {
        using var sampler = new AllocationSampler();
        sampler.Start();
        int rc = run();
        sampler.Stop();
        Console.WriteLine("allocation by type (sampled):");
        sampler.Print(25);
        return rc;
    }

    private static int Usage(string mode)
    {
        Console.Error.WriteLine($"unknown timing mode '{mode}'");
        return 2;
    }

    private static int Build(byte[] blob, int rounds, bool touch)
    {
        var samples = new List<Sample>();
        for (int r = 0; r < rounds + 1; r++)
        {
            Sample sample = Measure(() =>
            {
                DeviceTree tree = DtbReader.Read(blob);
                long sum = 0;
                if (touch)
                {
                    // An indexed loop: foreach over the IReadOnlyList would add an enumerator object per node.
                    foreach (DeviceTreeNode node in tree.Nodes)
                    {
                        IReadOnlyList<DeviceTreeProperty> properties = node.Properties;
                        for (int i = 0; i < properties.Count; i++)
                        {
                            sum += properties[i].Name.Length + properties[i].Span.Length;
                        }
                    }
                }

                GC.KeepAlive(tree);
                return sum;
            });

            // Round 0 warms the JIT up.
            if (r > 0)
            {
                samples.Add(sample);
            }
        }

        Report(touch ? "build-touch" : "build", samples, 1);
        return 0;
    }

    private static int P2(List<string> files, int rounds)
    {
        byte[][] blobs = files.Select(File.ReadAllBytes).ToArray();
        var engine = new ExtendedRegionsEngine();
        var samples = new List<Sample>();
        var phases = new double[4];
        for (int r = 0; r < rounds + 1; r++)
        {
            var phase = new double[4];
            Sample sample = Measure(() =>
            {
                long sum = 0;
                foreach (byte[] blob in blobs)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    DeviceTree tree = DtbReader.Read(blob);
                    long t1 = Stopwatch.GetTimestamp();
                    var input = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 40 };
                    BootFacts facts = new BootFactsScanner(BootScanOptions.ForRelease(input.Release)).Scan(tree);
                    long t2 = Stopwatch.GetTimestamp();
                    IReadOnlyList<DescribedWindow> windows = DescribedWindowReader.Read(tree);
                    long t3 = Stopwatch.GetTimestamp();
                    ExtendedRegionsResult result = engine.Compute(input.WithBootFacts(facts) with { DescribedWindows = windows });
                    long t4 = Stopwatch.GetTimestamp();
                    phase[0] += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                    phase[1] += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                    phase[2] += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
                    phase[3] += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
                    sum += result.Regions.Count + windows.Count;
                }

                return sum;
            });

            if (r > 0)
            {
                samples.Add(sample);
                for (int i = 0; i < phases.Length; i++)
                {
                    phases[i] += phase[i] / rounds;
                }
            }
        }

        Report("p2", samples, blobs.Length);
        Console.WriteLine(FormattableString.Invariant(
            $"p2 phases (mean ms per round): read={phases[0]:F2} boot-scan={phases[1]:F2} described-windows={phases[2]:F2} compute={phases[3]:F2}; boards={blobs.Length} bytes={blobs.Sum(b => (long)b.Length)}"));
        return 0;
    }

    private static Sample Measure(Func<long> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan pause = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0);
        int gen2 = GC.CollectionCount(2);
        long start = Stopwatch.GetTimestamp();
        GC.KeepAlive(work());
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Sample(
            ms,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(2) - gen2);
    }

    private static void Report(string mode, List<Sample> samples, int items)
    {
        double Median(Func<Sample, double> f)
        {
            double[] v = samples.Select(f).OrderBy(x => x).ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
        }

        double ms = Median(s => s.Ms);
        double pause = Median(s => s.PauseMs);
        Console.WriteLine(FormattableString.Invariant(
            $"{mode}: rounds={samples.Count} median_ms={ms:F2} min_ms={samples.Min(s => s.Ms):F2} allocated_bytes={Median(s => s.Allocated):F0} per_item_bytes={Median(s => s.Allocated) / items:F0} gc_pause_ms={pause:F2} gc_pause_share={100 * Median(s => s.PauseMs / s.Ms):F1}% max_round_pause_share={100 * samples.Max(s => s.PauseMs / s.Ms):F1}% gen0={Median(s => s.Gen0):F0} gen2={Median(s => s.Gen2):F0} load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private readonly record struct Sample(double Ms, long Allocated, double PauseMs, int Gen0, int Gen2);
}
