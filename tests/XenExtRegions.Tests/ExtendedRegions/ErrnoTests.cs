using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Every failure shows Xen's errno; a PCI range that does not translate carries its error like a failed reg.</summary>
public sealed class ErrnoTests
{
    public static TheoryData<string> Releases => new(XenRelease.Representatives.Select(r => r.ToString()));

    private const string UntranslatablePci = """
        /dts-v1/;
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x40000000>; };
            soc {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges = <0x0 0x0 0x0 0x10000000>;
                pcie@1000000 {
                    device_type = "pci";
                    #address-cells = <3>;
                    #size-cells = <2>;
                    reg = <0x1000000 0x1000>;
                    ranges = <0x02000000 0x0 0x0 0x80000000 0x0 0x10000000>;
                };
            };
        };
        """;

    private const string UntranslatableReg = """
        /dts-v1/;
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            soc {
                compatible = "simple-bus";
                #address-cells = <1>;
                #size-cells = <1>;
                ranges = <0x0 0x0 0x0 0x10000000>;
                uart@20000000 { reg = <0x20000000 0x1000>; };
            };
        };
        """;

    [Fact]
    public void Errno_numbers_and_names_are_Xen_s()
    {
        Assert.Equal([0, -2, -12, -22, -34], new[] { XenError.None, XenError.NoEntry, XenError.OutOfMemory, XenError.InvalidArgument, XenError.OutOfRange }.Select(e => e.ToErrno()));
        Assert.Equal(["", "ENOENT", "ENOMEM", "EINVAL", "ERANGE"], new[] { XenError.None, XenError.NoEntry, XenError.OutOfMemory, XenError.InvalidArgument, XenError.OutOfRange }.Select(e => e.ToSymbol()));
    }

    [Fact]
    public void An_untranslatable_PCI_range_is_read_with_its_reason_and_the_all_ones_address()
    {
        DescribedWindow window = Assert.Single(DescribedWindowReader.Read(DtsReader.Parse(UntranslatablePci)), w => w.Kind == DescribedWindowKind.PciRange);
        Assert.Equal("/soc/pcie@1000000", window.NodePath);
        Assert.Equal(ulong.MaxValue, window.Address);
        Assert.False(window.IsFailure);
        Assert.Contains("0x80000000", window.TranslationFailure);
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void An_untranslatable_PCI_range_fails_with_ERANGE_from_4_18_and_is_removed_as_computed_before(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        DescribedWindow window = DescribedWindowReader.Read(DtsReader.Parse(UntranslatablePci)).Single(w => w.Kind == DescribedWindowKind.PciRange);
        var input = new ExtendedRegionsInput { Release = r, IommuEnabled = true, IpaBits = 40, DescribedWindows = DescribedWindowReader.Read(DtsReader.Parse(UntranslatablePci)) };
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);

        if (r >= XenRelease.V418)
        {
            Assert.Equal(XenError.OutOfRange, window.ErrorFor(r));
            Assert.Equal(ExtendedRegionsOutcome.Failed, result.Outcome);
            Assert.Equal(-34, result.ReturnCode);
            Assert.Equal("/soc/pcie@1000000", result.Culprit);
        }
        else
        {
            Assert.Equal(XenError.None, window.ErrorFor(r));
            Assert.Equal(0, result.ReturnCode);
            Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.UntranslatedPciRangeRemoved && d.Subject == "/soc/pcie@1000000");
        }
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void A_reg_that_cannot_be_decoded_fails_with_EINVAL_in_every_release(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        var windows = DescribedWindowReader.Read(DtsReader.Parse(UntranslatableReg));
        DescribedWindow failed = Assert.Single(windows, w => w.IsFailure);
        Assert.Equal(XenError.InvalidArgument, failed.ErrorFor(r));

        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput { Release = r, IommuEnabled = true, IpaBits = 40, DescribedWindows = windows });
        Assert.Equal(XenError.InvalidArgument, result.Error);
        Assert.Equal(-22, result.ReturnCode);
        Assert.Equal("EINVAL", result.Error.ToSymbol());
        Assert.Equal("/soc/uart@20000000", result.Culprit);
    }

    [Fact]
    public void Nothing_found_is_ENOENT_for_Xen_and_0_for_libxl()
    {
        var engine = new ExtendedRegionsEngine();
        ExtendedRegionsResult xen = engine.Compute(new ExtendedRegionsInput { HostRam = [new MemoryBank(0x40000000, 0x1000000, MemoryBankKind.HostRam)] });
        Assert.Equal(-2, xen.ReturnCode);
        ExtendedRegionsResult libxl = engine.Compute(new ExtendedRegionsInput { Kind = DomainKind.ToolstackDomU, IpaBits = 32, GuestRamBankSizes = [0xC0000000] });
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, libxl.Outcome);
        Assert.Equal(0, libxl.ReturnCode);
    }

    // libxl answers gpaddr_bits above 64 with its own ERROR_INVAL (-6); the engine refuses such an input for every
    // producer before one runs, so no result ever carries it.
    [Theory]
    [InlineData(DomainKind.ToolstackDomU, 65)]
    [InlineData(DomainKind.ToolstackDomU, 255)]
    [InlineData(DomainKind.Dom0lessDomU, 65)]
    public void A_gpaddr_width_above_64_is_refused_before_any_producer_runs(DomainKind kind, int bits)
    {
        var input = new ExtendedRegionsInput { Kind = kind, IpaBits = bits, GuestRamBankSizes = [0x40000000] };
        ArgumentException error = Assert.Throws<ArgumentException>(() => new ExtendedRegionsEngine().Compute(input));
        Assert.Contains(FormattableString.Invariant($"IpaBits {bits} is outside"), error.Message, StringComparison.Ordinal);
    }
}
