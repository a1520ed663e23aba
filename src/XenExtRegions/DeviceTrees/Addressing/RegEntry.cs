using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One decoded, untranslated <c>reg</c> (or <c>assigned-addresses</c>) tuple: the address in the parent bus's space
/// and the size, each kept to its low 64 bits as Xen's <c>dt_read_number</c> does.
/// </summary>
public readonly struct RegEntry : IEquatable<RegEntry>
{
    /// <summary>Creates an entry.</summary>
    /// <param name="index">Tuple index.</param>
    /// <param name="bus">The parent bus kind.</param>
    /// <param name="addressCells">Address cells per tuple.</param>
    /// <param name="sizeCells">Size cells per tuple.</param>
    /// <param name="firstCell">The first address cell (<c>phys.hi</c> on a PCI bus).</param>
    /// <param name="address">The low 64 bits of the address cells.</param>
    /// <param name="size">The low 64 bits of the size cells.</param>
    /// <param name="sizeTruncated">True when a size cell above the low 64 bits is non-zero.</param>
    public RegEntry(int index, AddressBusKind bus, int addressCells, int sizeCells, uint firstCell, ulong address, ulong size, bool sizeTruncated)
    {
        Index = index;
        Bus = bus;
        AddressCells = addressCells;
        SizeCells = sizeCells;
        FirstCell = firstCell;
        Address = address;
        Size = size;
        SizeTruncated = sizeTruncated;
    }

    /// <summary>Tuple index.</summary>
    public int Index { get; }

    /// <summary>The parent bus kind (PCI children read <c>assigned-addresses</c>).</summary>
    public AddressBusKind Bus { get; }

    /// <summary>Address cells per tuple.</summary>
    public int AddressCells { get; }

    /// <summary>Size cells per tuple.</summary>
    public int SizeCells { get; }

    /// <summary>The first address cell; on a PCI bus this is <c>phys.hi</c> (space code, prefetchable…).</summary>
    public uint FirstCell { get; }

    /// <summary>The low 64 bits of the address cells (bus address, not translated).</summary>
    public ulong Address { get; }

    /// <summary>The low 64 bits of the size cells.</summary>
    public ulong Size { get; }

    /// <summary>True when the size had non-zero bits above 64 that Xen drops.</summary>
    public bool SizeTruncated { get; }

    /// <inheritdoc/>
    public bool Equals(RegEntry other) =>
        Index == other.Index && Bus == other.Bus && AddressCells == other.AddressCells && SizeCells == other.SizeCells &&
        FirstCell == other.FirstCell && Address == other.Address && Size == other.Size && SizeTruncated == other.SizeTruncated;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RegEntry other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Address.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints index, address and size.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => FormattableString.Invariant($"#{Index} 0x{Address:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(RegEntry left, RegEntry right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(RegEntry left, RegEntry right) => !left.Equals(right);
}
