using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The DTB reader's working state that does not end up in the tree (the per-depth frames, the name dictionary),
/// kept per thread and reused by the next read: on a small board these fixed costs, made afresh for every read,
/// were a fifth of the bytes allocated.
/// </summary>
internal sealed class DtbBuildScratch
{
    /// <summary>Frames or dictionaries grown past this many entries are dropped instead of kept for the next read.</summary>
    private const int KeptLimit = 4096;

    /// <summary>Frames deeper than this are not kept (real trees are under a dozen deep).</summary>
    private const int KeptDepth = 64;

    [ThreadStatic]
    private static DtbBuildScratch? t_cached;

    /// <summary>The frames by depth; those past the deepest node read so far are absent.</summary>
    public List<DtbBuildFrame> Frames { get; } = new();

    /// <summary>Property name → index, for <see cref="PropertyNameTable"/> while one tree is read.</summary>
    public Dictionary<string, int> IndexByName { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The property names by index while one tree is read (the table keeps an exact copy).</summary>
    public List<string> Names { get; } = new();

    /// <summary>The names' known-name bits by index while one tree is read.</summary>
    public List<int> KnownBits { get; } = new();

    /// <summary>The node-record buffer a read writes into (kept between reads up to <see cref="KeptRecords"/>).</summary>
    public FlatNode[] Records { get; set; } = Array.Empty<FlatNode>();

    /// <summary>The largest record buffer kept for the next read (a tree of more nodes keeps its buffer).</summary>
    public const int KeptRecords = 1 << 14;

    private long[] _stamps = new long[64];
    private long _lastNodeId;

    /// <summary>A number no node read on this thread had before: the stamp <see cref="StampsFor"/> compares with.</summary>
    public long NextNodeId() => ++_lastNodeId;

    /// <summary>
    /// The last node (by <see cref="NextNodeId"/>) that had each property name, by name index, long enough to hold
    /// <paramref name="nameIndex"/>: a node finds a repeated name in one read, however many properties it has.
    /// </summary>
    public long[] StampsFor(int nameIndex)
    {
        if (nameIndex >= _stamps.Length)
        {
            Array.Resize(ref _stamps, Math.Max(nameIndex + 1, _stamps.Length * 2));
        }

        return _stamps;
    }

    /// <summary>This thread's scratch (taken: a nested or failed read simply makes a new one).</summary>
    public static DtbBuildScratch Take()
    {
        DtbBuildScratch? scratch = t_cached;
        t_cached = null;
        return scratch ?? new DtbBuildScratch();
    }

    /// <summary>
    /// Hands the scratch back after a successful read, holding no reference into the tree just read (so a cached
    /// scratch never keeps a tree alive) and nothing oversized.
    /// </summary>
    public void Return()
    {
        if (Frames.Count > KeptDepth)
        {
            Frames.RemoveRange(KeptDepth, Frames.Count - KeptDepth);
        }

        foreach (DtbBuildFrame frame in Frames)
        {
            frame.Release();
        }

        // The names themselves are the tree's (strings it keeps); the lists only held them while it was read.
        Names.Clear();
        KnownBits.Clear();
        if (Names.Capacity > KeptLimit)
        {
            Names.Capacity = 0;
            KnownBits.Capacity = 0;
        }

        if (IndexByName.Count > KeptLimit)
        {
            IndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
            _stamps = new long[64];
        }
        else
        {
            IndexByName.Clear();
        }

        t_cached = this;
    }
}
