using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Cases where each release's own code was run on the same inputs (spec §17.9): the engine must say the same.</summary>
public sealed class GroundTruthTests
{
    private static ExtendedRegionsResult DomU(string release, int ipaBits, ulong bank0, ulong bank1) =>
        new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release),
            DomainName = "d1",
            Kind = DomainKind.Dom0lessDomU,
            IpaBits = ipaBits,
            GuestRamBankSizes = [bank0, bank1],
        });

    [Theory]
    [InlineData("4.17")]
    [InlineData("4.18")]
    [InlineData("4.19.3")]
    [InlineData("4.20.1")]
    public void Find_domU_holes_at_ipa_64_has_no_report_window_before_4_21_and_returns_both_bank_tails(string release)
    {
        ExtendedRegionsResult r = DomU(release, 64, 0, 0);
        Assert.Equal([(0x40000000UL, 0xC0000000UL), (0x200000000UL, 0xFE00000000UL)], r.Regions.Select(x => (x.Start, x.Size)));
    }

    [Theory]
    [InlineData("4.21")]
    [InlineData("4.22")]
    public void Find_domU_holes_at_ipa_64_finds_nothing_from_4_21(string release)
    {
        ExtendedRegionsResult r = DomU(release, 64, 0, 0);
        Assert.Empty(r.Regions);
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, r.Outcome);
    }

    [Fact]
    public void A_zero_size_bank_that_is_not_page_aligned_removes_its_whole_page_from_4_18()
    {
        // find_host_extended_regions with frame rangesets: outward rounding turns [0x50000800, 0x500007ff] into page 0x50000.
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.V421,
            HostRam = [new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)],
            DomainRam = [new MemoryBank(0x48000000, 0x8000000, MemoryBankKind.DomainRam)],
            ReservedMemory = [new MemoryBank(0x70000800, 0, MemoryBankKind.ReservedMemory)],
            GrantWindow = new MemoryBank(0x41000000, 0x40000, MemoryBankKind.GrantTable),
        };
        ExtendedRegionsResult r = new ExtendedRegionsEngine().Compute(input);
        Assert.Contains(r.Regions, x => x.Start == 0x70200000);
        Assert.DoesNotContain(r.Regions, x => x.Start <= 0x70000000 && x.Start + x.Size > 0x70000000);
    }
}
