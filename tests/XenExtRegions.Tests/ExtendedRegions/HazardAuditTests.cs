using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Spec §17.2, §17.3, §17.8: hazards Xen leaves to the user, as audit findings with stable ids.</summary>
public sealed class HazardAuditTests
{
    private static readonly ExtendedRegionsEngine Engine = new();

    private static ExtendedRegionsInput DirectMappedDomU(string release, bool enhanced) => new()
    {
        Release = XenRelease.Parse(release), Kind = DomainKind.DirectMappedDomU, DomainName = "d1", XenEnhanced = enhanced, IpaBits = 40,
        HostRam = [new MemoryBank(0x40000000, 0x80000000, MemoryBankKind.HostRam), new MemoryBank(0x100000000, 0x40000000, MemoryBankKind.HostRam)],
        DomainRam = [new MemoryBank(0x40000000, 0x10000000, MemoryBankKind.DomainRam)],
    };

    [Theory]
    [InlineData("4.21", true, true)]
    [InlineData("4.22", true, true)]
    [InlineData("master", true, true)]
    [InlineData("4.20.4", true, false)]
    [InlineData("4.21", false, false)]
    public void A_direct_mapped_domU_s_xenstore_page_may_lie_in_a_region_below_4_GiB_from_4_21(string release, bool enhanced, bool expected)
    {
        ExtendedRegionsResult result = Engine.Compute(DirectMappedDomU(release, enhanced));
        Assert.Equal(enhanced ? 2 : 0, result.Regions.Count);
        var findings = ExtendedRegionAudit.Audit(result).Where(f => f.Kind == AuditFindingKind.XenstorePageMayLieInRegion).ToList();
        if (!expected)
        {
            Assert.Empty(findings);
            return;
        }

        AuditFinding f = Assert.Single(findings);
        Assert.Equal(0, f.RegionIndex);
        Assert.Equal(AuditSeverity.Warning, f.Severity);
        Assert.Equal(result.Regions[0].Range, f.Overlap!.Value);
        Assert.True(result.Regions[1].Start >= 0x100000000UL);
        Assert.Equal(11, (int)f.Kind);
    }

    private static ExtendedRegionsResult Dom0WithRegions(int count, string release = "4.21") => Engine.Compute(new ExtendedRegionsInput
    {
        Release = XenRelease.Parse(release), IpaBits = 40,
        HostRam = Enumerable.Range(0, count).Select(i => new MemoryBank(0x40000000 + ((ulong)i * 0x10000000), 0x8000000, MemoryBankKind.HostRam)).ToArray(),
    });

    [Fact]
    public void The_hardware_domain_s_hypervisor_node_over_128_bytes_is_reported_with_the_release_budget()
    {
        ExtendedRegionsResult many = Dom0WithRegions(10);
        Assert.Equal(10, many.Regions.Count);
        AuditFinding f = Assert.Single(ExtendedRegionAudit.Audit(many), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
        Assert.Contains("176 bytes", f.Message);
        Assert.Contains("DOM0_FDT_EXTRA_SIZE is 144 bytes", f.Message);
        Assert.Equal(12, (int)f.Kind);

        AuditFinding later = Assert.Single(ExtendedRegionAudit.Audit(Dom0WithRegions(10, "4.22")), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
        Assert.Contains("DOM0_FDT_EXTRA_SIZE is 4240 bytes", later.Message);
    }

    [Fact]
    public void The_budget_uses_the_root_s_cells_and_stays_quiet_within_128_bytes()
    {
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(Dom0WithRegions(7)), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
        var oneCell = new HypervisorNodeSettings { AddressCells = 1, SizeCells = 1 };
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(Dom0WithRegions(10), oneCell, null), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
        Assert.Contains(ExtendedRegionAudit.Audit(Dom0WithRegions(16), oneCell, null), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
    }

    [Theory]
    [InlineData("4.20", true)]
    [InlineData("4.16", true)]
    [InlineData("4.21", false)]
    public void Iomem_given_for_libxl_before_4_21_gets_a_note(string release, bool expected)
    {
        ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), Kind = DomainKind.ToolstackDomU, DomainName = "d1", IpaBits = 40, GuestRamBankSizes = [0x20000000],
            IoMem = [new IoMemRange(0x80000, 0x100)],
        });
        var notes = ExtendedRegionAudit.Audit(result).Where(f => f.Kind == AuditFindingKind.IoMemNotExcludedByLibxl).ToList();
        Assert.Equal(expected, notes.Count == 1);
        Assert.All(notes, n => Assert.Equal(AuditSeverity.Note, n.Severity));
    }
}
