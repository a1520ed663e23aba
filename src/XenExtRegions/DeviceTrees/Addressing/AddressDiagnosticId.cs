namespace XenExtRegions.DeviceTrees;

/// <summary>Stable identifiers of address-decoding diagnostics; the value is also the log event id.</summary>
public enum AddressDiagnosticId
{
    /// <summary>A parent is a PCI bus by name only (Xen warns "Missing device_type").</summary>
    MissingDeviceType = 3101,

    /// <summary>A bus on the way up lacks <c>ranges</c> (Xen: "DT: no ranges; cannot translate").</summary>
    NoRanges = 3102,

    /// <summary>No <c>ranges</c> tuple contains the address.</summary>
    NoMatchingRange = 3103,

    /// <summary>An ancestor is not a bus.</summary>
    NotABus = 3104,

    /// <summary>Invalid cell counts on the translation path.</summary>
    BadCellCount = 3105,

    /// <summary>Xen: "Unable to retrieve address i for node" (P2 fails).</summary>
    UnableToRetrieveAddress = 3106,

    /// <summary>A <c>reg</c> or <c>ranges</c> property ends with a partial tuple, which is ignored.</summary>
    TrailingPartialTuple = 3107,

    /// <summary>A size had non-zero bits above 64; only the low 64 bits are kept.</summary>
    SizeTruncated = 3108,

    /// <summary>Address + size runs past 2^64 - 1 (Xen wraps).</summary>
    AddressOverflow = 3109,

    /// <summary>A <c>reg</c> entry of size 0 (Xen removes an inverted range; a debug build asserts).</summary>
    ZeroSize = 3110,

    /// <summary>A PCI range's parent address cannot be translated; Xen passes the all-ones marker on.</summary>
    PciRangeUntranslatable = 3111,

    /// <summary>A PCI node's <c>ranges</c> cannot be enumerated (bad cells, parent not a bus; P2 fails).</summary>
    CannotEnumerateRanges = 3112,

    /// <summary>
    /// <c>device_type</c> matches "pci" only case-insensitively: P2 enumerates its ranges, but with default-bus cell
    /// counts, because Xen's <c>dt_match_bus</c> compares case-sensitively.
    /// </summary>
    PciDeviceTypeCaseMismatch = 3113,

    /// <summary>A node has <c>reg</c> but invalid cell counts (e.g. <c>#size-cells = 0</c>), so Xen sees no address.</summary>
    InvalidCellCountNoAddresses = 3114,

    /// <summary>A node has <c>reg</c> but its parent is not a bus, so Xen sees no address.</summary>
    NotOnABus = 3115,

    /// <summary>The root node has <c>reg</c>: it has no parent bus, so Xen reads no address there.</summary>
    RootReg = 3116,

    /// <summary>
    /// A child of a PCI bus has <c>reg</c> (configuration-space addresses) but no <c>assigned-addresses</c>, the
    /// property Xen takes its CPU addresses from.
    /// </summary>
    RegUnderPciBus = 3117,

    /// <summary>A node's <c>reg</c> (or <c>assigned-addresses</c>) is empty, so it holds no address.</summary>
    EmptyAddressProperty = 3118,
}
