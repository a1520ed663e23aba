using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>P1, <c>find_unallocated_memory</c> / <c>find_host_extended_regions</c>.</summary>
internal static class HostUnallocatedProducer
{
    public static (XenError Error, string? Culprit) Run(ProducerContext ctx)
    {
        ExtendedRegionsInput input = ctx.Input;
        ReleaseProfile profile = ctx.Profile;
        FreeSpace free = ctx.NewFreeSpace();

        foreach (MemoryBank bank in input.HostRam)
        {
            if (bank.Size == 0)
            {
                // Xen's boot scan drops reg tuples of size 0, so such a bank never reaches bootinfo.mem.
                ctx.Diagnose(EngineDiagnosticId.EmptyHostRamBankIgnored, "a host RAM bank of size 0 is ignored, as Xen's boot scan does", bank.Source ?? bank.ToString());
                continue;
            }

            (ulong first, ulong last) = ctx.BankToUnits(bank);
            free.Add(first, last);
        }

        ctx.RemoveBanks(free, input.DomainRam);
        ctx.RemoveBanks(free, ReservedBanks(ctx));

        MemoryBank grant = input.EffectiveGrantWindow;
        bool removeGrant = input.GrantWindow is not null && profile.GrantWindow switch
        {
            GrantWindowRule.SkipWhenEmpty => grant.Size != 0,
            GrantWindowRule.WhenGrantTablesCompiledIn => input.GrantTablesCompiledIn,
            _ => true,
        };
        if (removeGrant)
        {
            ctx.RemoveBanks(free, [grant]);
        }

        if (profile.ExcludesSharedMemory)
        {
            ctx.RemoveBanks(free, input.HostSharedMemory);
        }

        if (profile.ExcludesXenReg)
        {
            ctx.RemoveBanks(free, input.XenReg);
        }

        ctx.Report(free, 0, ctx.WindowLastUnit);
        return (XenError.None, null);
    }

    /// <summary><c>bootinfo.reserved_mem</c> in its order for the release: <c>/memreserve/</c> first from 4.19, static shm host banks in 4.17–4.18.</summary>
    private static IEnumerable<MemoryBank> ReservedBanks(ProducerContext ctx)
    {
        IEnumerable<MemoryBank> reserved = ctx.Input.ReservedMemory;
        if (ctx.Profile.ExcludesMemoryReservations)
        {
            reserved = ctx.Input.MemoryReservations.Concat(reserved);
        }

        if (ctx.Profile.SharedMemoryIsReserved)
        {
            reserved = reserved.Concat(ctx.Input.HostSharedMemory);
        }

        return reserved;
    }
}
