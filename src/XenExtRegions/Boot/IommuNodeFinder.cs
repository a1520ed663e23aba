using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Boot;

/// <summary>Finds the IOMMUs of a host tree and names the Xen driver each needs (xen/drivers/passthrough/arm).</summary>
internal static class IommuNodeFinder
{
    // The device-match tables of Xen's Arm IOMMU drivers (identical from 4.16 to master but for the newest IPMMU SoC).
    private static readonly (string Compatible, string Driver, string Kconfig, bool Default)[] Drivers =
    [
        ("arm,smmu-v1", "smmu.c (SMMUv1/v2)", "CONFIG_ARM_SMMU", true),
        ("arm,smmu-v2", "smmu.c (SMMUv1/v2)", "CONFIG_ARM_SMMU", true),
        ("arm,mmu-400", "smmu.c (SMMUv1/v2)", "CONFIG_ARM_SMMU", true),
        ("arm,mmu-401", "smmu.c (SMMUv1/v2)", "CONFIG_ARM_SMMU", true),
        ("arm,mmu-500", "smmu.c (SMMUv1/v2)", "CONFIG_ARM_SMMU", true),
        ("arm,smmu-v3", "smmu-v3.c (SMMUv3)", "CONFIG_ARM_SMMU_V3", false),
        ("renesas,ipmmu-r8a7795", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
        ("renesas,ipmmu-r8a77965", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
        ("renesas,ipmmu-r8a7796", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
        ("renesas,ipmmu-r8a77961", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
        ("renesas,ipmmu-r8a779f0", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
        ("renesas,ipmmu-r8a779g0", "ipmmu-vmsa.c (Renesas IPMMU-VMSA)", "CONFIG_IPMMU_VMSA", false),
    ];

    // Compatibles of IOMMUs Xen has no driver for, so a user sees why the IOMMU path is not taken.
    private static readonly string[] Unsupported =
    [
        "qcom,smmu-v2", "qcom,msm-iommu-v1", "rockchip,iommu", "mediatek,mt8173-m4u", "apple,dart", "arm,smmu-v3-pmcg",
        "samsung,exynos-sysmmu", "nvidia,tegra30-smmu", "allwinner,sun50i-h6-iommu", "renesas,ipmmu-vmsa",
    ];

    public static IReadOnlyList<IommuNode> Find(DeviceTree tree)
    {
        var found = new List<IommuNode>();
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            if (!node.HasProperty("compatible"))
            {
                continue;
            }

            bool enabled = node.IsEnabled;
            bool matched = false;
            foreach ((string compatible, string driver, string kconfig, bool builtByDefault) in Drivers)
            {
                if (node.IsCompatible(compatible))
                {
                    found.Add(new IommuNode(node.Path, compatible, driver, kconfig, builtByDefault, enabled));
                    matched = true;
                    break;
                }
            }

            if (matched)
            {
                continue;
            }

            foreach (string compatible in Unsupported)
            {
                if (node.IsCompatible(compatible))
                {
                    found.Add(new IommuNode(node.Path, compatible, null, null, false, enabled));
                    break;
                }
            }
        }

        return found;
    }
}
