using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Boot;

/// <summary>Impossible layouts of a host-layout domain's RAM and grant window (Xen would never produce them).</summary>
internal static class BootBankChecks
{
    public static void Check(BootContext ctx, string domain, IReadOnlyList<MemoryBank> ram, MemoryBank? grant)
    {
        RangeSet hostRam = ctx.HostRamSet;
        RangeSet reserved = ctx.ReservedSet;
        var sorted = ram.Where(b => b.TryGetRange(out _)).OrderBy(b => b.Start).ToList();
        foreach (MemoryBank b in sorted)
        {
            AddressRange r = b.Range;
            if (hostRam.Count > 0 && !hostRam.Contains(r))
            {
                ctx.Finding(BootFindingId.BankOutsideHostRam, BootFindingSeverity.Warning, domain,
                    "RAM bank " + BootHostFacts.Range(b) + Where(b) + " is not inside host RAM (" + BootHostFacts.Banks(ctx.HostRam) + "): Xen only gives a direct-mapped domain host RAM");
            }

            if (reserved.Overlaps(r))
            {
                ctx.Finding(BootFindingId.BankOverlapsReserved, BootFindingSeverity.Warning, domain,
                    "RAM bank " + BootHostFacts.Range(b) + Where(b) + " overlaps reserved memory (" + BootHostFacts.Banks(ctx.ReservedMemory.Where(x => x.TryGetRange(out AddressRange y) && y.Overlaps(r))) + ")");
            }
        }

        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].Range.Overlaps(sorted[i].Range))
            {
                ctx.Finding(BootFindingId.BanksOverlap, BootFindingSeverity.Warning, domain,
                    "RAM banks " + BootHostFacts.Range(sorted[i - 1]) + Where(sorted[i - 1]) + " and " + BootHostFacts.Range(sorted[i]) + Where(sorted[i]) + " overlap");
            }
        }

        if (grant is MemoryBank g && g.TryGetRange(out AddressRange gr))
        {
            List<MemoryBank> hit = sorted.Where(b => b.Range.Overlaps(gr)).ToList();
            if (hit.Count > 0)
            {
                ctx.Finding(BootFindingId.GrantWindowOverlapsRam, BootFindingSeverity.Warning, domain,
                    "the grant-table window " + BootHostFacts.Range(g) + Where(g) + " overlaps the domain's RAM (" + BootHostFacts.Banks(hit) + "): Xen places it in its own image, which the domain never gets");
            }
        }
    }

    private static string Where(MemoryBank b) => b.Source is null ? string.Empty : " [" + b.Source + "]";
}
