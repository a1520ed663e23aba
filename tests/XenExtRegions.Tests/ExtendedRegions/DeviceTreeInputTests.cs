using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>P2 fed from a real device tree through the addressing decoder.</summary>
public sealed class DeviceTreeInputTests
{
    private const string E2Dts = """
        /dts-v1/;
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            interrupt-controller@8000000 { reg = <0x0 0x08000000 0x0 0x10000>, <0x0 0x08010000 0x0 0x10000>; };
            pl011@9000000 { reg = <0x0 0x09000000 0x0 0x1000>; };
            pl031@9010000 { reg = <0x0 0x09010123 0x0 0x10>; status = "disabled"; };
            memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>, <0x8 0x80000000 0x0 0x80000000>; };
            pcie@3eff0000 {
                device_type = "pci";
                #address-cells = <3>;
                #size-cells = <2>;
                reg = <0x0 0x3eff0000 0x0 0x10000>;
                ranges = <0x01000000 0x0 0x00000000 0x0 0x3f000000 0x0 0x01000000>,
                         <0x02000000 0x0 0x10000000 0x0 0x10000000 0x0 0x2eff0000>,
                         <0x03000000 0x80 0x00000000 0x80 0x00000000 0x80 0x00000000>;
            };
        };
        """;

    [Theory]
    [InlineData("4.16.0")]
    [InlineData("4.18")]
    [InlineData("latest")]
    public void E2_from_dts_equals_the_hand_built_windows(string release)
    {
        DeviceTree tree = DtsReader.Parse(E2Dts);
        ExtendedRegionsInput input = new()
        {
            Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 40, DescribedWindows = DescribedWindowReader.Read(tree),
        };
        Assert.Equal(Format(Run(E2(release))), Format(Run(input)));
    }

    [Fact]
    public void An_untranslatable_reg_fails_the_producer_and_names_the_node()
    {
        const string dts = """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
                bus@f0000000 {
                    compatible = "simple-bus";
                    #address-cells = <2>;
                    #size-cells = <2>;
                    ranges = <0x0 0xf0000000 0x0 0xf0000000 0x0 0x1000000>;
                    r5f@100000000 { status = "disabled"; reg = <0x1 0x00000000 0x0 0x10000>; };
                };
            };
            """;
        ExtendedRegionsInput input = new()
        {
            IommuEnabled = true, IpaBits = 40, DescribedWindows = DescribedWindowReader.Read(DtsReader.Parse(dts)),
        };
        ExtendedRegionsResult result = Run(input);
        Assert.Equal(ExtendedRegionsOutcome.Failed, result.Outcome);
        Assert.Equal(XenError.InvalidArgument, result.Error);
        Assert.Equal("/bus@f0000000/r5f@100000000", result.Culprit);
        Assert.Equal("Unable to retrieve address 0 for /bus@f0000000/r5f@100000000", result.LogLines[0].Text);
        Assert.Equal(XenLogLevel.Error, result.LogLines[0].Level);
        Assert.Equal("d0: failed to allocate extended regions", result.LogLines[1].Text);
        Assert.Empty(result.Regions);
    }

