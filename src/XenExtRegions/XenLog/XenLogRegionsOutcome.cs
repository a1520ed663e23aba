namespace XenExtRegions.XenLog;

/// <summary>What a Xen console log says about one domain's extended regions (make_hypervisor_node's messages).</summary>
public enum XenLogRegionsOutcome
{
    /// <summary>The log has no extended-region line for the domain (none printed, or the lines are missing from the capture).</summary>
    NotInLog = 0,

    /// <summary>One or more <c>dN: extended region i: S-&gt;E</c> lines (4.16: <c>Extended region i: …</c>).</summary>
    Found,

    /// <summary><c>dN: extended regions support is disabled</c> (4.16: <c>The extended regions support is disabled</c>): Xen's <c>ext_regions=</c> option is off.</summary>
    Disabled,

    /// <summary><c>dN: failed to allocate extended regions</c> (4.16: <c>Failed to allocate extended regions</c>): the producer failed or found nothing.</summary>
    FailedToAllocate,

    /// <summary><c>dN: extended regions not supported for 32-bit guests</c> (4.16: <c>The extended regions are only supported for 64-bit guest currently</c>).</summary>
    Unsupported32Bit,
}
