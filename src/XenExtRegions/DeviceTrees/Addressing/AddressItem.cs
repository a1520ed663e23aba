using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One address-bearing item of a tree in P2 order: a translated <c>reg</c> entry, a PCI aperture, or the failure
/// to translate either. Raw values are kept so the engine can apply Xen's own (wrapping) arithmetic.
/// </summary>
public readonly struct AddressItem : IEquatable<AddressItem>
{
    /// <summary>Creates an item.</summary>
    /// <param name="kind">What the item is.</param>
    /// <param name="node">The node.</param>
    /// <param name="index">Entry index in <c>reg</c>/<c>ranges</c>; -1 for a whole-property failure.</param>
    /// <param name="busAddress">The untranslated address (low 64 bits).</param>
    /// <param name="address">The CPU address (all ones when untranslated).</param>
    /// <param name="size">The size.</param>
    /// <param name="error">The failure, when the item is one.</param>
    /// <param name="range">The PCI range, for <see cref="AddressItemKind.PciRange"/> items that decoded.</param>
    public AddressItem(AddressItemKind kind, DeviceTreeNode node, int index, ulong busAddress, ulong address, ulong size, AddressTranslationError? error, PciRange? range)
    {
        Kind = kind;
        Node = node ?? throw new ArgumentNullException(nameof(node));
        Index = index;
        BusAddress = busAddress;
        Address = address;
        Size = size;

        // Errors and ranges are rare: one boxed detail keeps the item small for 100 000-entry trees.
        _detail = error is { } e ? (object)e : range is { } r ? r : null;
    }

    private readonly object? _detail;

    /// <summary>What the item is.</summary>
    public AddressItemKind Kind { get; }

    /// <summary>The node.</summary>
    public DeviceTreeNode Node { get; }

    /// <summary>Full path of the node.</summary>
    public string NodePath => Node.Path;

    /// <summary>Entry index; -1 when the node's whole <c>ranges</c> could not be enumerated.</summary>
    public int Index { get; }

    /// <summary>The untranslated address (bus or child address).</summary>
    public ulong BusAddress { get; }

    /// <summary>The CPU physical address (for a failed PCI range, the all-ones marker Xen passes on).</summary>
    public ulong Address { get; }

    /// <summary>The size.</summary>
    public ulong Size { get; }

    /// <summary>The failure, or null.</summary>
    public AddressTranslationError? Error => _detail is AddressTranslationError e ? e : null;

    /// <summary>The decoded PCI range, for PCI range items.</summary>
    public PciRange? Range => _detail is PciRange r ? r : null;

    /// <summary>True when the item translated.</summary>
    public bool IsTranslated => Error is null;

    /// <summary>True when <c>Address + Size</c> exceeds 2^64 (Xen would wrap).</summary>
    public bool Overflows => Size != 0 && Size - 1 > ulong.MaxValue - Address;

    /// <inheritdoc/>
    public bool Equals(AddressItem other) =>
        Kind == other.Kind && ReferenceEquals(Node, other.Node) && Index == other.Index && BusAddress == other.BusAddress &&
        Address == other.Address && Size == other.Size && Nullable.Equals(Error, other.Error) && Nullable.Equals(Range, other.Range);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddressItem other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Address.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints node, kind, index and address or error.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Error is { } e
        ? FormattableString.Invariant($"{NodePath} {Kind} #{Index}: error: {e.Message}")
        : FormattableString.Invariant($"{NodePath} {Kind} #{Index}: 0x{Address:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(AddressItem left, AddressItem right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(AddressItem left, AddressItem right) => !left.Equals(right);
}
