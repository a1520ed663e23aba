using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// Times two sides in alternating blocks within one process: each round runs ours then the peer (the order flips
/// every round), each side repeated until it has run for the round's target; the per-round ratio cancels load that
/// changes slowly, and the median over rounds drops rounds a neighbour disturbed.
/// </summary>
internal sealed class InterleavedRounds
{
    private readonly SideBySideSettings _settings;
    private readonly bool _log;

    public InterleavedRounds(SideBySideSettings settings, bool log = true)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>Warms both sides up, calibrates the repeats per round and runs the rounds.</summary>
    /// <param name="path">The row's path.</param>
    /// <param name="unit">What one operation is.</param>
    /// <param name="ours">Our side.</param>
    /// <param name="peer">The peer.</param>
    /// <param name="note">Remarks for the row.</param>
    /// <returns>The row.</returns>
    public Comparison Run(string path, string unit, SideSpec ours, SideSpec peer, string note = "")
    {
        if (_log)
        {
            Console.Error.WriteLine($"  {path} [{unit}]: {ours.Name} vs {peer.Name} ...");
        }

        // Warm-up: long enough for tiered JIT to reach its optimised code (call counts, then a background compile).
        double oursOnce = WarmUp(ours);
        double peerOnce = WarmUp(peer);
        if (_settings.WarmupMs > 0)
        {
            Thread.Sleep(200);
        }
        int oursRepeats = Repeats(oursOnce);
        int peerRepeats = Repeats(peerOnce);

        int rounds = _settings.Rounds;
        var oursMs = new double[rounds];
        var peerMs = new double[rounds];
        var ratios = new double[rounds];
        var cpuRatios = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            // A collection between rounds (not timed), so each round starts from the same heap.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            (double Wall, double Cpu) a, b;
            if (r % 2 == 0)
            {
                a = Block(ours, oursRepeats);
                b = Block(peer, peerRepeats);
            }
            else
            {
                b = Block(peer, peerRepeats);
                a = Block(ours, oursRepeats);
            }

            oursMs[r] = a.Wall;
            peerMs[r] = b.Wall;
            ratios[r] = a.Wall / b.Wall;
            cpuRatios[r] = b.Cpu > 0 ? a.Cpu / b.Cpu : double.NaN;
        }

        return new Comparison(path, ours.Name, peer.Name, unit, Median(oursMs), Median(peerMs), Median(ratios), Median(cpuRatios), rounds, note);
    }

    /// <summary>The median (mean of the middle two for an even count; NaN entries ignored).</summary>
    public static double Median(double[] values)
    {
        double[] sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Runs <paramref name="side"/> for at least the warm-up time (and twice); returns the last call's milliseconds.</summary>
    private double WarmUp(SideSpec side)
    {
        var total = Stopwatch.StartNew();
        double last;
        int calls = 0;
        do
        {
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(side.Call());
            last = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            calls++;
        }
        while (calls < 2 || total.Elapsed.TotalMilliseconds < _settings.WarmupMs);

        return last;
    }

    private int Repeats(double callMs) => (int)Math.Clamp(Math.Ceiling(_settings.RoundMs / Math.Max(callMs, 1e-3)), 1, 1_000_000);

    /// <summary>One side's block of a round: wall and CPU milliseconds per operation.</summary>
    private static (double Wall, double Cpu) Block(SideSpec side, int repeats)
    {
        long sum = 0;
        long cpu0 = side.CpuClock();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++)
        {
            sum += side.Call();
        }

        double wall = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        double cpu = (side.CpuClock() - cpu0) / 1e6;
        GC.KeepAlive(sum);
        double operations = (double)repeats * side.Operations;
        return (wall / operations, cpu / operations);
    }
}
