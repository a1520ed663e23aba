using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Typed readers over the raw value. The contract: a <c>GetX</c> reader throws <see cref="DeviceTreeFormatException"/>
/// (naming node and property) when the value does not have the shape it reads, and a <c>TryGetX</c> twin returns
/// false instead, for values that come from untrusted input; nothing else is thrown for a malformed value.
/// <see cref="GetCell"/> and <see cref="ReadNumber"/> fail only for indexes outside <see cref="CellCount"/>, which
/// the caller can check first.
/// </summary>
public sealed partial class DeviceTreeProperty
{
    /// <summary>The number of whole 32-bit cells in the value (<c>Length / 4</c>).</summary>
    public int CellCount => _value.Length / 4;

    /// <summary>Reads the value as one big-endian 32-bit cell.</summary>
    /// <returns>The cell.</returns>
    /// <exception cref="DeviceTreeFormatException">The value is not exactly 4 bytes long.</exception>
    public uint GetUInt32()
    {
        if (_value.Length != 4)
        {
            throw Error(FormattableString.Invariant($"Expected a 4-byte u32 value but found {_value.Length} bytes."));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(_value.Span);
    }

    /// <summary>Reads the value as one big-endian 32-bit cell, when it is exactly 4 bytes long.</summary>
    /// <param name="value">The cell.</param>
    /// <returns>False when the length is not 4.</returns>
    public bool TryGetUInt32(out uint value)
    {
        if (_value.Length != 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_value.Span);
        return true;
    }

    /// <summary>Reads the value as a big-endian 64-bit number (two cells).</summary>
    /// <returns>The number.</returns>
    /// <exception cref="DeviceTreeFormatException">The value is not exactly 8 bytes long.</exception>
    public ulong GetUInt64()
    {
        if (_value.Length != 8)
        {
            throw Error(FormattableString.Invariant($"Expected an 8-byte u64 value but found {_value.Length} bytes."));
        }

        return BinaryPrimitives.ReadUInt64BigEndian(_value.Span);
    }

    /// <summary>Reads the value as a big-endian 64-bit number, when it is exactly 8 bytes long.</summary>
    /// <param name="value">The number.</param>
    /// <returns>False when the length is not 8.</returns>
    public bool TryGetUInt64(out ulong value)
    {
        if (_value.Length != 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_value.Span);
        return true;
    }

    /// <summary>Reads the value as a phandle, when it is one cell that is neither 0 nor 0xffffffff.</summary>
    /// <param name="value">The phandle.</param>
    /// <returns>False when the value is not one cell, or is 0 or 0xffffffff.</returns>
    public bool TryGetPhandle(out uint value)
    {
        if (TryGetUInt32(out value) && value is not 0 and not uint.MaxValue)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Reads the value as a phandle (one cell, neither 0 nor 0xffffffff).</summary>
    /// <returns>The phandle.</returns>
    /// <exception cref="DeviceTreeFormatException">The value is not one cell, or is 0 or 0xffffffff.</exception>
    public uint GetPhandle()
    {
        uint value = GetUInt32();
        if (value is 0 or uint.MaxValue)
        {
            throw Error(FormattableString.Invariant($"0x{value:x} is not a valid phandle."));
        }

        return value;
    }

    /// <summary>Reads cell <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based cell index.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="DeviceTreeFormatException">The value has no such cell.</exception>
    public uint GetCell(int index)
    {
        if (index < 0 || index >= CellCount)
        {
            throw Error(FormattableString.Invariant($"Cell {index} does not exist; the value has {CellCount} whole cells ({_value.Length} bytes)."));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(_value.Span.Slice(index * 4, 4));
    }

    /// <summary>Reads every cell.</summary>
    /// <returns>The cells.</returns>
    /// <exception cref="DeviceTreeFormatException">The length is not a multiple of 4.</exception>
    public uint[] GetCells()
    {
        if (!TryGetCells(out uint[]? cells))
        {
            throw Error(FormattableString.Invariant($"A cell array needs a length that is a multiple of 4, but the value has {_value.Length} bytes."));
        }

        return cells;
    }

    /// <summary>Reads every cell, when the length is a multiple of 4.</summary>
    /// <param name="cells">The cells (empty for an empty value), when the method returns true.</param>
    /// <returns>False when the length is not a multiple of 4.</returns>
    public bool TryGetCells([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out uint[]? cells)
    {
        if (_value.Length % 4 != 0)
        {
            cells = null;
            return false;
        }

        cells = new uint[_value.Length / 4];
        ReadOnlySpan<byte> span = _value.Span;
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = BinaryPrimitives.ReadUInt32BigEndian(span.Slice(i * 4, 4));
        }

        return true;
    }

    /// <summary>
    /// Reads a number made of <paramref name="cellCount"/> cells starting at cell <paramref name="firstCell"/>,
    /// keeping the low 64 bits as Xen's <c>dt_read_number</c> does for wider numbers.
    /// </summary>
    /// <param name="firstCell">Index of the most significant cell.</param>
    /// <param name="cellCount">Number of cells (0 gives 0).</param>
    /// <returns>The low 64 bits of the number.</returns>
    /// <exception cref="DeviceTreeFormatException">The cells lie outside the value.</exception>
    public ulong ReadNumber(int firstCell, int cellCount)
    {
        if (firstCell < 0 || cellCount < 0 || (long)firstCell + cellCount > CellCount)
        {
            throw Error(FormattableString.Invariant($"Cells {firstCell}..{(long)firstCell + cellCount - 1} lie outside the value ({CellCount} whole cells)."));
        }

        return CellReader.ReadNumber(_value.Span.Slice(firstCell * 4, cellCount * 4));
    }

    /// <summary>
    /// Reads a number made of <paramref name="cellCount"/> cells, failing when it does not fit 64 bits.
    /// </summary>
    /// <param name="firstCell">Index of the most significant cell.</param>
    /// <param name="cellCount">Number of cells.</param>
    /// <param name="value">The number.</param>
    /// <returns>False when the cells lie outside the value or a cell above the low two is non-zero.</returns>
    public bool TryReadExactNumber(int firstCell, int cellCount, out ulong value)
    {
        value = 0;
        if (firstCell < 0 || cellCount < 0 || (long)firstCell + cellCount > CellCount)
        {
            return false;
        }

        return CellReader.TryReadExactNumber(_value.Span.Slice(firstCell * 4, cellCount * 4), out value);
    }

    /// <summary>
    /// Reads the value as one NUL-terminated string: UTF-8, with each byte that is not part of valid UTF-8 read as
    /// the lone surrogate U+DC80 + (byte − 0x80), so that writing the string back gives the same bytes.
    /// </summary>
    /// <returns>The string without its terminator.</returns>
    /// <exception cref="DeviceTreeFormatException">The value is empty, not NUL-terminated, or holds more than one string.</exception>
    public string GetString()
    {
        if (!TryGetString(out string? value))
        {
            throw Error("Expected one NUL-terminated string.");
        }

        return value;
    }

    /// <summary>Reads the value as one NUL-terminated string.</summary>
    /// <param name="value">The string, when the method returns true.</param>
    /// <returns>False when the value is not exactly one NUL-terminated string.</returns>
    public bool TryGetString([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        ReadOnlySpan<byte> span = _value.Span;
        if (span.Length == 0 || span[span.Length - 1] != 0 || span.Slice(0, span.Length - 1).IndexOf((byte)0) >= 0)
        {
            value = null;
            return false;
        }

        value = EscapedUtf8.Decode(span.Slice(0, span.Length - 1));
        return true;
    }

    /// <summary>Reads the value as a list of NUL-terminated strings (e.g. <c>compatible</c>), decoded as <see cref="GetString"/> decodes.</summary>
    /// <returns>The strings in order; empty for an empty value.</returns>
    /// <exception cref="DeviceTreeFormatException">The value does not end with a NUL.</exception>
    public IReadOnlyList<string> GetStringList()
    {
        if (!TryGetStringList(out IReadOnlyList<string>? list))
        {
            throw Error("Expected a list of NUL-terminated strings, but the value does not end with a NUL.");
        }

        return list;
    }

    /// <summary>Reads the value as a list of NUL-terminated strings, when it ends with a NUL (or is empty).</summary>
    /// <param name="strings">The strings in order (empty for an empty value), when the method returns true.</param>
    /// <returns>False when the value does not end with a NUL.</returns>
    public bool TryGetStringList([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<string>? strings)
    {
        ReadOnlySpan<byte> span = _value.Span;
        if (span.Length == 0)
        {
            strings = Array.Empty<string>();
            return true;
        }

        if (span[span.Length - 1] != 0)
        {
            strings = null;
            return false;
        }

        var list = new List<string>();
        while (span.Length > 0)
        {
            int end = span.IndexOf((byte)0);
            list.Add(EscapedUtf8.Decode(span.Slice(0, end)));
            span = span.Slice(end + 1);
        }

        strings = list;
        return true;
    }

    /// <summary>True when the value is a string list containing <paramref name="value"/> (ordinal compare).</summary>
    /// <param name="value">The string to look for.</param>
    /// <returns>True when one of the strings equals <paramref name="value"/>; false, not an exception, for a value that is not a string list.</returns>
    public bool ContainsString(string value)
    {
        ReadOnlySpan<byte> span = _value.Span;
        if (span.Length == 0 || span[span.Length - 1] != 0)
        {
            return false;
        }

        foreach (string s in GetStringList())
        {
            if (string.Equals(s, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
