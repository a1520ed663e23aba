namespace XenExtRegions.Memory;

/// <summary>What a <see cref="MemoryBank"/> describes, and where Xen's boot-time scan found it.</summary>
public enum MemoryBankKind
{
    /// <summary>Not said.</summary>
    Unspecified = 0,

    /// <summary>Host RAM (a <c>memory</c> node's <c>reg</c> entry; Xen's <c>bootinfo.mem</c>).</summary>
    HostRam,

    /// <summary>A <c>/reserved-memory</c> child with <c>reg</c>.</summary>
    ReservedMemory,

    /// <summary>An entry of the DTB header's memory reservation block (<c>/memreserve/</c>).</summary>
    MemoryReservation,

    /// <summary><c>xen,static-mem</c> of a dom0less domain node.</summary>
    StaticMemory,

    /// <summary><c>xen,static-heap</c> in <c>/chosen</c>.</summary>
    StaticHeap,

    /// <summary>Static shared memory (<c>xen,shared-mem</c>), host or guest side.</summary>
    StaticSharedMemory,

    /// <summary>A boot module (kernel, ramdisk, device tree, XSM policy…) from <c>/chosen</c>.</summary>
    BootModule,

    /// <summary>The grant-table window (region 0 of the <c>/hypervisor</c> node).</summary>
    GrantTable,

    /// <summary>RAM assigned to the domain.</summary>
    DomainRam,

    /// <summary>Guest frames mapped for pass-through through <c>xen,reg</c>.</summary>
    XenReg,

    /// <summary>An <c>iomem</c> range of a toolstack domain configuration.</summary>
    IoMem,

    /// <summary>Address space a user declared as not free.</summary>
    UserExclusion,

    /// <summary>An extended region.</summary>
    ExtendedRegion,
}
