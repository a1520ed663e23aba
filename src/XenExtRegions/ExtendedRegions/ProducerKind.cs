namespace XenExtRegions.ExtendedRegions;

/// <summary>Which producer computed the regions.</summary>
public enum ProducerKind
{
    /// <summary>None ran (disabled, 32-bit domain, or no <c>/hypervisor</c> node).</summary>
    None = 0,

    /// <summary>P1 <c>find_unallocated_memory</c>: host RAM not given to the domain.</summary>
    HostUnallocatedMemory,

    /// <summary>P2 <c>find_memory_holes</c>: holes of the host device tree.</summary>
    DeviceTreeHoles,

    /// <summary>P3 <c>find_domU_holes</c>: unused tails of a dom0less domU's RAM banks.</summary>
    DomUHoles,

    /// <summary>P4 libxl <c>finalize_hypervisor_node</c>.</summary>
    Toolstack,
}
