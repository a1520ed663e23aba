using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>A property of an <see cref="OverlayNode"/>; its value is copied before the first in-place cell write.</summary>
internal sealed class OverlayProperty
{
    private ReadOnlyMemory<byte> _value;
    private byte[]? _writable;

    public OverlayProperty(string name, ReadOnlyMemory<byte> value, int key)
    {
        Name = name;
        Value = value;
        Key = key;
    }

    public string Name { get; }

    public int Key { get; }

    public ReadOnlyMemory<byte> Value
    {
        get => _value;
        set
        {
            _value = value;
            _writable = null;
        }
    }

    /// <summary>The big-endian cell at a byte offset (any alignment, as libfdt's fdt32_ld).</summary>
    public uint ReadCell(int byteOffset)
    {
        ReadOnlySpan<byte> s = _value.Span.Slice(byteOffset, 4);
        return (uint)(s[0] << 24 | s[1] << 16 | s[2] << 8 | s[3]);
    }

    /// <summary>Writes a big-endian cell at a byte offset, copying the value first if it is shared.</summary>
    public void WriteCell(int byteOffset, uint cell)
    {
        if (_writable is null)
        {
            _writable = _value.ToArray();
            _value = _writable;
        }

        byte[] bytes = _writable;
        int at = byteOffset;
        bytes[at] = (byte)(cell >> 24);
        bytes[at + 1] = (byte)(cell >> 16);
        bytes[at + 2] = (byte)(cell >> 8);
        bytes[at + 3] = (byte)cell;
    }
}
