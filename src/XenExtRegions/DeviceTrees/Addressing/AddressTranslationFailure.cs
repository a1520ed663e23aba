namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Why an address could not be translated to a CPU physical address (Xen's <c>dt_device_get_address</c>,
/// <c>dt_for_each_range</c>).
/// </summary>
public enum AddressTranslationFailure
{
    /// <summary>No failure.</summary>
    None = 0,

    /// <summary>A bus on the way up has no <c>ranges</c> property (Xen: "DT: no ranges; cannot translate").</summary>
    NoRanges,

    /// <summary>No tuple of a bus's <c>ranges</c> contains the address (Xen: "DT: not found").</summary>
    NoMatchingRange,

    /// <summary>An ancestor is not a bus (Xen: "DT: &lt;node&gt; is not a valid bus").</summary>
    NotABus,

    /// <summary>
    /// Cell counts are invalid (address cells not 1..4, size cells 0 or negative) at some level, including a
    /// <c>#size-cells = 0</c> level crossed on the way up (Xen: "dt_parse: Bad cell count").
    /// </summary>
    BadCellCount,

    /// <summary>The node is the root or has no such entry.</summary>
    NoSuchEntry,

    /// <summary>
    /// The translation ended on 0xffffffffffffffff, the value Xen uses as its failure marker, so Xen reports a failure.
    /// </summary>
    BadAddressMarker,

    /// <summary>The node has a <c>ranges</c>-enumeration problem (missing <c>ranges</c>, bad cells, parent not a bus).</summary>
    CannotEnumerateRanges,
}
