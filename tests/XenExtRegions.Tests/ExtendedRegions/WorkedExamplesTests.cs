using System.Collections.Generic;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>The worked examples E1–E15 of spec §13, for every release they name.</summary>
public sealed class WorkedExamplesTests
{
    private const string E1V16 = "0x48000000->0x54000000, 0x57000000->0x60000000, 0x70000000->0x78000000, 0x78200000->0xc0000000, 0x500000000->0x580000000, 0x600000000->0x680000000, 0x700000000->0x780000000";
    private const string E1V18 = "0x48000000->0x53e00000, 0x57000000->0x5fe00000, 0x70000000->0x78000000, 0x78200000->0xbfe00000, 0x500000000->0x57fe00000, 0x600000000->0x67fe00000, 0x700000000->0x77fe00000";

    private static TheoryData<string, string> ByRelease(string v16, string v18, string v21)
    {
        var data = new TheoryData<string, string>();
        foreach (string r in V16)
        {
            data.Add(r, v16);
        }

        foreach (string r in V18)
        {
            data.Add(r, v18);
        }

        foreach (string r in V21)
        {
            data.Add(r, v21);
        }

        return data;
    }

    public static TheoryData<string, string> E1Data => ByRelease(E1V16, E1V18, E1V16);

    [Theory]
    [MemberData(nameof(E1Data))]
    public void E1_salvator_x_host_ram(string release, string expected)
    {
        ExtendedRegionsResult result = Run(E1(release));
        Assert.Equal(ProducerKind.HostUnallocatedMemory, result.Producer);
        Assert.Equal(expected, Format(result));
        Assert.Equal(ExtendedRegionsOutcome.Found, result.Outcome);
    }

    [Fact]
    public void E1_log_lines_match_the_posted_log_wording()
    {
        string[] v417 = Run(E1("4.17")).LogLines.Select(l => l.Text).ToArray();
        Assert.Equal("d0: extended region 0: 0x48000000->0x54000000", v417[0]);
        Assert.Equal("d0: extended region 6: 0x700000000->0x780000000", v417[6]);
        Assert.Equal("Extended region 3: 0x78200000->0xc0000000", Run(E1("4.16.0")).LogLines[3].Text);
        Assert.All(Run(E1("latest")).LogLines, l => Assert.Equal(XenLogLevel.Info, l.Level));
    }

    public static TheoryData<string, string> E2Data => ByRelease(
        "0x0->0x8000000, 0x9200000->0x10000000, 0xc0000000->0x880000000, 0x900000000->0x8000000000",
        "0x0->0x7e00000, 0x9200000->0xfe00000, 0xc0000000->0x87fe00000, 0x900000000->0x7fffe00000",
        "0x0->0x8000000, 0x9200000->0x10000000, 0xc0000000->0x880000000, 0x900000000->0x8000000000");

    [Theory]
    [MemberData(nameof(E2Data))]
    public void E2_device_tree_holes(string release, string expected)
    {
        ExtendedRegionsResult result = Run(E2(release));
        Assert.Equal(ProducerKind.DeviceTreeHoles, result.Producer);
        Assert.Equal(expected, Format(result));
    }

    public static TheoryData<string, string> E3Data => ByRelease("0x90000000->0x10000000000", "0x90000000->0xffffe00000", "0x90000000->0x10000000000");

