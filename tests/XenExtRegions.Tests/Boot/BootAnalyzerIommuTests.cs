using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.Boot;

public sealed class BootAnalyzerIommuTests
{
    private static BootAnalysis Analyze(BootTrees trees, bool? iommu = null) =>
        new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree()) { Iommu = iommu });

    [Theory]
    [InlineData("arm,mmu-500")]
    [InlineData("arm,smmu-v2")]
    [InlineData("arm,mmu-401")]
    public void An_smmu_v1_v2_is_driven_by_Xens_default_build_so_the_IOMMU_path_is_assumed(string compatible)
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = compatible });
        Assert.True(a.IommuEnabled);
        IommuNode n = Assert.Single(a.IommuNodes);
        Assert.Equal(("/soc/iommu@5000000", "CONFIG_ARM_SMMU", true), (n.Path, n.KconfigOption, n.BuiltByDefault));
        BootFact fact = Assert.Single(a.Facts, f => f.Name == "IOMMU");
        Assert.Equal(BootFactOrigin.Inferred, fact.Origin);
        Assert.Equal(ProducerKind.DeviceTreeHoles, a.Domains[0].Result!.Producer);
    }

    [Theory]
    [InlineData("arm,smmu-v3", "CONFIG_ARM_SMMU_V3")]
    [InlineData("renesas,ipmmu-r8a7795", "CONFIG_IPMMU_VMSA")]
    public void An_IOMMU_whose_driver_is_not_built_by_default_is_assumed_off_and_names_the_option(string compatible, string option)
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = compatible });
        Assert.False(a.IommuEnabled);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.IommuDriverNotDefault);
        Assert.Contains(option, f.Message, System.StringComparison.Ordinal);
        Assert.Contains(option, a.Facts.Single(x => x.Name == "IOMMU").Source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_IOMMU_Xen_has_no_driver_for_is_said_so()
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = "rockchip,iommu" });
        Assert.False(a.IommuEnabled);
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.IommuDriverNotDefault && f.Message.Contains("no driver", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Iommu_0_on_the_command_line_wins_over_the_node()
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = "arm,mmu-500", Bootargs = "console=dtuart iommu=0" });
        Assert.False(a.IommuEnabled);
        Assert.Contains("iommu=0", a.Facts.Single(x => x.Name == "IOMMU").Source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_callers_choice_wins_over_the_tree()
    {
        BootAnalysis a = Analyze(new BootTrees { Iommu = "arm,mmu-500" }, iommu: false);
        Assert.False(a.IommuEnabled);
        Assert.Equal(BootFactOrigin.Option, a.Facts.Single(x => x.Name == "IOMMU").Origin);
    }

    [Fact]
    public void Iommu_required_without_an_IOMMU_makes_Xen_panic()
    {
        BootAnalysis a = Analyze(new BootTrees { Bootargs = "iommu=required" });
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.IommuRequiredWithoutIommu && f.Severity == BootFindingSeverity.Error);
    }

    [Fact]
    public void A_disabled_IOMMU_node_does_not_count()
    {
        var trees = new BootTrees { Iommu = "arm,mmu-500\"; status = \"disabled" };
        BootAnalysis a = Analyze(trees);
        Assert.False(a.IommuEnabled);
        Assert.False(Assert.Single(a.IommuNodes).IsEnabled);
    }
}
