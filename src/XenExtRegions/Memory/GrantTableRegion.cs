using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Memory;

/// <summary>
/// The grant-table window: entry 0 of the <c>/hypervisor</c> node's <c>reg</c> (Xen's <c>make_hypervisor_node</c>;
/// Dom0's sits at Xen's <c>_stext</c>, a domU's at <c>GUEST_GNTTAB_BASE</c> of xen/include/public/arch-arm.h).
/// A size of 0 means grant tables are compiled out.
/// </summary>
public readonly struct GrantTableRegion : IEquatable<GrantTableRegion>
{
    /// <summary><c>GUEST_GNTTAB_BASE</c>: the domU window's start.</summary>
    public const ulong GuestBase = 0x38000000;

    /// <summary><c>GUEST_GNTTAB_SIZE</c>: the domU window's size, 16 MiB (4096 frames).</summary>
    public const ulong GuestSize = 0x01000000;

    /// <summary>The grant frame size, one 4 KiB page.</summary>
    public const ulong FrameSize = 0x1000;

    /// <summary>Xen's default <c>gnttab_max_frames</c>.</summary>
    public const uint DefaultMaxGrantFrames = 64;

    /// <summary>The usual Dom0 window size: 64 frames of 4 KiB = 0x40000 (256 KiB).</summary>
    public const ulong Dom0DefaultSize = DefaultMaxGrantFrames * FrameSize;

    /// <summary>Creates a window.</summary>
    /// <param name="start">The first address (for Dom0, Xen's <c>_stext</c>; not 2 MiB aligned).</param>
    /// <param name="size">The size in bytes; 0 when grant tables are compiled out.</param>
    /// <exception cref="ArgumentOutOfRangeException"><c>start + size</c> exceeds 2^64.</exception>
    public GrantTableRegion(ulong start, ulong size)
    {
        if (size != 0 && size - 1 > ulong.MaxValue - start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(size),
                size,
                FormattableString.Invariant($"The grant-table window at 0x{start:x} with size 0x{size:x} runs past 2^64-1."));
        }

        Start = start;
        Size = size;
    }

    /// <summary>The domU window <c>[GUEST_GNTTAB_BASE, +GUEST_GNTTAB_SIZE)</c> = <c>[0x38000000, 0x38ffffff]</c>.</summary>
    public static GrantTableRegion Guest => new(GuestBase, GuestSize);

    /// <summary>The first address.</summary>
    public ulong Start { get; }

    /// <summary>The size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>True when the size is 0 (grant tables compiled out).</summary>
    public bool IsEmpty => Size == 0;

    /// <summary>A Dom0 window of <paramref name="frames"/> 4 KiB frames at <paramref name="start"/>.</summary>
    /// <param name="start">The first address (Xen's <c>_stext</c>).</param>
    /// <param name="frames">The number of grant frames (Xen takes <c>min(gnttab_max_frames, pages of .text)</c>).</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window runs past 2^64-1.</exception>
    public static GrantTableRegion FromFrames(ulong start, uint frames) => new(start, frames * FrameSize);

    /// <summary>The inclusive range, when the window is not empty.</summary>
    /// <param name="range">The range.</param>
    /// <returns>False when <see cref="Size"/> is 0.</returns>
    public bool TryGetRange(out AddressRange range) => AddressRange.TryFromStartSize(Start, Size, out range);

    /// <summary>The window as a bank of kind <see cref="MemoryBankKind.GrantTable"/>.</summary>
    /// <returns>The bank.</returns>
    public MemoryBank ToBank() => new(Start, Size, MemoryBankKind.GrantTable, "grant table");

    /// <inheritdoc/>
    public bool Equals(GrantTableRegion other) => Start == other.Start && Size == other.Size;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrantTableRegion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Start.GetHashCode() * 397) ^ Size.GetHashCode();

    /// <summary>Prints the window in hexadecimal, e.g. <c>grant table 0x38000000 size 0x1000000</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => FormattableString.Invariant($"grant table 0x{Start:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when start and size match.</returns>
    public static bool operator ==(GrantTableRegion left, GrantTableRegion right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when start or size differ.</returns>
    public static bool operator !=(GrantTableRegion left, GrantTableRegion right) => !left.Equals(right);
}
