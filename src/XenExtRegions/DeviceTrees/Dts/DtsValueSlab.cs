using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Holds the small property values of one parse in shared chunks: a generated tree has several values of a few
/// bytes per node, and an array each costs a header and an object the GC traces for as long as the tree lives.
/// Large values keep arrays of their own, so a chunk never holds more than <see cref="SharedUpTo"/> bytes of slack.
/// </summary>
internal sealed class DtsValueSlab
{
    private const int ChunkSize = 8192;
    private const int SharedUpTo = 256;

    private byte[] _chunk = Array.Empty<byte>();
    private int _used;

    /// <summary>A writable copy of <paramref name="value"/> (the linker patches phandle cells in place).</summary>
    public Memory<byte> Store(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return Array.Empty<byte>();
        }

        if (value.Length > SharedUpTo)
        {
            return value.ToArray();
        }

        if (value.Length > _chunk.Length - _used)
        {
            _chunk = new byte[ChunkSize];
            _used = 0;
        }

        var stored = new Memory<byte>(_chunk, _used, value.Length);
        value.CopyTo(stored.Span);
        _used += value.Length;
        return stored;
    }
}
