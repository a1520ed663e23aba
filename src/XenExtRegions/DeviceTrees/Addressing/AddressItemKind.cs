namespace XenExtRegions.DeviceTrees;

/// <summary>What an <see cref="AddressItem"/> describes.</summary>
public enum AddressItemKind
{
    /// <summary>One entry of a node's <c>reg</c> (or, under a PCI bus, <c>assigned-addresses</c>).</summary>
    Reg = 0,

    /// <summary>One entry of a PCI host bridge's <c>ranges</c> (an aperture).</summary>
    PciRange,
}
