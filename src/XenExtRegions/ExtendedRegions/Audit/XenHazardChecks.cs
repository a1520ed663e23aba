using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Hazards Xen does not prevent (xenstore page, Dom0 device-tree budget, iomem before 4.21), from a result and its input.</summary>
internal static class XenHazardChecks
{
    /// <summary>The bytes Xen's comment on DOM0_FDT_EXTRA_SIZE sets aside for <c>/hypervisor</c>.</summary>
    private const int HypervisorNodeBudget = 128;

    /// <summary>sizeof(struct fdt_reserve_entry), part of DOM0_FDT_EXTRA_SIZE.</summary>
    private const int ReserveEntrySize = 16;

    private const ulong FourGiB = 0x1_0000_0000;

    public static void Add(ExtendedRegionsResult result, HypervisorNodeSettings node, List<AuditFinding> findings)
    {
        XenstorePage(result, findings);
        DeviceTreeBudget(result, node, findings);
        IoMemBeforeLibxlExcludesIt(result, findings);
    }

    private static void XenstorePage(ExtendedRegionsResult result, List<AuditFinding> findings)
    {
        ExtendedRegionsInput input = result.Input;

        // Only P1 offers host RAM, where the heap page can be; P2 regions are holes outside every memory node.
        if (input.Kind != DomainKind.DirectMappedDomU || !input.Release.IsAtLeast(4, 21) || !input.XenEnhanced
            || result.Producer != ProducerKind.HostUnallocatedMemory || result.Regions.Count == 0)
        {
            return;
        }

        const string why = "the xenstore page Xen allocates for this direct-mapped domU (from its heap, below 4 GiB first) is mapped at gfn = mfn after /hypervisor was built, so it can lie here; a domain with xen,enhanced = \"no-xenstore\" has none";
        bool any = false;
        for (int i = 0; i < result.Regions.Count; i++)
        {
            if (result.Regions[i].TryGetRange(out AddressRange region) && region.TryIntersect(new AddressRange(0, FourGiB - 1), out AddressRange low))
            {
                any = true;
                findings.Add(new AuditFinding(AuditFindingKind.XenstorePageMayLieInRegion, AuditSeverity.Warning, i, low, "xenstore page",
                    FormattableString.Invariant($"{Hex.Of(region.First)}->{Hex.Of(region.Last + 1)}: {why}")));
            }
        }

        if (!any)
        {
            findings.Add(new AuditFinding(AuditFindingKind.XenstorePageMayLieInRegion, AuditSeverity.Note, -1, null, "xenstore page",
                "no region lies below 4 GiB, where Xen takes the direct-mapped domU's xenstore page first; if that memory is used up, " + why));
        }
    }

    private static void DeviceTreeBudget(ExtendedRegionsResult result, HypervisorNodeSettings node, List<AuditFinding> findings)
    {
        if (result.Input.Kind is not (DomainKind.HardwareDomain or DomainKind.ColouredHardwareDomain) || result.Producer == ProducerKind.None)
        {
            return;
        }

        int entries = result.Regions.Count + 1;
        int cells = node.AddressCells + node.SizeCells;
        long regBytes = (long)entries * cells * 4;
        if (regBytes <= HypervisorNodeBudget)
        {
            return;
        }

        // 4.22 (ad6f396a3f) adds room for /memory; CONFIG_STATIC_SHM builds add NR_SHMEM_BANKS * 176 more.
        bool withMemory = result.Release.IsAtLeast(4, 22);
        int extra = HypervisorNodeBudget + ReserveEntrySize + (withMemory ? XenConstants.MaxRegions * 16 : 0);
        findings.Add(new AuditFinding(AuditFindingKind.HypervisorNodeOverBudget, AuditSeverity.Warning, -1, null, "/hypervisor",
            FormattableString.Invariant(
                $"/hypervisor's reg alone needs {regBytes} bytes ({entries} entries of {node.AddressCells}+{node.SizeCells} cells), more than the {HypervisorNodeBudget} bytes Xen budgets for the node (DOM0_FDT_EXTRA_SIZE is {extra} bytes in {result.Release}{(withMemory ? ", the rest meant for /memory" : string.Empty)}); unless the host nodes Dom0 does not get free enough space, fdt_property fails with FDT_ERR_NOSPACE and Xen panics (\"Could not set up DOM0 guest OS\")")));
    }

    private static void IoMemBeforeLibxlExcludesIt(ExtendedRegionsResult result, List<AuditFinding> findings)
    {
        ExtendedRegionsInput input = result.Input;
        if (input.Kind != DomainKind.ToolstackDomU || input.IoMem.Count == 0 || result.Release.Profile.Libxl == LibxlVariant.IoMemSplitting)
        {
            return;
        }

        string shown = string.Join(", ", input.IoMem.Take(3).Select(io => io.ToString()));
        findings.Add(new AuditFinding(AuditFindingKind.IoMemNotExcludedByLibxl, AuditSeverity.Note, -1, null, "iomem",
            FormattableString.Invariant(
                $"libxl before 4.21 does not exclude iomem from the domU's regions ({input.IoMem.Count} range(s): {shown}{(input.IoMem.Count > 3 ? ", …" : string.Empty)}); an overlap is reported per region")));
    }
}
