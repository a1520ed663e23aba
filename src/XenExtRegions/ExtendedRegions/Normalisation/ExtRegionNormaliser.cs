using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// Xen's <c>add_ext_regions</c> in its three variants, with the list capacity and the silent drop when
/// full, recording what became of every free range it is handed.
/// </summary>
internal sealed class ExtRegionNormaliser
{
    private readonly NormaliserVariant _variant;
    private readonly int _capacity;

    public ExtRegionNormaliser(NormaliserVariant variant, int capacity)
    {
        _variant = variant;
        _capacity = capacity;
    }

    public List<MemoryBank> Regions { get; } = new();

    public List<FreeRangeFate> Explanation { get; } = new();

    public int DroppedBecauseFull { get; private set; }

    /// <summary>The callback of <c>rangeset_report_ranges</c>: one free range in set units (bytes or frames), inclusive.</summary>
    /// <returns>Always 0, as in Xen.</returns>
    public int Add(AddressRange range)
    {
        AddressRange free = ToBytes(range);
        if (Regions.Count >= _capacity)
        {
            DroppedBecauseFull++;
            Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.DroppedListFull, -1, 0, 0));
            return 0;
        }

        ulong s;
        ulong e;
        switch (_variant)
        {
            case NormaliserVariant.Bytes:
                s = range.First;
                e = range.Last;
                break;
            case NormaliserVariant.FramesTwoMiBShort:
                // 4.18–4.20: the end is the first byte of the last frame, not its last byte (the 2 MiB-short bug).
                s = range.First << XenConstants.PageShift;
                e = range.Last << XenConstants.PageShift;
                break;
            default:
                s = range.First << XenConstants.PageShift;
                e = unchecked(((range.Last + 1) << XenConstants.PageShift) - 1);
                break;
        }

        Append(free, s, e);
        return 0;
    }

    /// <summary>Appends a candidate that bypasses the normaliser (P3 of 4.17–4.20 without shm): kept as it is.</summary>
    public void AppendVerbatim(AddressRange free, ulong start, ulong size)
    {
        Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.Kept, Regions.Count, start, size));
        Regions.Add(new MemoryBank(start, size, MemoryBankKind.ExtendedRegion));
    }

    /// <summary>Records a candidate the producer itself dropped (P3/P4 bank tails under 64 MiB).</summary>
    public void RecordDropped(AddressRange free, FreeRangeFateKind kind, ulong start, ulong size) =>
        Explanation.Add(new FreeRangeFate(free, kind, -1, start, size));

    private void Append(AddressRange free, ulong s, ulong e)
    {
        const ulong mask = XenConstants.RegionAlignment - 1;
        if (s > ulong.MaxValue - mask)
        {
            // align_up would wrap; unreachable for inputs clipped to an IPA window below 2^64.
            Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.DroppedNothingAfterAlignment, -1, s, 0));
            return;
        }

        ulong start = (s + mask) & ~mask;
        if (start > e)
        {
            Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.DroppedNothingAfterAlignment, -1, start, 0));
            return;
        }

        ulong size = unchecked(e + 1 - start) & ~mask;
        if (size < XenConstants.MinimumRegionSize)
        {
            Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.DroppedTooSmall, -1, start, size));
            return;
        }

        Explanation.Add(new FreeRangeFate(free, FreeRangeFateKind.Kept, Regions.Count, start, size));
        Regions.Add(new MemoryBank(start, size, MemoryBankKind.ExtendedRegion));
    }

    private AddressRange ToBytes(AddressRange range)
    {
        if (_variant == NormaliserVariant.Bytes)
        {
            return range;
        }

        // The frames' real extent. Every range reported is clipped to a window of at most 2^52 frames, so the last
        // frame's end is at most 2^64 - 1 (computed modulo 2^64 as all ones) and never wraps below the start.
        ulong first = range.First << XenConstants.PageShift;
        ulong last = unchecked(((range.Last + 1) << XenConstants.PageShift) - 1);
        return new AddressRange(first, last);
    }
}
