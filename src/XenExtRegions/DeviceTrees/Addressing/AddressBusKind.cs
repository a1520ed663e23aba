namespace XenExtRegions.DeviceTrees;

/// <summary>The bus a node presents to its children, as Xen's <c>dt_match_bus</c> decides it.</summary>
public enum AddressBusKind
{
    /// <summary>Not a bus: children have no addresses (I²C/SPI buses, <c>/cpus</c>, <c>/chosen</c>…).</summary>
    None = 0,

    /// <summary>The default bus: the root, or any node with a <c>ranges</c> property; children use <c>reg</c>.</summary>
    Default,

    /// <summary>
    /// A PCI bus (<c>device_type</c> "pci", "pciex", "vci" or "ht", compared case-sensitively, or a node named
    /// <c>pci</c>/<c>pcie</c>): children use 3 address and 2 size cells and <c>assigned-addresses</c>.
    /// </summary>
    Pci,
}
