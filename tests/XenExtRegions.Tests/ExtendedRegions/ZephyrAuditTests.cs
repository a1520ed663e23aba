using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class ZephyrAuditTests
{
    private static ExtendedRegionsResult HolesFromZero() => new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
    {
        IommuEnabled = true,
        IpaBits = 32,
        DescribedWindows = [],
        GrantWindow = new MemoryBank(0x41000000, 0x40000, MemoryBankKind.GrantTable),
    });

    [Fact]
    public void A_region_starting_at_0_is_one_a_Zephyr_guest_refuses()
    {
        ExtendedRegionsResult r = HolesFromZero();
        Assert.Equal(0UL, r.Regions[0].Start);
        AuditFinding f = Assert.Single(ExtendedRegionAudit.Audit(r), f => f.Kind == AuditFindingKind.RejectedByZephyr);
        Assert.Equal(0, f.RegionIndex);
        Assert.Contains("Zephyr", f.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_away_from_0_raise_no_Zephyr_finding()
    {
        ExtendedRegionsResult r = new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
        {
            HostRam = [new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)],
            DomainRam = [new MemoryBank(0x48000000, 0x8000000, MemoryBankKind.DomainRam)],
            GrantWindow = new MemoryBank(0x41000000, 0x40000, MemoryBankKind.GrantTable),
        });
        Assert.NotEmpty(r.Regions);
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(r), f => f.Kind == AuditFindingKind.RejectedByZephyr);
    }
}
