using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>P2, find_memory_holes (spec §5.2): what it removes, where it stops, and what it says when it stops.</summary>
public sealed class DeviceTreeHolesProducerTests
{
    private static ExtendedRegionsInput Holes(string release, params DescribedWindow[] windows) => new()
    {
        Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 40, DescribedWindows = windows,
    };

    // A direct-mapped domU with pass-through and an IOMMU: from 4.21 its xen,reg frames are subtracted from the holes.
    [Theory]
    [InlineData("4.20.1", "0x90000000->0xffffe00000")]
    [InlineData("4.21", "0x90000000->0x9000000000, 0x9000200000->0x10000000000")]
    [InlineData("latest", "0x90000000->0x9000000000, 0x9000200000->0x10000000000")]
    public void With_an_IOMMU_xen_reg_is_excluded_from_4_21(string release, string expected)
    {
        ExtendedRegionsResult result = Run(Holes(release, DescribedWindow.Reg("/memory@0", 0, 0, 0x90000000)) with
        {
            Kind = DomainKind.DirectMappedDomU,
            DomainName = "d1",
            XenReg = [Bank(0x9000000000, 0x1000, MemoryBankKind.XenReg)],
        });
        Assert.Equal(ProducerKind.DeviceTreeHoles, result.Producer);
        Assert.Equal(expected, Format(result));
    }

    [Fact]
    public void A_reg_that_cannot_be_decoded_is_logged_and_stops_the_producer_there()
    {
        ExtendedRegionsResult result = Run(Holes(
            "4.21",
            DescribedWindow.Reg("/memory@0", 0, 0, 0x90000000),
            DescribedWindow.Failed("/soc/uart", 1, DescribedWindowKind.Reg, "no translation"),
            DescribedWindow.Failed("/soc/spi", 0, DescribedWindowKind.Reg, "no translation")));
        Assert.Equal(XenError.InvalidArgument, result.Error);
        Assert.Equal("/soc/uart", result.Culprit);
        Assert.Empty(result.Regions);
        XenLogLine error = result.LogLines[0];
        Assert.Equal(XenLogLevel.Error, error.Level);
        Assert.Equal(XenLogMessage.AddressRetrievalFailed, error.Message);
        Assert.Equal("Unable to retrieve address 1 for /soc/uart", error.Text);
        Assert.DoesNotContain(result.LogLines, l => l.Text.Contains("/soc/spi", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_bridge_ranges_that_cannot_be_enumerated_fail_without_the_address_line()
    {
        ExtendedRegionsResult result = Run(Holes("4.21", DescribedWindow.Failed("/pcie@0", 0, DescribedWindowKind.PciRange, "bad ranges")));
        Assert.Equal(XenError.InvalidArgument, result.Error);
        Assert.Equal("/pcie@0", result.Culprit);
        Assert.DoesNotContain(result.LogLines, l => l.Message == XenLogMessage.AddressRetrievalFailed);
    }

    [Fact]
    public void A_PCI_range_past_2_pow_64_stops_4_18_with_ERANGE_and_names_the_range()
    {
        ExtendedRegionsResult result = Run(Holes(
            "4.18",
            DescribedWindow.PciRange("/pcie@0", 0, 0xFFFFFFFFFFFF0000, 0x20000),
            DescribedWindow.PciRange("/pcie@1", 0, 0xFFFFFFFFFFFF0000, 0x20000)));
        Assert.Equal(XenError.OutOfRange, result.Error);
        Assert.Equal("/pcie@0", result.Culprit);
        XenLogLine line = result.LogLines[0];
        Assert.Equal((XenLogLevel.Error, XenLogMessage.PciRangeTooWide), (line.Level, line.Message));
        Assert.Equal("/pcie@0: [0xffffffffffff0000, 0x10000] exceeds the maximum allowed PA width (48 bits)", line.Text);
        Assert.DoesNotContain(result.LogLines, l => l.Text.StartsWith("/pcie@1", StringComparison.Ordinal));
    }

    [Fact]
    public void An_untranslated_PCI_range_in_4_17_is_removed_at_the_all_ones_address_with_a_finding()
    {
        ExtendedRegionsResult result = Run(Holes("4.17", DescribedWindow.Reg("/memory@0", 0, 0, 0x90000000), DescribedWindow.UntranslatedPciRange("/pcie@0", 2, 0x1000, "parent bus has no ranges")));
        Assert.Equal("0x90000000->0x10000000000", Format(result));
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.UntranslatedPciRangeRemoved);
        Assert.Equal("/pcie@0", d.Subject);
        Assert.StartsWith("PCI range 2: parent bus has no ranges", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_shared_memory_is_removed_before_the_described_windows()
    {
        // 4.19.0 has the old subtraction: removing the shm bank first leaves a gap, and the later reg that starts in it
        // and reaches the next range extends the range before (spec §3.2).
        ExtendedRegionsResult result = Run(Holes(
            "4.19.0",
            DescribedWindow.Reg("/low", 0, 0, 0x40000000),
            DescribedWindow.Reg("/dev", 0, 0x58000000, 0x10000000)) with
        {
            DomainSharedMemory = [Bank(0x50000000, 0x10000000, MemoryBankKind.StaticSharedMemory)],
        });
        Assert.Equal("0x40000000->0x57e00000, 0x68000000->0xffffe00000", Format(result));
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.LegacySubtractionExtendedRange);
    }

    [Fact]
    public void A_window_wrapping_past_2_pow_64_is_removed_as_computed_with_a_finding()
    {
        // 0x1000 + (2^64 - 1) ends at 0xfff: Xen removes [0x1000, 0xfff], an inverted range (nothing, with a finding).
        ExtendedRegionsResult result = Run(Holes("4.21", DescribedWindow.Reg("/low", 0, 0, 0x40000000), DescribedWindow.Reg("/wrap", 0, 0x1000, ulong.MaxValue)));
        Assert.Equal("0x40000000->0x10000000000", Format(result));
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.RangeWrapsAround);
        Assert.Equal("/wrap", d.Subject);
        Assert.Contains("wraps past 2^64", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_ending_exactly_at_2_pow_64_is_not_a_wrap()
    {
        ExtendedRegionsResult result = Run(Holes("4.21", DescribedWindow.Reg("/low", 0, 0, 0x40000000), DescribedWindow.Reg("/top", 0, 0x8000000000, 0xFFFFFF8000000000)));
        Assert.Equal("0x40000000->0x8000000000", Format(result));
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == EngineDiagnosticId.RangeWrapsAround);
    }
}
