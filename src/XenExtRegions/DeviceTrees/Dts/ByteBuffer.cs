using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>A growable byte array reused across property values (List&lt;byte&gt; without the per-call overhead).</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = new byte[256];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(byte b)
    {
        if (Count == _data.Length)
        {
            Grow(1);
        }

        _data[Count++] = b;
    }

    public void AddRange(byte[] bytes)
    {
        if (bytes.Length > _data.Length - Count)
        {
            Grow(bytes.Length);
        }

        Buffer.BlockCopy(bytes, 0, _data, Count, bytes.Length);
        Count += bytes.Length;
    }

    /// <summary>Appends the low <paramref name="size"/> bytes of <paramref name="value"/>, most significant first.</summary>
    public void AppendBigEndian(ulong value, int size)
    {
        if (size > _data.Length - Count)
        {
            Grow(size);
        }

        for (int i = size - 1; i >= 0; i--)
        {
            _data[Count++] = (byte)(value >> (8 * i));
        }
    }

    /// <summary>The bytes added so far (valid until the next change).</summary>
    public ReadOnlySpan<byte> Span => new(_data, 0, Count);

    public byte[] ToArray()
    {
        if (Count == 0)
        {
            return Array.Empty<byte>();
        }

        var result = new byte[Count];
        Buffer.BlockCopy(_data, 0, result, 0, Count);
        return result;
    }

    private void Grow(int extra)
    {
        long wanted = Math.Max((long)_data.Length * 2, (long)Count + extra);
        if (wanted > int.MaxValue - 64)
        {
            throw new DeviceTreeFormatException("A property value is larger than 2 GB.");
        }

        Array.Resize(ref _data, (int)wanted);
    }
}
