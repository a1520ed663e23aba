using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One entry of a DTB's memory reservation block (<c>/memreserve/</c> in DTS): a physical range the OS must not use.
/// </summary>
public readonly struct MemoryReservation : IEquatable<MemoryReservation>
{
    /// <summary>Creates a reservation.</summary>
    /// <param name="address">Physical start address.</param>
    /// <param name="size">Size in bytes (may be 0 in a blob; Xen ignores such entries).</param>
    public MemoryReservation(ulong address, ulong size)
    {
        Address = address;
        Size = size;
    }

    /// <summary>Physical start address.</summary>
    public ulong Address { get; }

    /// <summary>Size in bytes.</summary>
    public ulong Size { get; }

    /// <inheritdoc/>
    public bool Equals(MemoryReservation other) => Address == other.Address && Size == other.Size;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MemoryReservation other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Address.GetHashCode() * 397) ^ Size.GetHashCode();

    /// <summary>Prints the entry as DTS does: <c>/memreserve/ 0x... 0x...;</c>.</summary>
    /// <returns>The DTS form.</returns>
    public override string ToString() => FormattableString.Invariant($"/memreserve/ 0x{Address:x} 0x{Size:x};");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when address and size match.</returns>
    public static bool operator ==(MemoryReservation left, MemoryReservation right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when address or size differ.</returns>
    public static bool operator !=(MemoryReservation left, MemoryReservation right) => !left.Equals(right);
}
