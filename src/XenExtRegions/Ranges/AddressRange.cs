using System;

namespace XenExtRegions.Ranges;

/// <summary>
/// One inclusive range of 64-bit addresses (or frame numbers) <c>[First, Last]</c>, as Xen's rangeset stores it.
/// </summary>
/// <remarks>
/// The whole space <c>[0, 2^64-1]</c> is representable. Its size (2^64) is not a <see cref="ulong"/>, so the
/// size and the exclusive end are offered through <see cref="TryGetSize"/> and <see cref="TryGetEnd"/>, and the
/// throwing <see cref="Size"/> / <see cref="End"/> accessors refuse the cases that would wrap.
/// </remarks>
public readonly struct AddressRange : IEquatable<AddressRange>, IComparable<AddressRange>
{
    /// <summary>Creates the range <c>[first, last]</c>.</summary>
    /// <param name="first">The first address of the range.</param>
    /// <param name="last">The last address of the range (inclusive).</param>
    /// <exception cref="ArgumentException"><paramref name="first"/> is greater than <paramref name="last"/>.</exception>
    public AddressRange(ulong first, ulong last)
    {
        if (first > last)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"An address range needs first <= last, but first is 0x{first:x} and last is 0x{last:x}."),
                nameof(first));
        }

        First = first;
        Last = last;
    }

    // For callers that already hold first <= last (a stored range clipped to a window): no check per range.
    private AddressRange(ulong first, ulong last, bool ordered)
    {
        _ = ordered;
        First = first;
        Last = last;
    }

    /// <summary>The whole 64-bit space <c>[0, 2^64-1]</c>.</summary>
    public static AddressRange Full => new(0, ulong.MaxValue);

    /// <summary>The range <c>[first, last]</c> for a caller that guarantees <paramref name="first"/> &lt;= <paramref name="last"/>.</summary>
    internal static AddressRange Ordered(ulong first, ulong last) => new(first, last, ordered: true);

    /// <summary>The first address (inclusive).</summary>
    public ulong First { get; }

    /// <summary>The last address (inclusive).</summary>
    public ulong Last { get; }

    /// <summary>The first address; the same as <see cref="First"/>, named as a bank start.</summary>
    public ulong Start => First;

    /// <summary><c>Last - First</c>: the size minus one, always representable.</summary>
    public ulong LastOffset => Last - First;

    /// <summary>True when the range ends before <c>2^64-1</c>, so its exclusive end fits a <see cref="ulong"/>.</summary>
    public bool HasRepresentableEnd => Last != ulong.MaxValue;

    /// <summary>True when the size fits a <see cref="ulong"/> (every range except <see cref="Full"/>).</summary>
    public bool HasRepresentableSize => First != 0 || Last != ulong.MaxValue;

    /// <summary>The exclusive end <c>Last + 1</c>.</summary>
    /// <exception cref="InvalidOperationException">The range ends at <c>2^64-1</c>, so its exclusive end is 2^64.</exception>
    public ulong End => HasRepresentableEnd
        ? Last + 1
        : throw new InvalidOperationException($"The range {this} ends at 2^64-1; its exclusive end 2^64 does not fit 64 bits.");

    /// <summary>The number of addresses in the range.</summary>
    /// <exception cref="InvalidOperationException">The range is the whole 64-bit space (2^64 addresses).</exception>
    public ulong Size => HasRepresentableSize
        ? Last - First + 1
        : throw new InvalidOperationException("The whole 64-bit space has 2^64 addresses, which does not fit 64 bits.");

    /// <summary>Creates <c>[start, start + size - 1]</c>.</summary>
    /// <param name="start">The first address.</param>
    /// <param name="size">The number of addresses; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is 0, or <c>start + size - 1</c> exceeds <c>2^64-1</c>.</exception>
    public static AddressRange FromStartSize(ulong start, ulong size)
    {
        if (size == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, FormattableString.Invariant($"A range at 0x{start:x} needs a size of at least 1."));
        }

        if (size - 1 > ulong.MaxValue - start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(size),
                size,
                FormattableString.Invariant($"The range at 0x{start:x} with size 0x{size:x} runs past 2^64-1."));
        }

        return new AddressRange(start, start + (size - 1));
    }

    /// <summary>Creates <c>[start, start + size - 1]</c> when that is a valid, non-empty range.</summary>
    /// <param name="start">The first address.</param>
    /// <param name="size">The number of addresses.</param>
    /// <param name="range">The range, when the method returns true.</param>
    /// <returns>False when <paramref name="size"/> is 0 or the range would run past <c>2^64-1</c>.</returns>
    public static bool TryFromStartSize(ulong start, ulong size, out AddressRange range)
    {
        if (size == 0 || size - 1 > ulong.MaxValue - start)
        {
            range = default;
            return false;
        }

        range = new AddressRange(start, start + (size - 1));
        return true;
    }

    /// <summary>Creates the range of the half-open interval <c>[start, end)</c>.</summary>
    /// <param name="start">The first address.</param>
    /// <param name="end">The exclusive end; greater than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not greater than <paramref name="start"/>.</exception>
    public static AddressRange FromStartEnd(ulong start, ulong end)
    {
        if (end <= start)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"A half-open range needs start < end, but start is 0x{start:x} and end is 0x{end:x}."),
                nameof(end));
        }

        return new AddressRange(start, end - 1);
    }

    /// <summary>Gets the exclusive end when it is representable.</summary>
    /// <param name="end">The exclusive end <c>Last + 1</c>.</param>
    /// <returns>False when the range ends at <c>2^64-1</c>.</returns>
    public bool TryGetEnd(out ulong end)
    {
        end = Last + 1;
        return HasRepresentableEnd;
    }

    /// <summary>Gets the size when it is representable.</summary>
    /// <param name="size">The number of addresses.</param>
    /// <returns>False only for <see cref="Full"/>.</returns>
    public bool TryGetSize(out ulong size)
    {
        size = Last - First + 1;
        return HasRepresentableSize;
    }

    /// <summary>True when <paramref name="address"/> lies in the range.</summary>
    /// <param name="address">The address to test.</param>
    /// <returns>True when <c>First &lt;= address &lt;= Last</c>.</returns>
    public bool Contains(ulong address) => address >= First && address <= Last;

    /// <summary>True when <paramref name="other"/> lies wholly inside this range.</summary>
    /// <param name="other">The range to test.</param>
    /// <returns>True when every address of <paramref name="other"/> is in this range.</returns>
    public bool Contains(AddressRange other) => other.First >= First && other.Last <= Last;

    /// <summary>True when the two ranges share at least one address.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>True when they overlap.</returns>
    public bool Overlaps(AddressRange other) => other.First <= Last && First <= other.Last;

    /// <summary>True when the ranges overlap or touch (one ends right before the other starts), so a union is one range.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>True when their union is a single range.</returns>
    public bool OverlapsOrTouches(AddressRange other) =>
        Overlaps(other)
        || (Last != ulong.MaxValue && Last + 1 == other.First)
        || (other.Last != ulong.MaxValue && other.Last + 1 == First);

    /// <summary>The common part of two ranges, when they overlap.</summary>
    /// <param name="other">The other range.</param>
    /// <param name="intersection">The intersection, when the method returns true.</param>
    /// <returns>False when the ranges are disjoint.</returns>
    public bool TryIntersect(AddressRange other, out AddressRange intersection)
    {
        if (!Overlaps(other))
        {
            intersection = default;
            return false;
        }

        intersection = new AddressRange(Math.Max(First, other.First), Math.Min(Last, other.Last));
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(AddressRange other) => First == other.First && Last == other.Last;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AddressRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (First.GetHashCode() * 397) ^ Last.GetHashCode();

    /// <summary>Orders by <see cref="First"/>, then by <see cref="Last"/>.</summary>
    /// <param name="other">The range to compare with.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public int CompareTo(AddressRange other)
    {
        int byFirst = First.CompareTo(other.First);
        return byFirst != 0 ? byFirst : Last.CompareTo(other.Last);
    }

    /// <summary>Prints the range as Xen's rangeset dumps do: <c>[0x48000000, 0x53ffffff]</c>.</summary>
    /// <returns>The range in inclusive hexadecimal form.</returns>
    public override string ToString() => FormattableString.Invariant($"[0x{First:x}, 0x{Last:x}]");

    /// <summary>Equality.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when both bounds are equal.</returns>
    public static bool operator ==(AddressRange left, AddressRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when a bound differs.</returns>
    public static bool operator !=(AddressRange left, AddressRange right) => !left.Equals(right);

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when <paramref name="left"/> orders first.</returns>
    public static bool operator <(AddressRange left, AddressRange right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when <paramref name="left"/> orders last.</returns>
    public static bool operator >(AddressRange left, AddressRange right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True unless <paramref name="left"/> orders last.</returns>
    public static bool operator <=(AddressRange left, AddressRange right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by <see cref="CompareTo"/>.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True unless <paramref name="left"/> orders first.</returns>
    public static bool operator >=(AddressRange left, AddressRange right) => left.CompareTo(right) >= 0;
}