    [Theory]
    [MemberData(nameof(E3Data))]
    public void E3_hole_touching_the_top_of_the_window(string release, string expected)
    {
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release),
            IommuEnabled = true,
            IpaBits = 40,
            DescribedWindows = [DescribedWindow.Reg("/memory@0", 0, 0, 0x90000000)],
        };
        Assert.Equal(expected, Format(Run(input)));
    }

    public static TheoryData<string, string> E4Data => ByRelease("0x1c000000->0x20000000", string.Empty, "0x1c000000->0x20000000");

    [Theory]
    [MemberData(nameof(E4Data))]
    public void E4_small_holes_exact_64_MiB_and_a_reg_ending_at_the_top(string release, string expected)
    {
        ExtendedRegionsResult result = Run(E4(release));
        Assert.Equal(expected, Format(result));
        if (expected.Length == 0)
        {
            Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
            Assert.Equal(XenError.NoEntry, result.Error);
            Assert.Contains(result.LogLines, l => l.Level == XenLogLevel.Warning && l.Text == "d0: failed to allocate extended regions");
        }

        Assert.Contains(result.Explanation, f => f.Kind == FreeRangeFateKind.DroppedTooSmall && f.FreeRange.First == 0x10000000);
    }

    public static TheoryData<string, string> E5Data
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string r in V16)
            {
                data.Add(r, "0x0->0xc000000, 0x14000000->0x40000000");
            }

            foreach (string r in V18Buggy)
            {
                data.Add(r, "0x0->0xbe00000, 0x14000000->0x3fe00000");
            }

            foreach (string r in V18Fixed)
            {
                data.Add(r, "0x0->0x7e00000, 0x14000000->0x3fe00000");
            }

            foreach (string r in V21)
            {
                data.Add(r, "0x0->0x8000000, 0x14000000->0x40000000");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(E5Data))]
    public void E5_overlapping_regs_and_the_old_subtraction(string release, string expected)
    {
        ExtendedRegionsResult result = Run(E5(release));
        Assert.Equal(expected, Format(result));
        bool buggy = XenRelease.Parse(release).Profile.HasLegacySubtraction;
        Assert.Equal(buggy, result.Diagnostics.Any(d => d.Id == EngineDiagnosticId.LegacySubtractionExtendedRange));
        Assert.Equal(buggy, ExtendedRegionAudit.Audit(result).Any(f => f.Kind == AuditFindingKind.OverlapsDeviceRegister && f.Subject == "/a@8000000 reg[0]"));
    }

    [Theory]
    [InlineData("4.16.0")]
    [InlineData("4.17")]
    [InlineData("4.18")]
    [InlineData("4.20.0")]
    public void E5_with_the_nodes_in_the_other_order_does_not_trigger_the_bug(string release)
    {
        string fixedRelease = XenRelease.Parse(release).Profile.Unit == RangesetUnit.Bytes ? "4.21" : "4.20.1";
        string expected = Format(Run(E5(fixedRelease)));
        if (XenRelease.Parse(release).Profile.Unit == RangesetUnit.Bytes)
        {
            expected = "0x0->0x8000000, 0x14000000->0x40000000";
        }

        Assert.Equal(expected, Format(Run(E5(release, reversed: true))));
    }

    [Theory]
    [InlineData("4.16.0", 128, "0x30be00000->0x30fe00000")]
    [InlineData("4.16.1", 256, "0x51be00000->0x51fe00000")]
    [InlineData("4.17", 256, "0x51be00000->0x51fe00000")]
    [InlineData("4.21", 256, "0x51be00000->0x51fe00000")]
    [InlineData("latest", 256, "0x51be00000->0x51fe00000")]
    [InlineData("4.18", 0, "")]
    [InlineData("4.19.3", 0, "")]
    [InlineData("4.20.1", 0, "")]
    public void E6_output_cap(string release, int count, string last)
    {
        ExtendedRegionsResult result = Run(E6(release));
        Assert.Equal(count, result.Regions.Count);
        if (count > 0)
        {
            Assert.Equal("0x100000000->0x104000000", Format(result).Split(", ")[0]);
            Assert.Equal(last, Format(result).Split(", ")[^1]);
            Assert.Equal(300 - count, result.Explanation.Count(f => f.Kind == FreeRangeFateKind.DroppedListFull));
            Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.RegionListFull);
        }
        else
        {
            Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        }
    }

    public static TheoryData<string> P3Releases => new(["4.17", "4.18", "4.19.0", "4.19.3", "4.20.0", "4.20.1", "4.21", "latest"]);

    [Theory]
    [MemberData(nameof(P3Releases))]
    public void E7_dom0less_domU(string release)
    {
        ExtendedRegionsResult result = Run(DomU(release, 0x40000000, 0, 40));
        Assert.Equal(ProducerKind.DomUHoles, result.Producer);
        Assert.Equal("0x80000000->0x100000000, 0x200000000->0x10000000000", Format(result));
        Assert.Equal(
            "0x80200000->0x100000000, 0x200000000->0x10000000000",
            Format(Run(DomU(release, 0x40100000, 0, 40))));
        Assert.Equal(XenConstants.GuestGrantTableBase, result.GrantWindow.Start);
    }

    [Fact]
    public void E7_dom0less_domU_has_no_hypervisor_node_in_4_16_or_without_xen_enhanced()
    {
        Assert.Equal(ExtendedRegionsOutcome.NoHypervisorNode, Run(DomU("4.16.1", 0x40000000, 0, 40)).Outcome);
        ExtendedRegionsInput plain = DomU("4.21", 0x40000000, 0, 40);
        Assert.Equal(ExtendedRegionsOutcome.NoHypervisorNode, Run(new ExtendedRegionsInput
        {
            Release = plain.Release, Kind = plain.Kind, IpaBits = 40, GuestRamBankSizes = plain.GuestRamBankSizes, XenEnhanced = false,
        }).Outcome);
    }

    [Theory]
    [MemberData(nameof(P3Releases))]
    public void E8_dom0less_corner_cases(string release)
    {
        Assert.Equal("0x240000000->0x10000000000", Format(Run(DomU(release, 0xC0000000, 0x40000000, 40))));
        Assert.Equal("0x200000000->0x1000000000", Format(Run(DomU(release, 0xBE000000, 0, 36))));
        Assert.Equal("0x60000000->0x100000000", Format(Run(DomU(release, 0x20000000, 0, 32))));
    }

    [Theory]
    [InlineData("4.17", "0x60000000->0x100000000, 0x200000000->0x10000000000")]
    [InlineData("4.18", "0x60000000->0x100000000, 0x200000000->0x10000000000")]
    [InlineData("4.19.0", "0x60000000->0x7fe00000, 0x90000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.19.3", "0x60000000->0x7fe00000, 0x90000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.20.0", "0x60000000->0x7fe00000, 0x90000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.20.1", "0x60000000->0x7fe00000, 0x90000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.21", "0x60000000->0x80000000, 0x90000000->0x100000000, 0x200000000->0x10000000000")]
    [InlineData("latest", "0x60000000->0x80000000, 0x90000000->0x100000000, 0x200000000->0x10000000000")]
    public void E9_static_shared_memory_in_a_dom0less_domU(string release, string expected)
    {
        ExtendedRegionsInput baseInput = DomU(release, 0x20000000, 0, 40);
        var input = new ExtendedRegionsInput
        {
            Release = baseInput.Release, Kind = baseInput.Kind, IpaBits = 40, GuestRamBankSizes = baseInput.GuestRamBankSizes,
            DomainSharedMemory = [Incl(0x80000000, 0x8FFFFFFF, MemoryBankKind.StaticSharedMemory)],
        };
        Assert.Equal(expected, Format(Run(input)));
    }

    [Theory]
    [InlineData("4.21", "0x60000000->0x100000000, 0x200000000->0x9000000000, 0x9000200000->0x10000000000")]
    [InlineData("4.20.1", "0x60000000->0x100000000, 0x200000000->0x10000000000")]
    public void E9_xen_reg_in_a_dom0less_domU(string release, string expected)
    {
        var input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), Kind = DomainKind.Dom0lessDomU, IpaBits = 40, GuestRamBankSizes = [0x20000000],
            XenReg = [Bank(0x9000000000, 0x1000, MemoryBankKind.XenReg)],
        };
        Assert.Equal(expected, Format(Run(input)));
    }

    [Theory]
    [InlineData("4.16.0")]
    [InlineData("4.18")]
    [InlineData("4.20.1")]
    public void E10_libxl_before_4_21_ignores_iomem(string release)
    {
        ExtendedRegionsInput input = E10(release, [new IoMemRange(0x800000, 1), new IoMemRange(0x90000, 16)]);
        ExtendedRegionsResult result = Run(input);
        Assert.Equal(ProducerKind.Toolstack, result.Producer);
        Assert.Equal("0x60000000->0x100000000, 0x200000000->0x10000000000", Format(result));
        Assert.Equal("Extended region 0: 0x60000000->0x100000000", result.LogLines[0].Text);
        Assert.Equal(XenLogLevel.Debug, result.LogLines[0].Level);
    }

    [Theory]
    [InlineData("4.21")]
    [InlineData("latest")]
    public void E10_libxl_splits_around_iomem_from_4_21(string release)
    {
        ExtendedRegionsResult result = Run(E10(release, [new IoMemRange(0x800000, 1), new IoMemRange(0x90000, 16)]));
        Assert.Equal("0x60000000->0x90000000, 0x90010000->0x100000000, 0x200000000->0x800000000, 0x800001000->0x10000000000", Format(result));
        Assert.Equal("Extended region 1: 0x90010000->0xffffffff", result.LogLines[1].Text);
        Assert.Equal(
            "0x70000000->0x100000000, 0x200000000->0x10000000000",
            Format(Run(E10(release, [new IoMemRange(0x50000, 0x20000)]))));
    }

    private static ExtendedRegionsInput E10(string release, IoMemRange[] iomem) => new()
    {
        Release = XenRelease.Parse(release), Kind = DomainKind.ToolstackDomU, IpaBits = 40, GuestRamBankSizes = [0x20000000], IoMem = iomem,
    };

    public static TheoryData<string, string> E11Data => ByRelease(
        "0xc0200000->0x100000000, 0xff0000000000->0x1000000000000",
        "0xc0200000->0xffe00000, 0xff0000000000->0xffffffe00000",
        "0xc0200000->0x100000000, 0xff0000000000->0x1000000000000");

    [Theory]
    [MemberData(nameof(E11Data))]
    public void E11_host_ram_bank_ending_at_the_top(string release, string expected) => Assert.Equal(expected, Format(Run(E11(release))));

    public static TheoryData<string, string> E12Data => ByRelease("0x40000000->0x44000000", "0x40000000->0x44000000", "0x40000000->0x44200000");

    [Theory]
    [MemberData(nameof(E12Data))]
    public void E12_ram_bank_with_an_unaligned_end(string release, string expected)
    {
        var input = new ExtendedRegionsInput { Release = XenRelease.Parse(release), IpaBits = 40, HostRam = [Bank(0x40000000, 0x41FF800)] };
        ExtendedRegionsResult result = Run(input);
        Assert.Equal(expected, Format(result));
        IReadOnlyList<AuditFinding> audit = ExtendedRegionAudit.Audit(result);
        bool past = result.Regions[0].Start + result.Regions[0].Size > 0x441FF800;
        Assert.Equal(past, audit.Any(f => f.Kind == AuditFindingKind.NotHostRam && f.Severity == AuditSeverity.Warning));
    }

    public static TheoryData<string, string> E13Data
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string r in V16)
            {
                data.Add(r, "0x40000000->0x82000000, 0x85000000->0xa0000000");
            }

            foreach (string r in V18Buggy)
            {
                data.Add(r, "0x40000000->0x81e00000, 0x85000000->0x9fe00000");
            }

            foreach (string r in V18Fixed)
            {
                data.Add(r, "0x40000000->0x7fe00000, 0x85000000->0x9fe00000");
            }

            foreach (string r in V21)
            {
                data.Add(r, "0x40000000->0x80000000, 0x85000000->0xa0000000");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(E13Data))]
    public void E13_reserved_region_starting_in_a_ram_gap(string release, string expected)
    {
        ExtendedRegionsResult result = Run(E13(release));
        Assert.Equal(expected, Format(result));
        bool unsafeGap = result.Regions[0].Start + result.Regions[0].Size > 0x80000000;
        Assert.Equal(unsafeGap, ExtendedRegionAudit.Audit(result).Any(f => f.Kind == AuditFindingKind.NotHostRam && f.Severity == AuditSeverity.Unsafe));
    }

    [Theory]
    [InlineData("4.16.0", "Failed to allocate extended regions")]
    [InlineData("4.17", "d0: failed to allocate extended regions")]
    [InlineData("4.18", "d0: failed to allocate extended regions")]
    [InlineData("latest", "d0: failed to allocate extended regions")]
    public void E14_empty_result(string release, string warning)
    {
        ExtendedRegionsResult result = Run(E14(release));
        Assert.Empty(result.Regions);
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Equal(XenError.NoEntry, result.Error);
        XenLogLine line = Assert.Single(result.LogLines);
        Assert.Equal(XenLogLevel.Warning, line.Level);
        Assert.Equal(warning, line.Text);
        Assert.Equal(16, HypervisorNodeBuilder.Build(result, new HypervisorNodeSettings()).Reg.Length);
    }

    [Theory]
    [InlineData("4.16.0", "The extended regions support is disabled", "The extended regions are only supported for 64-bit guest currently")]
    [InlineData("4.17", "d0: extended regions support is disabled", "d0: extended regions not supported for 32-bit guests")]
    [InlineData("latest", "d0: extended regions support is disabled", "d0: extended regions not supported for 32-bit guests")]
    public void E14_disabled_or_32_bit_gives_only_region_0_with_another_line(string release, string disabled, string bits32)
    {
        ExtendedRegionsInput e = E1(release);
        ExtendedRegionsResult off = Run(new ExtendedRegionsInput { Release = e.Release, HostRam = e.HostRam, ExtendedRegionsEnabled = false });
        Assert.Equal(ExtendedRegionsOutcome.Disabled, off.Outcome);
        Assert.Equal(disabled, Assert.Single(off.LogLines).Text);
        Assert.Equal(XenLogLevel.Info, off.LogLines[0].Level);
        ExtendedRegionsResult narrow = Run(new ExtendedRegionsInput { Release = e.Release, HostRam = e.HostRam, Width = DomainWidth.Bits32 });
        Assert.Equal(ExtendedRegionsOutcome.Unsupported32Bit, narrow.Outcome);
        Assert.Equal(bits32, Assert.Single(narrow.LogLines).Text);
        Assert.Empty(narrow.Regions);
    }

    [Fact]
    public void E15_encoding_with_two_cells()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(E1("4.17")), new HypervisorNodeSettings { AddressCells = 2, SizeCells = 2 });
        byte[] reg = node.Reg.ToArray();
        Assert.Equal(128, reg.Length);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x78, 0x08, 0, 0, 0, 0, 0, 0, 0, 0x04, 0, 0 }, reg[..16]);
        Assert.Equal(new byte[] { 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0 }, reg[112..]);
        Assert.Empty(node.Warnings);
        Assert.Equal(["xen,xen-4.17", "xen,xen"], node.Compatible);
    }

    [Fact]
    public void E15_encoding_with_one_cell_truncates_and_warns()
    {
        HypervisorNode node = HypervisorNodeBuilder.Build(Run(E1("4.17")), new HypervisorNodeSettings { AddressCells = 1, SizeCells = 1 });
        byte[] reg = node.Reg.ToArray();
        Assert.Equal(64, reg.Length);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x80, 0, 0, 0 }, reg[40..48]);
        Assert.Equal(3, node.Warnings.Count);
        Assert.All(node.Warnings, w => Assert.Equal(EngineDiagnosticId.RegValueTruncated, w.Id));
    }
}
