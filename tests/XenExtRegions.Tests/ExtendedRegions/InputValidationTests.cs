using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class InputValidationTests
{
    private const ulong Bank0Limit = ulong.MaxValue - XenConstants.GuestRam0Base - (XenConstants.RegionAlignment - 1);
    private const ulong Bank1Limit = ulong.MaxValue - XenConstants.GuestRam1Base - (XenConstants.RegionAlignment - 1);

    public static TheoryData<DomainKind, string> KindsAndReleases()
    {
        var data = new TheoryData<DomainKind, string>();
        foreach (XenRelease r in XenRelease.Representatives)
        {
            data.Add(DomainKind.ToolstackDomU, r.ToString());
            if (r >= XenRelease.V417)
            {
                data.Add(DomainKind.Dom0lessDomU, r.ToString());
            }
        }

        return data;
    }

    private static ExtendedRegionsInput Input(DomainKind kind, string release, params ulong[] sizes) => new()
    {
        Release = XenRelease.Parse(release), Kind = kind, DomainName = "d1", IpaBits = 40, GuestRamBankSizes = sizes,
    };

    [Theory]
    [MemberData(nameof(KindsAndReleases))]
    public void A_guest_RAM_bank_larger_than_its_bank_is_computed_and_yields_no_region(DomainKind kind, string release)
    {
        var engine = new ExtendedRegionsEngine();
        ExtendedRegionsResult full = engine.Compute(Input(kind, release, XenConstants.GuestRam0Size, 0x10000000));
        foreach (ulong size in new[] { XenConstants.GuestRam0Size + 1, 0x1_0000_0000_0000UL, Bank0Limit })
        {
            ExtendedRegionsResult over = engine.Compute(Input(kind, release, size, 0x10000000));
            Assert.Equal(full.Regions, over.Regions);
            Assert.NotEmpty(over.Regions);
            Assert.All(over.Regions, r => Assert.True(r.Start >= XenConstants.GuestRam1Base, r.ToString()));
            EngineDiagnostic d = Assert.Single(over.Diagnostics, x => x.Id == EngineDiagnosticId.GuestRamBankLargerThanBank);
            Assert.Equal("GuestRamBankSizes[0]", d.Subject);
        }

        Assert.DoesNotContain(full.Diagnostics, x => x.Id == EngineDiagnosticId.GuestRamBankLargerThanBank);
    }

    [Theory]
    [MemberData(nameof(KindsAndReleases))]
    public void A_bank_1_larger_than_its_bank_keeps_bank_0_s_region(DomainKind kind, string release)
    {
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(Input(kind, release, 0x20000000, Bank1Limit));
        MemoryBank region = Assert.Single(result.Regions);
        Assert.Equal(0x60000000UL, region.Start);
    }

    [Theory]
    [InlineData(DomainKind.Dom0lessDomU, 0, Bank0Limit + 1)]
    [InlineData(DomainKind.ToolstackDomU, 0, ulong.MaxValue)]
    [InlineData(DomainKind.Dom0lessDomU, 1, Bank1Limit + 1)]
    [InlineData(DomainKind.ToolstackDomU, 1, ulong.MaxValue - XenConstants.GuestRam1Base)]
    public void A_size_whose_aligned_end_wraps_past_2_64_is_refused_naming_the_bank(DomainKind kind, int bank, ulong size)
    {
        ulong[] sizes = bank == 0 ? [size, 0] : [0xC0000000, size];
        var input = new ExtendedRegionsInput { Kind = kind, GuestRamBankSizes = sizes };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new ExtendedRegionsEngine().Compute(input));
        Assert.Contains($"GuestRamBankSizes[{bank}]", e.Message, StringComparison.Ordinal);
        Assert.Contains("align_up", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_guest_RAM_bank_is_refused_unless_empty()
    {
        var engine = new ExtendedRegionsEngine();
        ArgumentException e = Assert.Throws<ArgumentException>(() => engine.Compute(
            new ExtendedRegionsInput { Kind = DomainKind.Dom0lessDomU, GuestRamBankSizes = [0x20000000, 0, 0x1000] }));
        Assert.Contains("GuestRamBankSizes[2]", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(engine.Compute(new ExtendedRegionsInput { Kind = DomainKind.Dom0lessDomU, GuestRamBankSizes = [0x20000000, 0, 0] }).Regions);
    }

    [Fact]
    public void Full_guest_RAM_banks_are_accepted_and_leave_no_region_in_them()
    {
        var input = new ExtendedRegionsInput { Kind = DomainKind.ToolstackDomU, GuestRamBankSizes = [0xC0000000, 0xFE00000000] };
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
        Assert.Empty(result.Regions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == EngineDiagnosticId.GuestRamBankLargerThanBank);
    }
}
