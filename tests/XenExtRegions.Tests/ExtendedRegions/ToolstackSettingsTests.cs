using System.Linq;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Spec §17.4: libxl (P4) has no ext_regions switch and no 32-bit check.</summary>
public sealed class ToolstackSettingsTests
{
    public static TheoryData<string> Releases => new(XenRelease.Representatives.Select(r => r.ToString()));

    private static ExtendedRegionsInput Input(string release, DomainKind kind) => new()
    {
        Release = XenRelease.Parse(release), Kind = kind, DomainName = "d1", IpaBits = 40, GuestRamBankSizes = [0x20000000],
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void A_32_bit_toolstack_domU_with_ext_regions_off_still_gets_its_regions(string release)
    {
        var engine = new ExtendedRegionsEngine();
        ExtendedRegionsResult normal = engine.Compute(Input(release, DomainKind.ToolstackDomU));
        ExtendedRegionsResult ignored = engine.Compute(Input(release, DomainKind.ToolstackDomU) with { Width = DomainWidth.Bits32, ExtendedRegionsEnabled = false });

        Assert.Equal(ExtendedRegionsOutcome.Found, ignored.Outcome);
        Assert.Equal(ProducerKind.Toolstack, ignored.Producer);
        Assert.Equal(normal.Regions, ignored.Regions);
        Assert.NotEmpty(ignored.Regions);
        Assert.Contains(ignored.Diagnostics, d => d.Id == EngineDiagnosticId.ToolstackIgnoresWidthAndOption);
        Assert.DoesNotContain(normal.Diagnostics, d => d.Id == EngineDiagnosticId.ToolstackIgnoresWidthAndOption);
    }

    [Theory]
    [InlineData(DomainWidth.Bits32, true)]
    [InlineData(DomainWidth.Bits64, false)]
    public void Each_setting_alone_is_ignored_by_libxl_but_not_by_Xen(DomainWidth width, bool enabled)
    {
        var engine = new ExtendedRegionsEngine();
        ExtendedRegionsResult libxl = engine.Compute(Input("4.21", DomainKind.ToolstackDomU) with { Width = width, ExtendedRegionsEnabled = enabled });
        ExtendedRegionsResult xen = engine.Compute(Input("4.21", DomainKind.Dom0lessDomU) with { Width = width, ExtendedRegionsEnabled = enabled });

        Assert.Equal(ExtendedRegionsOutcome.Found, libxl.Outcome);
        Assert.Equal(width == DomainWidth.Bits32 ? ExtendedRegionsOutcome.Unsupported32Bit : ExtendedRegionsOutcome.Disabled, xen.Outcome);
        Assert.Empty(xen.Regions);
    }
}
