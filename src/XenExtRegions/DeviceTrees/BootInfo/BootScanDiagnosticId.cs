namespace XenExtRegions.DeviceTrees;

/// <summary>Stable identifiers of boot-scan diagnostics; the value is also the log event id.</summary>
public enum BootScanDiagnosticId
{
    /// <summary>A node is nested deeper than DEVICE_TREE_MAX_DEPTH and skipped.</summary>
    NestedTooDeep = 3201,

    /// <summary>A node is skipped because its <c>status</c> is present and not "okay"/"ok" (4.19+).</summary>
    DisabledNodeSkipped = 3202,

    /// <summary>A bank of size 0 is ignored.</summary>
    EmptyBankIgnored = 3203,

    /// <summary>"Max number of supported memory regions reached" (RAM: the scan stops).</summary>
    RamBankLimitReached = 3204,

    /// <summary>The reserved-memory bank limit is reached (Xen panics).</summary>
    ReservedBankLimitReached = 3205,

    /// <summary>Invalid <c>#address-cells</c> or <c>#size-cells</c> for a memory property.</summary>
    InvalidCells = 3206,

    /// <summary>A reserved region overlaps an already recorded one (4.18+; rejected).</summary>
    ReservedOverlap = 3207,

    /// <summary>A property ends with a partial tuple, which is ignored.</summary>
    TrailingPartialTuple = 3208,

    /// <summary>A boot module lacks a usable <c>reg</c> (Xen panics).</summary>
    ModuleWithoutReg = 3209,

    /// <summary><c>/memreserve/</c> entries are only printed, not reserved (4.16–4.18).</summary>
    MemoryReservationNotReserved = 3210,

    /// <summary><c>linux,initrd-start</c>/<c>-end</c> in <c>/chosen</c> are invalid.</summary>
    InvalidInitrd = 3211,

    /// <summary>A static shared memory node is malformed or inconsistent.</summary>
    InvalidSharedMemory = 3212,

    /// <summary>A multiboot module outside <c>/chosen</c> is ignored.</summary>
    ModuleOutsideChosen = 3213,

    /// <summary>A dom0less domain node lacks a valid <c>memory</c> property.</summary>
    DomainWithoutMemory = 3214,

    /// <summary>RAM comes from the EFI memory map, memory nodes are skipped.</summary>
    MemoryNodesSkippedForUefi = 3215,

    /// <summary>A node is nested too deep and this release's boot-time scan loops forever on it (the boot hangs; before 4.20.4, 4.21.2, 4.22.0).</summary>
    NestedTooDeepHangsBoot = 3216,

    /// <summary>
    /// <c>xen,static-mem</c> in a Xen built without CONFIG_STATIC_MEMORY: master fails the scan (critical; Xen panics),
    /// earlier releases reserve the banks but cannot give them to the domain (warning).
    /// </summary>
    StaticMemoryNotCompiledIn = 3217,
}
