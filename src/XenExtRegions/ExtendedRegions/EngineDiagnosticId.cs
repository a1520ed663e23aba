namespace XenExtRegions.ExtendedRegions;

/// <summary>Stable identifiers of the engine's own findings (things Xen does silently or undefinedly); values are event ids.</summary>
public enum EngineDiagnosticId
{
    /// <summary>A zero-size range at a page-aligned address: Xen hands an inverted range to the rangeset.</summary>
    ZeroSizeRange = 5201,

    /// <summary>An inverted range whose outcome is undefined in Xen; the engine ignores it.</summary>
    UndefinedInvertedRange = 5202,

    /// <summary><c>start + size</c> wraps past 2^64 (a size-0 entry at address 0 wipes out the whole space).</summary>
    RangeWrapsAround = 5203,

    /// <summary>The historic rangeset subtraction re-offered a gap; the output may cover non-free space.</summary>
    LegacySubtractionExtendedRange = 5204,

    /// <summary>A removal ending at 2^64-1 corrupted the byte rangeset's order (a wrap hazard of the byte rangeset).</summary>
    RangesetOrderCorrupted = 5205,

    /// <summary>Free ranges were dropped because the region list was full.</summary>
    RegionListFull = 5206,

    /// <summary><c>ipa_bits</c> of 64: Xen's window end computes to 0, so nothing is found.</summary>
    AddressWindowEmpty = 5207,

    /// <summary>A zero-size host RAM bank: Xen's boot scan ignores it.</summary>
    EmptyHostRamBankIgnored = 5208,

    /// <summary>A coloured (non direct-mapped) hardware domain before 4.20, which had no such thing.</summary>
    ColouredHardwareDomainBefore420 = 5209,

    /// <summary>A value does not fit the root's cell count and is truncated in <c>/hypervisor</c>.</summary>
    RegValueTruncated = 5210,

    /// <summary>A libxl <c>iomem</c> entry whose end wraps past 2^64 (handled approximately by libxl).</summary>
    IoMemWraps = 5211,

    /// <summary>The release is not one this library knows (built with the constructor); the newest known release not newer than it is reproduced.</summary>
    UnknownRelease = 5212,

    /// <summary>A toolstack domU was described as 32-bit or with <c>ext_regions</c> off: libxl checks neither, so it still gets regions.</summary>
    ToolstackIgnoresWidthAndOption = 5213,

    /// <summary>A guest RAM bank size exceeds its bank: computed as Xen does (no region from that bank), but no real domain has it.</summary>
    GuestRamBankLargerThanBank = 5214,

    /// <summary>A PCI range whose parent address does not translate was removed at the all-ones address (4.16–4.17; later releases fail with -ERANGE).</summary>
    UntranslatedPciRangeRemoved = 5215,
}
