namespace XenExtRegions.DeviceTrees;

/// <summary>Where <c>#address-cells</c> and <c>#size-cells</c> of a node's <c>reg</c> come from.</summary>
/// <remarks>
/// Only the cell lookup (where to look, and the defaults) differs between policies; bus matching and <c>ranges</c>
/// translation follow Xen's <c>device-tree.c</c> (<c>dt_match_bus</c>, <c>dt_device_get_address</c>,
/// <c>dt_for_each_range</c>) in every policy.
/// </remarks>
public enum AddressingPolicy
{
    /// <summary>
    /// Xen's <c>dt_n_addr_cells</c> / <c>dt_n_size_cells</c> (xen/common/device-tree/device-tree.c): look at the
    /// parent, then every ancestor up to the root, first hit wins; 2 and 1 when no ancestor says. The extended-region
    /// engine uses this.
    /// </summary>
    Xen = 0,

    /// <summary>
    /// The Devicetree Specification (<c>#address-cells</c> and <c>#size-cells</c>) and libfdt: the parent's properties only, 2 and 1 when the parent lacks them.
    /// </summary>
    Specification = 1,

    /// <summary>
    /// Linux's <c>of_n_addr_cells</c> / <c>of_n_size_cells</c> (drivers/of): the parent, then every ancestor up to the
    /// root, first hit wins, like Xen; but 1 and 1 when no ancestor says (<c>OF_ROOT_NODE_*_CELLS_DEFAULT</c> outside
    /// SPARC), where Xen assumes 2 and 1. What a Linux guest or Dom0 decodes from the same tree.
    /// </summary>
    Linux = 2,
}
