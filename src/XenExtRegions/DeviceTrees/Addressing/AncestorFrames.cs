using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The path from the root to the node a whole-tree walk is at, one frame per depth, each remembering what the
/// translation asks of that node again and again: the bus it presents to its children, its children's default-bus
/// cell counts and its <c>ranges</c>. Every reg entry of every node walks up through its ancestors, which are exactly
/// these frames, so the lookups cost an array read instead of a hash lookup per level (the tree is immutable).
/// </summary>
/// <remarks>
/// A lookup names the depth it expects the node at and checks the frame holds that very node; anything else is
/// computed without the cache. Frames are reused by the next walk on the same thread and let go of the tree after.
/// </remarks>
internal sealed class AncestorFrames
{
    /// <summary>A walk deeper than this does not keep its frames for the next one.</summary>
    private const int KeptDepth = 256;

    [ThreadStatic]
    private static AncestorFrames? t_cached;

    private Frame[] _frames = new Frame[16];
    private int _deepest;

    /// <summary>This thread's frames (taken: a nested walk makes its own).</summary>
    public static AncestorFrames Take()
    {
        AncestorFrames? frames = t_cached;
        t_cached = null;
        return frames ?? new AncestorFrames();
    }

    /// <summary>Lets go of every node and hands the frames back for the next walk on this thread.</summary>
    public void Return()
    {
        Array.Clear(_frames, 0, Math.Min(_deepest + 1, _frames.Length));
        _deepest = 0;
        if (_frames.Length <= KeptDepth)
        {
            t_cached = this;
        }
    }

    /// <summary>Makes <paramref name="node"/> the frame at <paramref name="depth"/> (the walk's current node), nothing known yet.</summary>
    public void Enter(int depth, NodeHandle node)
    {
        if (depth >= _frames.Length)
        {
            Array.Resize(ref _frames, Math.Max(depth + 1, _frames.Length * 2));
        }

        _frames[depth] = new Frame { Node = node, Children = node.Children() };
        _deepest = Math.Max(_deepest, depth);
    }

    /// <summary>The node object at <paramref name="depth"/> (made now for a record that has none yet).</summary>
    public DeviceTreeNode Node(int depth) => _frames[depth].Node.Node;

    /// <summary>The next child of the node at <paramref name="depth"/> for the walk to enter; false when none is left.</summary>
    public bool NextChild(int depth, out NodeHandle child) => _frames[depth].Children.MoveNext(out child);

    /// <summary>True when the frame at <paramref name="depth"/> holds <paramref name="node"/> (a negative depth: unknown).</summary>
    public bool Holds(int depth, DeviceTreeNode node) => depth >= 0 && depth <= _deepest && _frames[depth].Node.Is(node);

    /// <summary>The bus the frame's node presents, when known.</summary>
    public bool TryGetBus(int depth, out AddressBusKind bus)
    {
        int known = _frames[depth].BusPlusOne;
        bus = (AddressBusKind)(known - 1);
        return known != 0;
    }

    public void SetBus(int depth, AddressBusKind bus) => _frames[depth].BusPlusOne = (int)bus + 1;

    /// <summary>The default-bus cell counts of the frame's node's children, when known.</summary>
    public bool TryGetChildCounts(int depth, out int na, out int ns)
    {
        ref Frame frame = ref _frames[depth];
        na = frame.Na;
        ns = frame.Ns;
        return frame.CountsKnown;
    }

    public void SetChildCounts(int depth, int na, int ns)
    {
        ref Frame frame = ref _frames[depth];
        frame.Na = na;
        frame.Ns = ns;
        frame.CountsKnown = true;
    }

    /// <summary>The frame's node's <c>ranges</c>, looked up once.</summary>
    public bool TryGetRanges(int depth, out ReadOnlyMemory<byte> ranges)
    {
        ref Frame frame = ref _frames[depth];
        if (frame.RangesState == 0)
        {
            frame.RangesState = frame.Node.TryGetValue("ranges", out frame.Ranges) ? 1 : 2;
        }

        ranges = frame.Ranges;
        return frame.RangesState == 1;
    }

    private struct Frame
    {
        public NodeHandle Node;
        public NodeChildCursor Children;
        public int BusPlusOne;
        public bool CountsKnown;
        public int Na;
        public int Ns;
        public int RangesState;
        public ReadOnlyMemory<byte> Ranges;
    }
}
