using System.Runtime.CompilerServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>Bit helpers of <see cref="FdtReader"/> (netstandard2.0 has no BitOperations).</summary>
public ref partial struct FdtReader
{
    /// <summary>The number of trailing zero bits of a non-zero <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TrailingZeroCount(ulong value)
    {
        // De Bruijn: isolate the lowest set bit, multiply, and look the top six bits up.
        ulong lowest = value & (0UL - value);
        return DeBruijnPositions[(int)((lowest * 0x022FDD63CC95386DUL) >> 58)];
    }

    private static System.ReadOnlySpan<byte> DeBruijnPositions =>
    [
        0, 1, 2, 53, 3, 7, 54, 27, 4, 38, 41, 8, 34, 55, 48, 28,
        62, 5, 39, 46, 44, 42, 22, 9, 24, 35, 59, 56, 49, 18, 29, 11,
        63, 52, 6, 26, 37, 40, 33, 47, 61, 45, 43, 21, 23, 58, 17, 10,
        51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12,
    ];
}
