using System;
using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The DTB rows (token walk, tree build, build + touching every property, P2 end to end), each on the synthetic blob
/// (when given) and on all the boards (one call covers every board; times are per board).
/// </summary>
internal sealed class DtbRows
{
    private readonly SideBySideInputs _inputs;
    private readonly InterleavedRounds _rounds;
    private readonly SideBySideOptions _options;

    public DtbRows(SideBySideInputs inputs, InterleavedRounds rounds, SideBySideOptions options)
    {
        _inputs = inputs;
        _rounds = rounds;
        _options = options;
    }

    public IEnumerable<Comparison> Run()
    {
        var sets = new List<(string Unit, byte[][] Blobs)>();
        if (_inputs.Synthetic is { } synthetic)
        {
            sets.Add((FormattableString.Invariant($"{synthetic.Length / 1e6:F1} MB synthetic"), [synthetic]));
        }

        sets.Add((FormattableString.Invariant($"board ({_inputs.Boards.Length}, {_inputs.Boards.Sum(b => (long)b.Length) / 1e6:F2} MB)"), _inputs.Boards));
        foreach ((string unit, byte[][] blobs) in sets)
        {
            long bytes = blobs.Sum(b => (long)b.Length);
            int n = blobs.Length;
            if (_options.Rows.Contains("walk"))
            {
                SideSpec ours = Side("FdtReader", blobs, OurPaths.Walk);
                Comparison libfdt = _rounds.Run("DTB token walk", unit, ours, Side("libfdt fdt_next_tag walk", blobs, NativePeer.LibfdtTagWalk));
                yield return libfdt with { Note = Throughput(bytes, n, libfdt) };
                Comparison plain = _rounds.Run("DTB token walk", unit, ours, Side("plain validating C loop", blobs, NativePeer.PlainWalk));
                yield return plain with { Note = Throughput(bytes, n, plain) };
                Comparison visitor = _rounds.Run("DTB token walk, struct visitor", unit, Side("FdtReader.Walk(ref visitor)", blobs, OurPaths.WalkVisitor), Side("plain validating C loop", blobs, NativePeer.PlainWalk));
                yield return visitor with { Note = Throughput(bytes, n, visitor) };
                Comparison ceiling = _rounds.Run("memory-read ceiling", unit, Side("C# Vector<ulong> sum", blobs, OurPaths.VectorSum), Side("plain validating C loop", blobs, NativePeer.PlainWalk));
                yield return ceiling with { Note = Throughput(bytes, n, ceiling) };
            }

            SideSpec fullWalk = Side("libfdt node+property walk", blobs, NativePeer.LibfdtFullWalk);
            if (_options.Rows.Contains("build"))
            {
                // The GC probe runs after the rounds, so it sees the optimised code.
                Comparison build = _rounds.Run("tree build (DtbReader.Read)", unit, Side("DtbReader.Read", blobs, OurPaths.Build), fullWalk, Allocation(blobs, OurPaths.Build));
                yield return build with { Note = build.Note + GcShare(blobs, OurPaths.Build) };
            }

            if (_options.Rows.Contains("touch"))
            {
                // Two ways to read every property: the DeviceTreeProperty objects (made on first read and kept by the
                // tree), and the allocation-free views; the last row is the target's own ratio, views against Read alone.
                SideSpec objects = Side("Read + touch via Properties (objects)", blobs, OurPaths.BuildAndTouch);
                SideSpec views = Side("Read + touch via node and property views", blobs, OurPaths.BuildAndTouchViews);
                yield return _rounds.Run("tree build + every property (objects)", unit, objects, fullWalk, Allocation(blobs, OurPaths.BuildAndTouch));
                Comparison viewed = _rounds.Run("tree build + every property (views)", unit, views, fullWalk, Allocation(blobs, OurPaths.BuildAndTouchViews));
                yield return viewed with { Note = viewed.Note + GcShare(blobs, OurPaths.BuildAndTouchViews) };
                yield return _rounds.Run("tree build + every property (views) vs build", unit, views, Side("DtbReader.Read", blobs, OurPaths.Build), Allocation(blobs, OurPaths.BuildAndTouchViews));
            }
        }

        if (_options.Rows.Contains("p2"))
        {
            yield return IommuRow();
        }
    }

    private Comparison IommuRow()
    {
        byte[][] boards = _inputs.IommuBoards;
        string unit = FormattableString.Invariant($"board ({boards.Length})");
        Comparison row = _rounds.Run("P2 end to end (dom0 --iommu)", unit,
            Side("Read + WithHostDeviceTree + Compute", boards, OurPaths.IommuHoles), Side("libfdt node+property walk", boards, NativePeer.LibfdtFullWalk));

        // Per board: allocation of one run, and a short interleaved comparison for the spread of ratios.
        long[] allocated = boards.Select(b => Allocated(() => OurPaths.IommuHoles(b))).ToArray();
        var quick = new InterleavedRounds(new SideBySideSettings(3, Math.Max(2, _options.Settings.RoundMs / 20), 0), log: false);
        double[] ratios = boards
            .Select(b => quick.Run("", "", SideSpec.InProcess("", () => OurPaths.IommuHoles(b)), SideSpec.InProcess("", () => NativePeer.LibfdtFullWalk(b))).Ratio)
            .ToArray();
        string note = FormattableString.Invariant(
            $"allocated per board: mean {allocated.Average() / 1024:F0} KiB, min {allocated.Min() / 1024:F0} KiB, max {allocated.Max() / 1024:F0} KiB; per-board ratio {ratios.Min():F2}–{ratios.Max():F2} (median {InterleavedRounds.Median(ratios):F2})");
        if (_inputs.Rejected.Count > 0)
        {
            note += FormattableString.Invariant($"; {_inputs.Rejected.Count} board(s) left out: ") + string.Join("; ", _inputs.Rejected);
        }

        return row with { Note = note };
    }

    private static SideSpec Side(string name, byte[][] blobs, Func<byte[], long> path) =>
        blobs.Length == 1
            ? SideSpec.InProcess(name, () => path(blobs[0]))
            : SideSpec.InProcess(name, () => OurPaths.Each(blobs, path), blobs.Length);

    private static string Throughput(long bytes, int operations, Comparison row) =>
        FormattableString.Invariant($"ours {bytes / operations / (row.OursMs * 1e6):F2} GB/s, peer {bytes / operations / (row.PeerMs * 1e6):F2} GB/s");

    private static string Allocation(byte[][] blobs, Func<byte[], long> path)
    {
        long total = blobs.Sum(b => Allocated(() => path(b)));
        return FormattableString.Invariant($"allocated {total / blobs.Length / 1024.0:F0} KiB per {(blobs.Length == 1 ? "blob" : "board")}");
    }

    /// <summary>For the synthetic blob (the issue's "no GC pause above 10 % of a 68 MB build"): the collections' share of builds run back to back.</summary>
    private string GcShare(byte[][] blobs, Func<byte[], long> path) =>
        blobs.Length == 1 ? "; " + GcPauseProbe.Describe(() => path(blobs[0]), Math.Max(5, _options.Settings.Rounds)) : string.Empty;

    private static long Allocated(Func<long> call)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(call());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
