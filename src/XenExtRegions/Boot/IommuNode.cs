namespace XenExtRegions.Boot;

/// <summary>An IOMMU described by the host tree, and the Xen driver that would take it.</summary>
public sealed class IommuNode
{
    internal IommuNode(string path, string compatible, string? driver, string? kconfigOption, bool builtByDefault, bool enabled)
    {
        Path = path;
        Compatible = compatible;
        XenDriver = driver;
        KconfigOption = kconfigOption;
        BuiltByDefault = builtByDefault;
        IsEnabled = enabled;
    }

    /// <summary>The node path.</summary>
    public string Path { get; }

    /// <summary>The compatible string that identified it.</summary>
    public string Compatible { get; }

    /// <summary>Xen's driver for it (<c>smmu.c</c>, <c>smmu-v3.c</c>, <c>ipmmu-vmsa.c</c>), or null when Xen has none.</summary>
    public string? XenDriver { get; }

    /// <summary>The Kconfig option that builds the driver (<c>CONFIG_ARM_SMMU_V3</c>…), or null when Xen has no driver.</summary>
    public string? KconfigOption { get; }

    /// <summary>True when Xen's default configuration builds the driver (only the SMMUv1/v2 one: the others need the option set).</summary>
    public bool BuiltByDefault { get; }

    /// <summary>False when the node's <c>status</c> is present and not <c>okay</c>/<c>ok</c>: Xen's driver does not probe it.</summary>
    public bool IsEnabled { get; }

    /// <summary>The path and compatible.</summary>
    /// <returns>For example <c>/soc/iommu@fd800000 (arm,smmu-v3)</c>.</returns>
    public override string ToString() => Path + " (" + Compatible + ")";
}
