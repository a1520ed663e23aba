namespace XenExtRegions.ExtendedRegions;

/// <summary>Where a <see cref="DescribedWindow"/> comes from.</summary>
public enum DescribedWindowKind
{
    /// <summary>Entry <c>i</c> of a node's translated <c>reg</c> (Xen: <c>dt_device_get_address</c>).</summary>
    Reg = 0,

    /// <summary>An aperture of a PCI host bridge's <c>ranges</c> (Xen: <c>dt_for_each_range</c>).</summary>
    PciRange,
}
