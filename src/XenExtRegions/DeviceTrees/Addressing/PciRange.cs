using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One tuple of a bus node's <c>ranges</c> as Xen's <c>dt_for_each_range</c> sees it: the child bus
/// address (with PCI space code and flags when the node is a PCI bus), the CPU address and the length. An
/// untranslatable parent address is passed on, as Xen does, as the all-ones marker in <see cref="CpuAddress"/>.
/// </summary>
public readonly struct PciRange : IEquatable<PciRange>
{
    /// <summary>Creates a range.</summary>
    /// <param name="nodePath">Full path of the bridge node.</param>
    /// <param name="index">Tuple index.</param>
    /// <param name="childBus">The node's own bus kind, which decided the child cell count.</param>
    /// <param name="physHigh">The first child address cell (<c>phys.hi</c> on a PCI bus).</param>
    /// <param name="childAddress">The child bus address (PCI: the low two cells; otherwise the low 64 bits).</param>
    /// <param name="parentAddress">The parent bus address (low 64 bits), before translation.</param>
    /// <param name="cpuAddress">The CPU address, or all ones when the parent address could not be translated.</param>
    /// <param name="size">The length.</param>
    /// <param name="failure">Why the parent address could not be translated, or <see cref="AddressTranslationFailure.None"/>.</param>
    public PciRange(string nodePath, int index, AddressBusKind childBus, uint physHigh, ulong childAddress, ulong parentAddress, ulong cpuAddress, ulong size, AddressTranslationFailure failure)
    {
        NodePath = nodePath ?? throw new ArgumentNullException(nameof(nodePath));
        Index = index;
        ChildBus = childBus;
        PhysHigh = physHigh;
        ChildAddress = childAddress;
        ParentAddress = parentAddress;
        CpuAddress = cpuAddress;
        Size = size;
        Failure = failure;
    }

    /// <summary>The all-ones "bad address" marker Xen passes on for an untranslatable range.</summary>
    public const ulong BadAddress = ulong.MaxValue;

    /// <summary>Full path of the bridge node.</summary>
    public string NodePath { get; }

    /// <summary>Tuple index in <c>ranges</c>.</summary>
    public int Index { get; }

    /// <summary>The node's own bus kind (PCI → 3 child address cells and 2 size cells).</summary>
    public AddressBusKind ChildBus { get; }

    /// <summary>The first child address cell (<c>phys.hi</c> on a PCI bus, <c>npt000ss bbbbbbbb dddddfff rrrrrrrr</c>).</summary>
    public uint PhysHigh { get; }

    /// <summary>The PCI space code (bits 24–25 of <see cref="PhysHigh"/>); meaningful when <see cref="ChildBus"/> is PCI.</summary>
    public PciSpace Space => (PciSpace)((PhysHigh >> 24) & 3);

    /// <summary>The <c>p</c> bit (bit 30): prefetchable memory.</summary>
    public bool Prefetchable => (PhysHigh & 0x40000000u) != 0;

    /// <summary>The <c>n</c> bit (bit 31): the address is not relocatable.</summary>
    public bool NonRelocatable => (PhysHigh & 0x80000000u) != 0;

    /// <summary>The <c>t</c> bit (bit 29): aliased (or below 1 MiB / 64 KiB).</summary>
    public bool Aliased => (PhysHigh & 0x20000000u) != 0;

    /// <summary>The child bus address (PCI: the low two cells).</summary>
    public ulong ChildAddress { get; }

    /// <summary>The parent bus address before translation.</summary>
    public ulong ParentAddress { get; }

    /// <summary>The CPU address; <see cref="BadAddress"/> when <see cref="IsTranslated"/> is false.</summary>
    public ulong CpuAddress { get; }

    /// <summary>The length.</summary>
    public ulong Size { get; }

    /// <summary>Why the parent address could not be translated (<see cref="AddressTranslationFailure.None"/> when it was).</summary>
    public AddressTranslationFailure Failure { get; }

    /// <summary>True when the parent address was translated.</summary>
    public bool IsTranslated => Failure == AddressTranslationFailure.None;

    /// <summary>
    /// True when <c>CpuAddress + Size</c> exceeds 2^64 - 1, Xen 4.18+'s test (<c>all_ones - cpu_addr &lt; len</c>) that
    /// makes P2 fail with -ERANGE; always true for an untranslated range of non-zero length.
    /// </summary>
    public bool Overflows => ulong.MaxValue - CpuAddress < Size;

    /// <inheritdoc/>
    public bool Equals(PciRange other) =>
        string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) && Index == other.Index && ChildBus == other.ChildBus &&
        PhysHigh == other.PhysHigh && ChildAddress == other.ChildAddress && ParentAddress == other.ParentAddress &&
        CpuAddress == other.CpuAddress && Size == other.Size && Failure == other.Failure;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PciRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((CpuAddress.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ Index;

    /// <summary>Prints space, child address, CPU address and size.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => ChildBus == AddressBusKind.Pci
        ? FormattableString.Invariant($"{NodePath} #{Index}: {Space}{(Prefetchable ? " prefetchable" : string.Empty)} 0x{ChildAddress:x} -> 0x{CpuAddress:x} size 0x{Size:x}")
        : FormattableString.Invariant($"{NodePath} #{Index}: 0x{ChildAddress:x} -> 0x{CpuAddress:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(PciRange left, PciRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(PciRange left, PciRange right) => !left.Equals(right);
}
