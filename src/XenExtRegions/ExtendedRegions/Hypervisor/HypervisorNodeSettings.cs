namespace XenExtRegions.ExtendedRegions;

/// <summary>How the <c>/hypervisor</c> node is encoded: the root's cell counts and the event-channel interrupt.</summary>
public sealed class HypervisorNodeSettings
{
    /// <summary>The root's <c>#address-cells</c> (Dom0: the host tree's; domUs: 2). Xen accepts 1 or 2 only.</summary>
    public int AddressCells { get; init; } = XenConstants.GuestRootAddressCells;

    /// <summary>The root's <c>#size-cells</c>. Xen accepts 1 or 2 only.</summary>
    public int SizeCells { get; init; } = XenConstants.GuestRootSizeCells;

    /// <summary>The event-channel interrupt id (a PPI, 16–31), or null to omit <c>interrupts</c>.</summary>
    public uint? EventChannelIrq { get; init; }

    /// <summary>The GIC's phandle for <c>interrupt-parent</c>, or null to omit it.</summary>
    public uint? InterruptParent { get; init; }
}
