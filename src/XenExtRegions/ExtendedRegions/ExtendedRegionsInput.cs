using System;
using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// The facts Xen (or libxl) uses to choose a domain's extended regions, as a plain immutable object a user can build
/// by hand. Which lists matter depends on the producer: P1 uses the banks, P2 the described windows, P3/P4
/// the guest RAM bank sizes. Addresses are bytes.
/// </summary>
public sealed partial record ExtendedRegionsInput
{
    /// <summary>The Xen release whose behaviour is reproduced (default: the latest).</summary>
    public XenRelease Release { get; init; } = XenRelease.Latest;

    /// <summary>The domain's name as Xen prints it (<c>%pd</c>): <c>d0</c>, <c>d1</c>…</summary>
    public string DomainName { get; init; } = "d0";

    /// <summary>What the domain is (decides the producer).</summary>
    public DomainKind Kind { get; init; } = DomainKind.HardwareDomain;

    /// <summary>The domain's width; 32-bit domains get no regions from Xen. libxl does not check it (toolstack domUs get regions either way).</summary>
    public DomainWidth Width { get; init; } = DomainWidth.Bits64;

    /// <summary>Xen's <c>ext_regions</c> command-line option (default on). It applies to Dom0 and dom0less domUs; libxl (toolstack domUs) ignores it.</summary>
    public bool ExtendedRegionsEnabled { get; init; } = true;

    /// <summary>True when the domain has an IOMMU (host-layout domains then use P2).</summary>
    public bool IommuEnabled { get; init; }

    /// <summary>For a dom0less domU: whether its node carries a valid <c>xen,enhanced</c> (without it there is no <c>/hypervisor</c> node).</summary>
    public bool XenEnhanced { get; init; } = true;

    /// <summary><c>p2m_ipa_bits</c> (Xen) or <c>gpaddr_bits</c> (libxl): 1–64 (libxl also accepts 0, meaning no clipping).</summary>
    public int IpaBits { get; init; } = 40;

    /// <summary>Host RAM banks (<c>bootinfo.mem</c>), P1.</summary>
    public IReadOnlyList<MemoryBank> HostRam { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>
    /// Reserved banks from the device tree (<c>/reserved-memory</c> children, <c>xen,static-mem</c>, static heap), in
    /// boot-scan order, removed by <c>find_unallocated_memory</c>. Xen's <c>bootinfo.reserved_mem</c> is this list
    /// preceded (from 4.19) by <see cref="MemoryReservations"/>: do not repeat those entries here. The engine refuses
    /// (ArgumentException) a bank of kind <see cref="MemoryBankKind.MemoryReservation"/> here while
    /// <see cref="MemoryReservations"/> is not empty, and an <see cref="MemoryBankKind.Unspecified"/> bank equal to one of
    /// them; a <c>/reserved-memory</c> child that really repeats a <c>/memreserve/</c> entry has kind
    /// <see cref="MemoryBankKind.ReservedMemory"/>.
    /// </summary>
    public IReadOnlyList<MemoryBank> ReservedMemory { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>
    /// The DTB header's <c>/memreserve/</c> entries. From 4.19 Xen puts them at the head of its reserved list, so
    /// <c>find_unallocated_memory</c> removes them; 4.16–4.18 only print them. Give them here and only here (not also
    /// in <see cref="ReservedMemory"/>; see there for the check).
    /// </summary>
    public IReadOnlyList<MemoryBank> MemoryReservations { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>Static shared-memory host banks (<c>bootinfo.shmem</c>; start all ones = address chosen by Xen), P1.</summary>
    public IReadOnlyList<MemoryBank> HostSharedMemory { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>The domain's RAM banks (<c>kinfo->mem</c>, host addresses for a direct-mapped domain), P1.</summary>
    public IReadOnlyList<MemoryBank> DomainRam { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>
    /// The grant-table window (region 0). Null: the guest constants (<c>GUEST_GNTTAB_BASE/SIZE</c>) for dom0less and
    /// toolstack domUs; for host-layout domains "not given": P1 then removes nothing for it and region 0 is <c>&lt;0 0&gt;</c>.
    /// </summary>
    public MemoryBank? GrantWindow { get; init; }

    /// <summary>False for a Xen built with <c>CONFIG_GRANT_TABLE=n</c> (4.21+ then does not remove the window).</summary>
    public bool GrantTablesCompiledIn { get; init; } = true;

    /// <summary>The domain's static shared-memory banks at guest addresses (<c>kinfo->shm_mem</c>), P2 and P3 from 4.19.</summary>
    public IReadOnlyList<MemoryBank> DomainSharedMemory { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>Guest ranges mapped through <c>xen,reg</c> (removed from 4.21).</summary>
    public IReadOnlyList<MemoryBank> XenReg { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>The <c>iomem</c> list of an xl configuration (P4 from 4.21).</summary>
    public IReadOnlyList<IoMemRange> IoMem { get; init; } = Array.Empty<IoMemRange>();

    /// <summary>
    /// Bytes of RAM in guest bank 0 and bank 1 (dom0less and toolstack domUs); missing entries count as 0. A size
    /// larger than its bank (GUEST_RAM0_SIZE 3 GiB, GUEST_RAM1_SIZE 1016 GiB) is computed as Xen does: that bank yields
    /// no region (with a diagnostic, since Xen and libxl never build such a domain).
    /// </summary>
    public IReadOnlyList<ulong> GuestRamBankSizes { get; init; } = Array.Empty<ulong>();

    /// <summary>Every translated <c>reg</c> entry and PCI aperture of the host tree in document order (P2).</summary>
    public IReadOnlyList<DescribedWindow> DescribedWindows { get; init; } = Array.Empty<DescribedWindow>();

    /// <summary>Boot modules (not used by Xen here; checked by the safety audit).</summary>
    public IReadOnlyList<BootModule> BootModules { get; init; } = Array.Empty<BootModule>();

    /// <summary>Address space the user declares as not free (not used by Xen; checked by the safety audit).</summary>
    public IReadOnlyList<MemoryBank> UserExclusions { get; init; } = Array.Empty<MemoryBank>();

    /// <summary>The grant window this input stands for: <see cref="GrantWindow"/>, else the guest constants for domUs, else empty at 0.</summary>
    public MemoryBank EffectiveGrantWindow =>
        GrantWindow ?? (Kind is DomainKind.Dom0lessDomU or DomainKind.ToolstackDomU
            ? new MemoryBank(XenConstants.GuestGrantTableBase, XenConstants.GuestGrantTableSize, MemoryBankKind.GrantTable, "GUEST_GNTTAB")
            : new MemoryBank(0, 0, MemoryBankKind.GrantTable));

    /// <summary>Bytes of guest RAM bank <paramref name="index"/> (0 when not given).</summary>
    /// <param name="index">0 or 1.</param>
    /// <returns>The size.</returns>
    public ulong GuestRamBankSize(int index) => index < GuestRamBankSizes.Count ? GuestRamBankSizes[index] : 0;
}
