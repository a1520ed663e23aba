using System.Numerics;
using System.Runtime.CompilerServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>Bit helpers of <see cref="FdtReader"/> (this target has the hardware intrinsic).</summary>
public ref partial struct FdtReader
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TrailingZeroCount(ulong value) => BitOperations.TrailingZeroCount(value);
}
