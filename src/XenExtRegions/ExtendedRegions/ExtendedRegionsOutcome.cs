namespace XenExtRegions.ExtendedRegions;

/// <summary>How the computation ended.</summary>
public enum ExtendedRegionsOutcome
{
    /// <summary>At least one region.</summary>
    Found = 0,

    /// <summary>The producer found nothing of 64 MiB or more (-ENOENT for Xen, a warning for libxl).</summary>
    NoneFound,

    /// <summary>The producer failed (-EINVAL, -ERANGE, -ENOMEM); <see cref="ExtendedRegionsResult.Culprit"/> says what.</summary>
    Failed,

    /// <summary><c>ext_regions=0</c> on Xen's command line.</summary>
    Disabled,

    /// <summary>32-bit domain: no regions.</summary>
    Unsupported32Bit,

    /// <summary>The domain gets no <c>/hypervisor</c> node at all (dom0less domU in 4.16, or without <c>xen,enhanced</c>).</summary>
    NoHypervisorNode,
}
