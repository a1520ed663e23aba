using System;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// One address window the host device tree describes, as P2 sees it: a node's translated <c>reg</c>
/// entry or a PCI host-bridge aperture, in CPU physical addresses, or the reason it could not be translated.
/// </summary>
public readonly struct DescribedWindow : IEquatable<DescribedWindow>
{
    // The path, or the node whose path it is: P2 reads every reg entry of a tree, and most paths are never printed.
    private readonly object _node;

    private DescribedWindow(object nodePath, int index, DescribedWindowKind kind, ulong address, ulong size, string? failure, string? translationFailure = null)
    {
        _node = nodePath ?? throw new ArgumentNullException(nameof(nodePath));
        Index = index;
        Kind = kind;
        Address = address;
        Size = size;
        Failure = failure;
        TranslationFailure = translationFailure;
    }

    /// <summary>The full path of the node, e.g. <c>/soc/serial@e6e88000</c>.</summary>
    public string NodePath => _node as string ?? ((DeviceTreeNode?)_node)?.Path!;

    /// <summary>The entry index within the node's <c>reg</c> or <c>ranges</c>.</summary>
    public int Index { get; }

    /// <summary>A <c>reg</c> entry or a PCI aperture.</summary>
    public DescribedWindowKind Kind { get; }

    /// <summary>The CPU physical address (all ones for a PCI range whose parent address did not translate, as Xen passes it on).</summary>
    public ulong Address { get; }

    /// <summary>The size in bytes, as written (may be 0, may run past 2^64).</summary>
    public ulong Size { get; }

    /// <summary>Why the entry could not be decoded, or null when it was.</summary>
    public string? Failure { get; }

    /// <summary>True when the entry could not be decoded (P2 then fails as Xen does).</summary>
    public bool IsFailure => Failure is not null;

    /// <summary>
    /// For a PCI range whose parent address does not translate to a CPU address: why. Xen's <c>dt_for_each_range</c>
    /// still passes such a range on, with the all-ones address, so it is not a <see cref="Failure"/>; what Xen does
    /// with it depends on the release (see <see cref="ErrorFor(XenRelease)"/>).
    /// </summary>
    public string? TranslationFailure { get; }

    /// <summary>
    /// The error Xen's <c>find_memory_holes</c> returns when it meets this entry in <paramref name="release"/>:
    /// <see cref="XenError.InvalidArgument"/> (-EINVAL) for an entry that cannot be decoded;
    /// <see cref="XenError.OutOfRange"/> (-ERANGE) from 4.18 for a PCI range that runs past 2^64 - 1 (an untranslated
    /// one included, since its address is all ones); otherwise <see cref="XenError.None"/> (4.16–4.17 remove such a
    /// range as computed, wrapping).
    /// </summary>
    /// <param name="release">The release.</param>
    /// <returns>The error, or <see cref="XenError.None"/>.</returns>
    public XenError ErrorFor(XenRelease release) => ErrorFor(release.Profile.ChecksPciRangeWidth);

    internal XenError ErrorFor(bool checksPciRangeWidth)
    {
        if (IsFailure)
        {
            return XenError.InvalidArgument;
        }

        bool pastEnd = Kind == DescribedWindowKind.PciRange && ulong.MaxValue - Address < Size;
        return pastEnd && checksPciRangeWidth ? XenError.OutOfRange : XenError.None;
    }

    /// <summary>A decoded <c>reg</c> entry.</summary>
    /// <param name="nodePath">Node path.</param>
    /// <param name="index">Entry index.</param>
    /// <param name="address">CPU address.</param>
    /// <param name="size">Size.</param>
    /// <returns>The window.</returns>
    public static DescribedWindow Reg(string nodePath, int index, ulong address, ulong size) =>
        new(nodePath, index, DescribedWindowKind.Reg, address, size, null);

    /// <summary>A decoded <c>reg</c> entry of <paramref name="node"/>, whose path is made when first asked for.</summary>
    internal static DescribedWindow Reg(DeviceTreeNode node, int index, ulong address, ulong size) =>
        new(node, index, DescribedWindowKind.Reg, address, size, null);

    /// <summary>A PCI aperture (an untranslatable parent address is passed as all ones, as Xen does).</summary>
    /// <param name="nodePath">Host-bridge node path.</param>
    /// <param name="index">Entry index in <c>ranges</c>.</param>
    /// <param name="cpuAddress">CPU address.</param>
    /// <param name="size">Length.</param>
    /// <returns>The window.</returns>
    public static DescribedWindow PciRange(string nodePath, int index, ulong cpuAddress, ulong size) =>
        new(nodePath, index, DescribedWindowKind.PciRange, cpuAddress, size, null);

    /// <summary>A PCI aperture whose parent address does not translate: Xen passes it on with the all-ones address.</summary>
    /// <param name="nodePath">Host-bridge node path.</param>
    /// <param name="index">Entry index in <c>ranges</c>.</param>
    /// <param name="size">Length.</param>
    /// <param name="reason">Why the parent address does not translate.</param>
    /// <returns>The window.</returns>
    public static DescribedWindow UntranslatedPciRange(string nodePath, int index, ulong size, string reason) =>
        new(nodePath, index, DescribedWindowKind.PciRange, ulong.MaxValue, size, null, reason ?? throw new ArgumentNullException(nameof(reason)));

    /// <summary>An entry that could not be decoded (a <c>reg</c> that does not translate, or host-bridge <c>ranges</c> that cannot be enumerated).</summary>
    /// <param name="nodePath">Node path.</param>
    /// <param name="index">Entry index.</param>
    /// <param name="kind">What was being decoded.</param>
    /// <param name="reason">Why it failed.</param>
    /// <returns>The failed window.</returns>
    public static DescribedWindow Failed(string nodePath, int index, DescribedWindowKind kind, string reason) =>
        new(nodePath, index, kind, ulong.MaxValue, 0, reason ?? throw new ArgumentNullException(nameof(reason)));

    /// <inheritdoc/>
    public bool Equals(DescribedWindow other) =>
        string.Equals(NodePath, other.NodePath, StringComparison.Ordinal) && Index == other.Index && Kind == other.Kind
        && Address == other.Address && Size == other.Size && string.Equals(Failure, other.Failure, StringComparison.Ordinal)
        && string.Equals(TranslationFailure, other.TranslationFailure, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DescribedWindow other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((NodePath?.GetHashCode() ?? 0) * 397) ^ (Address.GetHashCode() * 31) ^ Index;

    /// <summary>Prints the window.</summary>
    /// <returns>A readable description.</returns>
    public override string ToString() => IsFailure
        ? FormattableString.Invariant($"{NodePath} {Kind}[{Index}]: {Failure}")
        : TranslationFailure is not null
            ? FormattableString.Invariant($"{NodePath} {Kind}[{Index}]: untranslated (passed on as 0x{Address:x}) size 0x{Size:x}: {TranslationFailure}")
            : FormattableString.Invariant($"{NodePath} {Kind}[{Index}]: 0x{Address:x} size 0x{Size:x}");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(DescribedWindow left, DescribedWindow right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(DescribedWindow left, DescribedWindow right) => !left.Equals(right);
}
