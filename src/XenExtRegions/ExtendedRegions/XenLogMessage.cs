namespace XenExtRegions.ExtendedRegions;

/// <summary>The log lines of the feature; the numeric value is the stable <c>EventId</c> used with <c>ILogger</c>.</summary>
public enum XenLogMessage
{
    /// <summary>"extended region i: start-&gt;end" (Xen, per region).</summary>
    RegionAdvertised = 5101,

    /// <summary>"extended regions support is disabled".</summary>
    Disabled = 5102,

    /// <summary>"extended regions not supported for 32-bit guests".</summary>
    Unsupported32Bit = 5103,

    /// <summary>"failed to allocate extended regions".</summary>
    AllocationFailed = 5104,

    /// <summary>"Unable to retrieve address i for node".</summary>
    AddressRetrievalFailed = 5105,

    /// <summary>"node: [a, b] exceeds the maximum allowed PA width (N bits)".</summary>
    PciRangeTooWide = 5106,

    /// <summary>libxl "Extended region i: start-&gt;end".</summary>
    ToolstackRegion = 5107,

    /// <summary>libxl "The extended regions cannot be allocated, not enough space".</summary>
    ToolstackNoSpace = 5108,
}
