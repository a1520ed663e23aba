using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// One free range a producer saw (bytes, inclusive, already clipped to the address window) and what became of it.
/// </summary>
public sealed class FreeRangeFate
{
    /// <summary>Creates an entry.</summary>
    /// <param name="freeRange">The free range in bytes.</param>
    /// <param name="kind">Its fate.</param>
    /// <param name="regionIndex">The region index when kept, else -1.</param>
    /// <param name="regionStart">The start Xen computed (aligned up), when it got that far.</param>
    /// <param name="regionSize">The size Xen computed, when it got that far.</param>
    public FreeRangeFate(AddressRange freeRange, FreeRangeFateKind kind, int regionIndex, ulong regionStart, ulong regionSize)
    {
        FreeRange = freeRange;
        Kind = kind;
        RegionIndex = regionIndex;
        RegionStart = regionStart;
        RegionSize = regionSize;
    }

    /// <summary>The free range in bytes.</summary>
    public AddressRange FreeRange { get; }

    /// <summary>What became of it.</summary>
    public FreeRangeFateKind Kind { get; }

    /// <summary>The index among the extended regions (0-based, as Xen logs it) when kept; -1 otherwise.</summary>
    public int RegionIndex { get; }

    /// <summary>The computed region start.</summary>
    public ulong RegionStart { get; }

    /// <summary>The computed region size (0 when nothing was left).</summary>
    public ulong RegionSize { get; }

    /// <summary>Bytes lost at the start by aligning up to 2 MiB.</summary>
    public ulong StartRoundedUpBy => RegionStart >= FreeRange.First ? RegionStart - FreeRange.First : 0;

    /// <summary>Bytes lost at the end (size truncation, and the 2 MiB-short bug of 4.18–4.20).</summary>
    public ulong SizeCutBy
    {
        get
        {
            if (Kind != FreeRangeFateKind.Kept)
            {
                return 0;
            }

            // Free bytes after the aligned start, minus what was kept, both counted less one: the whole 2^64-byte
            // space kept from 0 would otherwise wrap to a count of 0.
            if (RegionSize == 0 || RegionStart > FreeRange.Last)
            {
                return 0;
            }

            ulong afterLessOne = FreeRange.Last - RegionStart;
            ulong keptLessOne = RegionSize - 1;
            return afterLessOne >= keptLessOne ? afterLessOne - keptLessOne : 0;
        }
    }

    /// <summary>Describes the fate in one sentence.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string free = FormattableString.Invariant($"free {Hex.Of(FreeRange.First)}..{Hex.Of(FreeRange.Last)}");
        return Kind switch
        {
            FreeRangeFateKind.Kept => FormattableString.Invariant(
                $"{free}: kept as region {RegionIndex} {Hex.Of(RegionStart)}->{Hex.Of(RegionStart + RegionSize)} (start rounded up by {Hex.Of(StartRoundedUpBy)}, size cut by {Hex.Of(SizeCutBy)})"),
            FreeRangeFateKind.DroppedNothingAfterAlignment => $"{free}: dropped, nothing left after aligning the start to 2 MiB",
            FreeRangeFateKind.DroppedTooSmall => FormattableString.Invariant(
                $"{free}: dropped, {Hex.Of(RegionSize)} bytes at {Hex.Of(RegionStart)} after alignment is under 64 MiB"),
            _ => $"{free}: dropped, the region list was full",
        };
    }
}
