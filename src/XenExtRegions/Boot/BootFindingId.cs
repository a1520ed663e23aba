namespace XenExtRegions.Boot;

/// <summary>Stable identifiers of boot findings (printed as <c>XRB7001</c>…); a number is never reused.</summary>
public enum BootFindingId
{
    /// <summary>The file given as a boot log has no line Xen prints.</summary>
    NotAXenLog = 7001,

    /// <summary>The log's <c>Command line:</c> differs from the tree's <c>/chosen</c> <c>xen,xen-bootargs</c>.</summary>
    CommandLineDiffers = 7002,

    /// <summary>The log's <c>RAM:</c> lines differ from the tree's memory nodes.</summary>
    HostRamDiffers = 7003,

    /// <summary>The log's <c>RESVD</c> lines differ from the tree's reserved memory.</summary>
    ReservedMemoryDiffers = 7004,

    /// <summary>The tree has no memory node Xen would read (the bootloader usually fills <c>/memory</c> in).</summary>
    NoUsableMemoryNode = 7005,

    /// <summary>The tree has an IOMMU Xen has a driver for, but the log says I/O virtualisation is disabled.</summary>
    IommuPresentButDisabled = 7006,

    /// <summary>The log says I/O virtualisation is enabled, but the tree has no IOMMU Xen can drive.</summary>
    IommuEnabledWithoutNode = 7007,

    /// <summary>An IOMMU whose Xen driver is not in Xen's default build (or that Xen has no driver for).</summary>
    IommuDriverNotDefault = 7008,

    /// <summary>A domain RAM bank lies (partly) outside host RAM.</summary>
    BankOutsideHostRam = 7009,

    /// <summary>Two domain RAM banks overlap.</summary>
    BanksOverlap = 7010,

    /// <summary>The grant-table window overlaps the domain's RAM.</summary>
    GrantWindowOverlapsRam = 7011,

    /// <summary><c>dom0_mem</c> disagrees with the total of Dom0's banks.</summary>
    Dom0MemoryDiffers = 7012,

    /// <summary>The log names a domain the tree does not describe.</summary>
    DomainNotInTree = 7013,

    /// <summary>A dom0less domain's <c>BANK</c> lines differ from the layout its <c>memory</c> property gives.</summary>
    DomainRamDiffersFromLog = 7014,

    /// <summary>A fact the computation needs is not in the tree (Xen decides it at boot) and was not given.</summary>
    FactNotKnownBeforeBoot = 7015,

    /// <summary>The release asked for differs from the log's banner.</summary>
    ReleaseDiffersFromLog = 7016,

    /// <summary>The command line's <c>ext_regions</c> disagrees with what the log printed.</summary>
    ExtendedRegionsSettingDiffers = 7017,

    /// <summary>Xen panics while building this domain (the property that makes it do so is named).</summary>
    DomainPanics = 7018,

    /// <summary>Xen up to 4.20 keeps one domain's <c>passthrough = "enabled"</c> for every later domain node.</summary>
    PassthroughCarriesOver = 7019,

    /// <summary>A note of the log reader (an unreadable Xen line, an assumption).</summary>
    LogReaderNote = 7020,

    /// <summary>A value was assumed because neither the tree nor the log says it.</summary>
    ValueAssumed = 7021,

    /// <summary>Xen rejects a command-line value.</summary>
    CommandLineProblem = 7022,

    /// <summary>The domain node describes a domain the engine cannot compute (the message says why).</summary>
    DomainNotComputable = 7023,

    /// <summary>A finding of Xen's boot-time scan of the tree.</summary>
    BootScan = 7024,

    /// <summary>A Dom0 bank overlaps reserved memory.</summary>
    BankOverlapsReserved = 7025,

    /// <summary><c>iommu=force</c>/<c>required</c> without an IOMMU Xen can set up: Xen panics.</summary>
    IommuRequiredWithoutIommu = 7026,

    /// <summary>A finding of the safety audit of a domain's regions.</summary>
    Audit = 7027,

    /// <summary>A finding of the engine (an undefined case met, a historic bug triggered).</summary>
    Engine = 7028,

    /// <summary>The log's banner names a release whose behaviour is not known; the latest release's is used.</summary>
    ReleaseUnknown = 7029,
}
