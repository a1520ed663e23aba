using System;
using System.Linq;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>P4, libxl's <c>finalize_hypervisor_node</c>.</summary>
internal static class ToolstackProducer
{
    private static readonly ulong[] BankBase = [XenConstants.GuestRam0Base, XenConstants.GuestRam1Base];
    private static readonly ulong[] BankSize = [XenConstants.GuestRam0Size, XenConstants.GuestRam1Size];

    public static void Run(ProducerContext ctx)
    {
        // gpaddr_bits > 64 (libxl's ERROR_INVAL) never gets here: the engine refuses IpaBits outside 0..64.
        ExtendedRegionsInput input = ctx.Input;
        // libxl computes ~0 >> (64 - gpaddr_bits): gpaddr_bits 0 (old hypervisor) shifts by 64, which Arm64 and
        // x86 treat as a shift by 0, so there is no clipping.
        ulong max = input.IpaBits is 0 or 64 ? ulong.MaxValue : (1UL << input.IpaBits) - 1;
        if (ctx.Profile.Libxl == LibxlVariant.BankTails)
        {
            BankTails(ctx, max);
        }
        else
        {
            IoMemSplitting(ctx, max);
        }

        for (int i = 0; i < ctx.Normaliser.Regions.Count; i++)
        {
            ulong start = ctx.Normaliser.Regions[i].Start;
            ulong size = ctx.Normaliser.Regions[i].Size;
            ulong end = ctx.Profile.LibxlLogsInclusiveEnd ? start + size - 1 : start + size;
            ctx.Log(XenLogLevel.Debug, XenLogMessage.ToolstackRegion, FormattableString.Invariant($"Extended region {i}: {Hex.Of(start)}->{Hex.Of(end)}"));
        }

        if (ctx.Normaliser.Regions.Count == 0)
        {
            ctx.Log(XenLogLevel.Warning, XenLogMessage.ToolstackNoSpace, "The extended regions cannot be allocated, not enough space");
        }
    }

    private static void BankTails(ProducerContext ctx, ulong max)
    {
        for (int i = 0; i < 2; i++)
        {
            ctx.NoteGuestBankSize(i, BankSize[i]);
            ulong used = unchecked(BankBase[i] + ctx.Input.GuestRamBankSize(i));
            ulong start = BankBase[i] + AlignUp(ctx.Input.GuestRamBankSize(i));
            ulong end = Math.Min(max, BankBase[i] + BankSize[i] - 1);
            ulong size = end > start ? end - start + 1 : 0;
            Emit(ctx, used, end, start, size);
        }
    }

    private static void IoMemSplitting(ProducerContext ctx, ulong max)
    {
        // libxl sorts the configuration's iomem array by gfn in place; the order of equal gfns does not matter here.
        IoMemRange[] iomem = ctx.Input.IoMem.OrderBy(r => r.GuestFrame).ToArray();
        foreach (IoMemRange io in iomem)
        {
            DiagnoseWrap(ctx, io);
        }

        int count() => ctx.Normaliser.Regions.Count;
        for (int i = 0; i < 2 && count() < XenConstants.MaxRegions; i++)
        {
            ctx.NoteGuestBankSize(i, BankSize[i]);
            ulong used = unchecked(BankBase[i] + ctx.Input.GuestRamBankSize(i));
            ulong uStart = BankBase[i] + AlignUp(ctx.Input.GuestRamBankSize(i));
            ulong uEnd = Math.Min(max, BankBase[i] + BankSize[i] - 1);
            ulong unallocated = uEnd >= uStart ? uEnd - uStart + 1 : 0;
            if (unallocated < XenConstants.MinimumRegionSize)
            {
                Emit(ctx, used, uEnd, uStart, unallocated);
                continue;
            }

            ulong pieceFree = used;
            foreach (IoMemRange io in iomem)
            {
                if (count() >= XenConstants.MaxRegions)
                {
                    break;
                }

                ulong ioStart = unchecked(io.GuestFrame << XenConstants.PageShift);
                ulong ioEnd = unchecked(((io.GuestFrame + io.FrameCount) << XenConstants.PageShift) - 1);
                if (ioStart > uEnd || ioEnd < uStart)
                {
                    continue;
                }

                if (ioStart > uStart)
                {
                    Emit(ctx, pieceFree, ioStart - 1, uStart, ioStart - uStart);
                }

                uStart = unchecked(ioEnd + 1);
                pieceFree = uStart;
                if (uStart > uEnd)
                {
                    break;
                }
            }

            if (uEnd >= uStart && count() < XenConstants.MaxRegions)
            {
                Emit(ctx, pieceFree, uEnd, uStart, uEnd - uStart + 1);
            }
        }
    }

    // libxl computes an entry's bounds as gfn << 12 and ((gfn + number) << 12) - 1 in 64 bits, so an entry at or near
    // the top of the space is placed somewhere else or makes the next free start wrap to 0. The engine does the same
    // arithmetic; these say where it happens.
    private static void DiagnoseWrap(ProducerContext ctx, IoMemRange io)
    {
        const ulong lastFrame = ulong.MaxValue >> XenConstants.PageShift;
        ulong start = unchecked(io.GuestFrame << XenConstants.PageShift);
        ulong end = unchecked(((io.GuestFrame + io.FrameCount) << XenConstants.PageShift) - 1);
        if (io.GuestFrame > lastFrame)
        {
            ctx.Diagnose(EngineDiagnosticId.IoMemWraps, FormattableString.Invariant($"the iomem range starts past 2^64 - 1: libxl's gfn << 12 drops the top bits, so it excludes {Hex.Of(start)}->{Hex.Of(end)} instead"), io.ToString());
        }
        else if (io.FrameCount != 0 && io.FrameCount == lastFrame - io.GuestFrame + 1)
        {
            ctx.Diagnose(EngineDiagnosticId.IoMemWraps, "the iomem range ends at 2^64 - 1, the top of the address space: libxl's next free start (its end + 1) wraps to 0, so libxl may offer a region at 0", io.ToString());
        }
        else if (io.FrameCount != 0 && io.FrameCount > lastFrame - io.GuestFrame)
        {
            ctx.Diagnose(EngineDiagnosticId.IoMemWraps, FormattableString.Invariant($"the iomem range runs past 2^64 - 1: libxl's end address wraps to {Hex.Of(end)}, so it handles the range only approximately"), io.ToString());
        }
    }

    private static void Emit(ProducerContext ctx, ulong freeFirst, ulong freeLast, ulong start, ulong size)
    {
        if (size >= XenConstants.MinimumRegionSize)
        {
            ctx.Normaliser.AppendVerbatim(new AddressRange(Math.Min(freeFirst, start), freeLast), start, size);
        }
        else if (freeFirst <= freeLast)
        {
            ctx.Normaliser.RecordDropped(new AddressRange(freeFirst, freeLast), size == 0 ? FreeRangeFateKind.DroppedNothingAfterAlignment : FreeRangeFateKind.DroppedTooSmall, start, size);
        }
    }

    private static ulong AlignUp(ulong value) =>
        unchecked((value + XenConstants.RegionAlignment - 1) & ~(XenConstants.RegionAlignment - 1));
}
