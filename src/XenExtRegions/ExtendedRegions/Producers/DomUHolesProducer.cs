using System;
using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>P3, <c>find_domU_holes</c>: the unused tails of a dom0less domU's two guest RAM banks.</summary>
internal static class DomUHolesProducer
{
    private static readonly ulong[] BankBase = [XenConstants.GuestRam0Base, XenConstants.GuestRam1Base];
    private static readonly ulong[] BankSize = [XenConstants.GuestRam0Size, XenConstants.GuestRam1Size];

    public static (XenError Error, string? Culprit) Run(ProducerContext ctx)
    {
        ExtendedRegionsInput input = ctx.Input;
        ExtRegionNormaliser normaliser = ctx.Normaliser;
        var kept = new List<AddressRange>(2);

        // 4.17–4.20 clip each bank with ~0 >> (64 - p2m_ipa_bits), which at 64 bits clips nothing; from 4.21 the
        // rangeset report window [0, (1 << ipa_bits) - 1] is empty at 64 bits (the shift wraps on Arm64).
        ulong clip = ctx.Profile.DomUHoles == DomUHolesVariant.Rangeset ? ctx.IpaLast : ulong.MaxValue >> (64 - input.IpaBits);
        for (int i = 0; i < 2; i++)
        {
            // Xen's arithmetic: start = align_up(base + size); a size past the bank puts start past end, so nothing is kept.
            ctx.NoteGuestBankSize(i, BankSize[i]);
            ulong used = unchecked(BankBase[i] + input.GuestRamBankSize(i));
            ulong start = AlignUp(used);
            ulong end = Math.Min(clip, BankBase[i] + BankSize[i] - 1);
            ulong length = end > start ? end - start + 1 : 0;
            if (length >= XenConstants.MinimumRegionSize)
            {
                kept.Add(new AddressRange(start, end));
            }
            else if (used <= end)
            {
                normaliser.RecordDropped(new AddressRange(used, end), length == 0 ? FreeRangeFateKind.DroppedNothingAfterAlignment : FreeRangeFateKind.DroppedTooSmall, start, length);
            }
        }

        switch (ctx.Profile.DomUHoles)
        {
            case DomUHolesVariant.BankTails:
                return Verbatim(ctx, kept);
            case DomUHolesVariant.BankTailsMinusSharedMemory:
                if (kept.Count == 0)
                {
                    return (XenError.NoEntry, null);
                }

                if (input.DomainSharedMemory.Count == 0)
                {
                    return Verbatim(ctx, kept);
                }

                // Rebuilt through a frame rangeset and add_ext_regions, 2 MiB-short bug included (find_domU_holes).
                FreeSpace withShm = Load(ctx, kept);
                ctx.RemoveBanks(withShm, input.DomainSharedMemory);
                ctx.Report(withShm, kept[0].First >> XenConstants.PageShift, kept[kept.Count - 1].Last >> XenConstants.PageShift);
                return (XenError.None, null);
            default:
                FreeSpace space = Load(ctx, kept);
                ctx.RemoveBanks(space, input.DomainSharedMemory);
                ctx.RemoveBanks(space, input.XenReg);
                ctx.Report(space, 0, ctx.WindowLastUnit);
                return (XenError.None, null);
        }
    }

    private static (XenError, string?) Verbatim(ProducerContext ctx, List<AddressRange> kept)
    {
        foreach (AddressRange range in kept)
        {
            // 4.17–4.20 without shm: the candidate is the region, sizes not truncated to 2 MiB.
            ctx.Normaliser.AppendVerbatim(range, range.First, range.LastOffset + 1);
        }

        return (kept.Count == 0 ? XenError.NoEntry : XenError.None, null);
    }

    private static FreeSpace Load(ProducerContext ctx, List<AddressRange> kept)
    {
        FreeSpace space = ctx.NewFreeSpace();
        foreach (AddressRange range in kept)
        {
            space.Add(range.First >> XenConstants.PageShift, range.Last >> XenConstants.PageShift);
        }

        return space;
    }

    private static ulong AlignUp(ulong value) =>
        unchecked((value + XenConstants.RegionAlignment - 1) & ~(XenConstants.RegionAlignment - 1));
}
