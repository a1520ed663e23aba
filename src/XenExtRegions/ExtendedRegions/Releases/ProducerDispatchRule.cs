namespace XenExtRegions.ExtendedRegions;

/// <summary>How <c>make_hypervisor_node</c> picks a producer.</summary>
public enum ProducerDispatchRule
{
    /// <summary>4.16: only Dom0 gets a node; IOMMU off → P1, on → P2.</summary>
    Dom0Only = 0,

    /// <summary>4.17–4.19: direct-mapped domains → P1/P2, other dom0less domUs → P3.</summary>
    DirectMapped,

    /// <summary>4.20+: host-layout domains (direct-mapped or the hardware domain) → P1/P2, others → P3.</summary>
    HostLayout,
}
