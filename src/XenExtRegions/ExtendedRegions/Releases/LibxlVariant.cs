namespace XenExtRegions.ExtendedRegions;

/// <summary>The variants of libxl's <c>finalize_hypervisor_node</c>.</summary>
public enum LibxlVariant
{
    /// <summary>4.16–4.20: at most one region per guest RAM bank, <c>iomem</c> ignored.</summary>
    BankTails = 0,

    /// <summary>4.21+: <c>iomem</c> ranges split the bank tails (page-aligned pieces), up to 256 regions.</summary>
    IoMemSplitting,
}
