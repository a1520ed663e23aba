namespace XenExtRegions.ExtendedRegions;

/// <summary>What the safety audit found about an advertised region.</summary>
public enum AuditFindingKind
{
    /// <summary>Overlaps a device's translated <c>reg</c> (MMIO the guest would map over).</summary>
    OverlapsDeviceRegister = 0,

    /// <summary>Overlaps a PCI host-bridge aperture.</summary>
    OverlapsPciAperture,

    /// <summary>Overlaps reserved memory (<c>/reserved-memory</c>, <c>/memreserve/</c>, static memory or shm).</summary>
    OverlapsReservedMemory,

    /// <summary>Overlaps a boot module.</summary>
    OverlapsBootModule,

    /// <summary>Overlaps space the user declared not free.</summary>
    OverlapsUserExclusion,

    /// <summary>Overlaps the domain's own RAM.</summary>
    OverlapsDomainRam,

    /// <summary>Overlaps the grant-table window (region 0).</summary>
    OverlapsGrantWindow,

    /// <summary>Overlaps host RAM described by a memory node (P2 regions must lie in holes).</summary>
    OverlapsHostRam,

    /// <summary>P1 offers space that is not host RAM.</summary>
    NotHostRam,

    /// <summary>The list is not ascending and disjoint: Linux disables the feature.</summary>
    RejectedByLinux,

    /// <summary>No section-aligned section of the region is usable by Linux.</summary>
    UnusableByLinux,

    /// <summary>
    /// 4.21+: a direct-mapped dom0less domU's xenstore page is taken from Xen's heap (below 4 GiB first) and mapped at
    /// gfn = mfn after <c>/hypervisor</c> was built, so it can lie inside this region.
    /// </summary>
    XenstorePageMayLieInRegion = 11,

    /// <summary>
    /// The hardware domain's <c>/hypervisor</c> <c>reg</c> needs more than the 128 bytes Xen budgets for the node; the
    /// boot fails (FDT_ERR_NOSPACE) unless host nodes Dom0 does not get free enough space.
    /// </summary>
    HypervisorNodeOverBudget = 12,

    /// <summary>libxl before 4.21 does not exclude a toolstack domU's <c>iomem</c> ranges from its regions.</summary>
    IoMemNotExcludedByLibxl = 13,

    /// <summary>A Zephyr guest (drivers/xen/regions.c) refuses the region at build time: it starts at 0, or is not page-aligned.</summary>
    RejectedByZephyr = 14,
}
