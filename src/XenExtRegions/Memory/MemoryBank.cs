using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Memory;

/// <summary>
/// A <c>(start, size)</c> pair in bytes, as Xen's <c>struct membank</c> holds it, with what it is and where it came from.
/// </summary>
/// <remarks>
/// A bank may be empty (size 0) or reach the top of the 64-bit space; Xen computes its exclusive end modulo 2^64.
/// <see cref="TryGetRange"/> gives the inclusive range when there is one; nothing here wraps silently.
/// </remarks>
public readonly struct MemoryBank : IEquatable<MemoryBank>
{
    /// <summary>Creates a bank.</summary>
    /// <param name="start">Physical (or guest-physical) start address.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="kind">What the bank describes.</param>
    /// <param name="source">Where it came from (a node path, a command-line option…), for explanations; may be null.</param>
    public MemoryBank(ulong start, ulong size, MemoryBankKind kind = MemoryBankKind.Unspecified, string? source = null)
    {
        Start = start;
        Size = size;
        Kind = kind;
        Source = source;
    }

    /// <summary>The first address.</summary>
    public ulong Start { get; }

    /// <summary>The size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>What the bank describes.</summary>
    public MemoryBankKind Kind { get; }

    /// <summary>Where the bank came from (node path, option, log line), or null.</summary>
    public string? Source { get; }

    /// <summary>True when the size is 0.</summary>
    public bool IsEmpty => Size == 0;

    /// <summary>True when <c>Start + Size</c> exceeds 2^64 (the bank cannot exist in a 64-bit space).</summary>
    public bool Overflows => Size != 0 && Size - 1 > ulong.MaxValue - Start;

    /// <summary>Creates a bank from an inclusive range.</summary>
    /// <param name="range">The range; it must not be the whole 64-bit space, whose size does not fit.</param>
    /// <param name="kind">What the bank describes.</param>
    /// <param name="source">Where it came from.</param>
    /// <returns>The bank.</returns>
    /// <exception cref="ArgumentException">The range is the whole 64-bit space.</exception>
    public static MemoryBank FromRange(AddressRange range, MemoryBankKind kind = MemoryBankKind.Unspecified, string? source = null)
    {
        if (!range.TryGetSize(out ulong size))
        {
            throw new ArgumentException("The whole 64-bit space cannot be one bank: its size 2^64 does not fit 64 bits.", nameof(range));
        }

        return new MemoryBank(range.First, size, kind, source);
    }

    /// <summary>The inclusive range <c>[Start, Start + Size - 1]</c>, when the bank is not empty and does not overflow.</summary>
    /// <param name="range">The range.</param>
    /// <returns>False for an empty or overflowing bank.</returns>
    public bool TryGetRange(out AddressRange range) => AddressRange.TryFromStartSize(Start, Size, out range);

    /// <summary>The inclusive range of the bank.</summary>
    /// <exception cref="InvalidOperationException">The bank is empty or runs past 2^64-1.</exception>
    public AddressRange Range => TryGetRange(out AddressRange range)
        ? range
        : throw new InvalidOperationException($"Bank {this} has no inclusive range: it is empty or runs past 2^64-1.");

    /// <summary>The exclusive end <c>Start + Size</c>, when it fits 64 bits.</summary>
    /// <param name="end">The exclusive end.</param>
    /// <returns>False when the end is 2^64 or more.</returns>
    public bool TryGetEnd(out ulong end)
    {
        end = unchecked(Start + Size);
        return Size <= ulong.MaxValue - Start;
    }

    /// <summary>A copy with another kind and source.</summary>
    /// <param name="kind">The new kind.</param>
    /// <param name="source">The new source.</param>
    /// <returns>The relabelled bank.</returns>
    public MemoryBank WithKind(MemoryBankKind kind, string? source = null) => new(Start, Size, kind, source ?? Source);

    /// <inheritdoc/>
    public bool Equals(MemoryBank other) =>
        Start == other.Start && Size == other.Size && Kind == other.Kind && string.Equals(Source, other.Source, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MemoryBank other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Start.GetHashCode() * 397) ^ Size.GetHashCode()) * 397) ^ (int)Kind;

    /// <summary>Prints <c>0x48000000 size 0x78000000 (HostRam)</c>; the last byte when it exists.</summary>
    /// <returns>The bank in hexadecimal.</returns>
    public override string ToString() => TryGetRange(out AddressRange r)
        ? FormattableString.Invariant($"{r} size 0x{Size:x} ({Kind})")
        : FormattableString.Invariant($"0x{Start:x} size 0x{Size:x} ({Kind})");

    /// <summary>Equality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when start, size, kind and source match.</returns>
    public static bool operator ==(MemoryBank left, MemoryBank right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">First.</param>
    /// <param name="right">Second.</param>
    /// <returns>True when anything differs.</returns>
    public static bool operator !=(MemoryBank left, MemoryBank right) => !left.Equals(right);
}
