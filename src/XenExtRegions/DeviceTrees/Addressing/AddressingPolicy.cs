namespace XenExtRegions.DeviceTrees;

/// <summary>Where <c>#address-cells</c> and <c>#size-cells</c> of a node's <c>reg</c> come from.</summary>
/// <remarks>
/// Only the cell lookup differs between policies; bus matching and <c>ranges</c> translation follow Xen's
/// <c>device-tree.c</c> in both (spec §8.2–8.4).
/// </remarks>
public enum AddressingPolicy
{
    /// <summary>
    /// Xen's <c>dt_n_addr_cells</c> / <c>dt_n_size_cells</c> (spec §8.1): look at the parent, then every ancestor up
    /// to the root, first hit wins; 2 and 1 when no ancestor says. The extended-region engine uses this.
    /// </summary>
    Xen = 0,

    /// <summary>
    /// Devicetree Specification v0.4 §2.3.5 and libfdt: the parent's properties only, 2 and 1 when the parent lacks them.
    /// </summary>
    Specification = 1,
}
