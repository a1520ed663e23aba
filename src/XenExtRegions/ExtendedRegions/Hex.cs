using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Number formatting as Xen's <c>%#lx</c> prints it.</summary>
internal static class Hex
{
    /// <summary><c>0x48000000</c>; zero prints as <c>0</c>, as C's <c>%#x</c> does.</summary>
    public static string Of(ulong value) => value == 0 ? "0" : FormattableString.Invariant($"0x{value:x}");
}
