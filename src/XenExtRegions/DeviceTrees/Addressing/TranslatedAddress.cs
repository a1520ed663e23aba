using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A <c>reg</c> entry translated to a CPU physical address. <see cref="Address"/> and <see cref="Size"/> are the raw
/// values Xen works with; <see cref="Overflows"/> says when <c>Address + Size</c> exceeds 2^64 (Xen would wrap).
/// </summary>
public readonly struct TranslatedAddress : IEquatable<TranslatedAddress>
{
    /// <summary>Creates a translated address.</summary>
    /// <param name="nodePath">Full path of the node.</param>
    /// <param name="index">Entry index.</param>
    /// <param name="busAddress">The untranslated address (low 64 bits).</param>
    /// <param name="address">The CPU physical address.</param>
    /// <param name="size">The size.</param>
    public TranslatedAddress(string nodePath, int index, ulong busAddress, ulong address, ulong size)
    {
        NodePath = nodePath ?? throw new ArgumentNullException(nameof(nodePath));
        Index = index;
        BusAddress = busAddress;
        Address = address;
        Size = size;
    }

    /// <summary>Full path of the node.</summary>
    public string NodePath { get; }

    /// <summary>Entry index in the node's <c>reg</c>.</summary>
    public int Index { get; }

    /// <summary>The address before translation (low 64 bits of the tuple's address cells).</summary>
    public ulong BusAddress { get; }

    /// <summary>The CPU physical address.</summary>
    public ulong Address { get; }

    /// <summary>The size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>True when the entry runs past 2^64 - 1 (an entry ending exactly at 2^64 - 1 does not overflow).</summary>
    public bool Overflows => Size != 0 && Size - 1 > ulong.MaxValue - Address;

    /// <summary><c>Address + Size</c> modulo 2^64, as Xen computes it (0 for an entry ending exactly at 2^64 - 1).</summary>
    public ulong WrappedEnd => unchecked(Address + Size);

    /// <summary>The inclusive range, when the entry is not empty and does not overflow.</summary>
    /// <param name="range">The range.</param>
    /// <returns>False for a size-0 or overflowing entry.</returns>
    public bool TryGetRange(out AddressRange range) => AddressRange.TryFromStartSize(Address, Size, out range);

    /// <inheritdoc/>
    public bool Equals(TranslatedAddress other) =>
        string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) && Index == other.Index &&
        BusAddress == other.BusAddress && Address == other.Address && Size == other.Size;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TranslatedAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Address.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints node, index, address and size.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FormattableString.Invariant($"{NodePath} #{Index}: 0x{Address:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(TranslatedAddress left, TranslatedAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(TranslatedAddress left, TranslatedAddress right) => !left.Equals(right);
}
