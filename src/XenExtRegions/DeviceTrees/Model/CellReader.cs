using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>Big-endian cell arithmetic shared by the property readers and the address decoder.</summary>
internal static class CellReader
{
    /// <summary>The low 64 bits of a big-endian multi-cell number (Xen's <c>dt_read_number</c>).</summary>
    public static ulong ReadNumber(ReadOnlySpan<byte> cells)
    {
        ulong value = 0;
        for (int i = 0; i + 4 <= cells.Length; i += 4)
        {
            value = (value << 32) | BinaryPrimitives.ReadUInt32BigEndian(cells.Slice(i, 4));
        }

        return value;
    }

    /// <summary>The number, when every cell above the low two is zero.</summary>
    public static bool TryReadExactNumber(ReadOnlySpan<byte> cells, out ulong value)
    {
        int count = cells.Length / 4;
        for (int i = 0; i < count - 2; i++)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(cells.Slice(i * 4, 4)) != 0)
            {
                value = 0;
                return false;
            }
        }

        value = ReadNumber(cells);
        return true;
    }
}
