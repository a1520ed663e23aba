namespace XenExtRegions.XenLog;

/// <summary>What a boot log says about one domain's extended regions.</summary>
public enum XenLogRegionsOutcome
{
    /// <summary>The log says nothing about them.</summary>
    NotInLog = 0,

    /// <summary>At least one <c>extended region i:</c> line.</summary>
    Found,

    /// <summary><c>extended regions support is disabled</c> (<c>ext_regions=0</c>).</summary>
    Disabled,

    /// <summary><c>failed to allocate extended regions</c> (none found, or the producer failed).</summary>
    FailedToAllocate,

    /// <summary><c>extended regions not supported for 32-bit guests</c>.</summary>
    Unsupported32Bit,
}