    [Theory]
    [InlineData("4.17", 0)]
    [InlineData("4.21", 0)]
    public void A_size_0_memory_entry_at_address_0_wipes_out_the_whole_space(string release, int expected)
    {
        const string dts = """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                memory@0 { device_type = "memory"; reg = <0x0 0x0 0x0 0x0>; };
                serial@9000000 { reg = <0x0 0x09000000 0x0 0x1000>; };
            };
            """;
        ExtendedRegionsResult result = Run(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 40, DescribedWindows = DescribedWindowReader.Read(DtsReader.Parse(dts)),
        });
        Assert.Equal(expected, result.Regions.Count);
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.RangeWrapsAround && d.Subject == "/memory@0");
    }

    [Theory]
    [InlineData("4.17")]
    [InlineData("4.21")]
    public void A_size_0_entry_at_a_page_aligned_address_splits_the_hole_there(string release)
    {
        // Xen's release build splits [x.s, x.e] into [x.s, a-1] and [a, x.e]; each piece is normalised on its own.
        ExtendedRegionsResult result = Run(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 32,
            DescribedWindows = [DescribedWindow.Reg("/low", 0, 0, 0x40000000), DescribedWindow.Reg("/memory@50100000", 0, 0x50100000, 0)],
        });
        Assert.Equal("0x40000000->0x50000000, 0x50200000->0x100000000", Format(result));
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.ZeroSizeRange);
    }

    [Fact]
    public void An_untranslatable_pci_range_fails_with_erange_from_4_18_only()
    {
        DescribedWindow[] windows =
        [
            DescribedWindow.Reg("/memory@40000000", 0, 0x40000000, 0x40000000),
            DescribedWindow.PciRange("/pcie@10000000", 0, ulong.MaxValue, 0x1000000),
        ];
        ExtendedRegionsResult v418 = Run(new ExtendedRegionsInput { Release = XenRelease.V418, IommuEnabled = true, IpaBits = 40, DescribedWindows = windows });
        Assert.Equal(XenError.OutOfRange, v418.Error);
        Assert.Equal("/pcie@10000000", v418.Culprit);
        Assert.Equal("/pcie@10000000: [0xffffffffffffffff, 0xffffff] exceeds the maximum allowed PA width (48 bits)", v418.LogLines[0].Text);
        ExtendedRegionsResult v417 = Run(new ExtendedRegionsInput { Release = XenRelease.V417, IommuEnabled = true, IpaBits = 40, DescribedWindows = windows });
        Assert.Equal(ExtendedRegionsOutcome.Found, v417.Outcome);
        Assert.Contains(v417.Diagnostics, d => d.Id == EngineDiagnosticId.UndefinedInvertedRange || d.Id == EngineDiagnosticId.RangeWrapsAround);
        Assert.True(v417.Regions.Any());
    }
}

public sealed class BootFactsInputTests
{
    private const string HostDts = """
        /dts-v1/;
        /memreserve/ 0x50000000 0x10000000;
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x80000000>; };
            reserved-memory {
                #address-cells = <2>;
                #size-cells = <2>;
                ranges;
                carveout@a0000000 { reg = <0x0 0xa0000000 0x0 0x8000000>; };
            };
            chosen {
                domU1 {
                    compatible = "xen,domain";
                    #address-cells = <1>;
                    #size-cells = <1>;
                    memory = <0x0 0x100000>;
                    xen,enhanced = "enabled";
                };
            };
        };
        """;

    [Theory]
    [InlineData("4.18", "0x40000000->0x7fe00000, 0x88000000->0x9fe00000, 0xa8000000->0xbfe00000")]
    [InlineData("4.19.0", "0x40000000->0x4fe00000, 0x60000000->0x7fe00000, 0x88000000->0x9fe00000, 0xa8000000->0xbfe00000")]
    [InlineData("latest", "0x40000000->0x50000000, 0x60000000->0x80000000, 0x88000000->0xa0000000, 0xa8000000->0xc0000000")]
    public void Dom0_from_a_host_tree_follows_the_release_boot_scan(string release, string expected)
    {
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), IpaBits = 40,
            DomainRam = [new XenExtRegions.Memory.MemoryBank(0x80000000, 0x8000000, XenExtRegions.Memory.MemoryBankKind.DomainRam)],
        }.WithHostDeviceTree(XenExtRegions.DeviceTrees.DtsReader.Parse(HostDts));
        Assert.Equal(expected, Examples.Format(Examples.Run(input)));
    }

    [Fact]
    public void A_dom0less_domain_node_becomes_a_P3_input()
    {
        XenExtRegions.DeviceTrees.BootFacts facts = new XenExtRegions.DeviceTrees.BootFactsScanner(XenExtRegions.DeviceTrees.BootScanOptions.Latest).Scan(XenExtRegions.DeviceTrees.DtsReader.Parse(HostDts));
        XenExtRegions.DeviceTrees.DomainNodeFacts domU = Assert.Single(facts.Domains);
        ExtendedRegionsResult result = Examples.Run(new ExtendedRegionsInput { DomainName = "d1", IpaBits = 40 }.WithDomainNode(domU));
        Assert.Equal(ProducerKind.DomUHoles, result.Producer);
        Assert.Equal("0x80000000->0x100000000, 0x200000000->0x10000000000", Examples.Format(result));
    }
}
