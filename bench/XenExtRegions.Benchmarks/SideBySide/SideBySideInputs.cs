using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The blobs every DTB row reads: the synthetic one (optional) and the boards, each checked once so that both sides
/// are known to do the same work: our walk and the two C walks give the same checksum, our touching walk and libfdt's
/// full walk too, and the P2 path runs on each board (a board it rejects is left out of that row, with a note).
/// </summary>
internal sealed class SideBySideInputs
{
    private SideBySideInputs(byte[]? synthetic, string[] boardPaths, byte[][] boards)
    {
        Synthetic = synthetic;
        BoardPaths = boardPaths;
        Boards = boards;
    }

    /// <summary>The synthetic blob, when given.</summary>
    public byte[]? Synthetic { get; }

    /// <summary>The board files, in list order.</summary>
    public IReadOnlyList<string> BoardPaths { get; }

    /// <summary>The board blobs, in list order.</summary>
    public byte[][] Boards { get; }

    /// <summary>The boards the P2 path accepts.</summary>
    public byte[][] IommuBoards { get; private set; } = [];

    /// <summary>Boards the P2 path rejected, with why.</summary>
    public List<string> Rejected { get; } = [];

    public static SideBySideInputs Load(SideBySideOptions options)
    {
        string[] paths = options.ReadBoards();
        byte[]? synthetic = options.Synthetic is { } file ? File.ReadAllBytes(file) : null;
        var inputs = new SideBySideInputs(synthetic, paths, paths.Select(File.ReadAllBytes).ToArray());
        if (options.Rows.Overlaps(["walk", "build", "touch", "p2"]))
        {
            NativePeer.Load(options.Peer ?? throw new ArgumentException($"--peer (or {NativePeer.PathVariable}) is required for the DTB rows."));
            inputs.Check(options.Rows.Contains("p2"));
        }

        return inputs;
    }

    private void Check(bool iommu)
    {
        var named = Boards.Select((b, i) => (Name: BoardPaths[i], Blob: b)).ToList();
        if (Synthetic is not null)
        {
            named.Add(("synthetic", Synthetic));
        }

        foreach ((string name, byte[] blob) in named)
        {
            long ours = OurPaths.Walk(blob);
            long plain = NativePeer.PlainWalk(blob);
            long libfdt = NativePeer.LibfdtTagWalk(blob);
            long visited = OurPaths.WalkVisitor(blob);
            if (ours != plain || ours != libfdt || ours != visited)
            {
                throw new InvalidDataException(FormattableString.Invariant($"{name}: walk checksums differ (ours {ours}, visitor walk {visited}, plain C {plain}, libfdt {libfdt})."));
            }

            long touched = OurPaths.BuildAndTouch(blob);
            long viewed = OurPaths.BuildAndTouchViews(blob);
            long full = NativePeer.LibfdtFullWalk(blob);
            if (touched != full || viewed != full)
            {
                Console.Error.WriteLine(FormattableString.Invariant($"warning: {name}: touching checksums differ (ours: objects {touched}, views {viewed}; libfdt {full}); non-ASCII names?"));
            }
        }

        if (!iommu)
        {
            return;
        }

        var accepted = new List<byte[]>();
        for (int i = 0; i < Boards.Length; i++)
        {
            try
            {
                OurPaths.IommuHoles(Boards[i]);
                accepted.Add(Boards[i]);
            }
            catch (Exception e) when (e is DeviceTreeFormatException or ArgumentException or InvalidOperationException)
            {
                Rejected.Add($"{BoardPaths[i]}: {e.Message}");
            }
        }

        IommuBoards = [.. accepted];
    }
}
