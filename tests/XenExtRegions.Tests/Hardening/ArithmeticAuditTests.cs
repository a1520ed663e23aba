using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// One test at 2^64-1 for each place in src/ that adds an address and a size, aligns up, or turns cells into a
/// ulong without a visible check (the audit list is in the hardening report). Where Xen itself wraps, the test
/// pins Xen's answer and the diagnostic; elsewhere it asks for a checked answer.
/// </summary>
public sealed class ArithmeticAuditTests
{
    private const ulong Max = ulong.MaxValue;

    private static readonly ExtendedRegionsEngine Engine = new();

    private static uint Hi(ulong value) => (uint)(value >> 32);

    private static uint Lo(ulong value) => (uint)value;

    // ---- Ranges and memory banks (checked) ----------------------------------------------------------------------

    [Fact]
    public void Start_size_ranges_ending_past_2_64_minus_1_are_refused()
    {
        Assert.False(AddressRange.TryFromStartSize(Max, 2, out _));
        Assert.True(AddressRange.TryFromStartSize(Max, 1, out AddressRange last));
        Assert.Equal(Max, last.Last);
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(Max - 0xfff, 0x2000));
        Assert.True(new MemoryBank(Max, 2).Overflows);
        Assert.False(new MemoryBank(Max, 1).Overflows);
        Assert.False(new MemoryBank(Max, 1).TryGetEnd(out _));
        Assert.False(new MemoryBank(Max, 2).TryGetRange(out _));
    }

    // ---- Engine: P1 BankToUnits, P2 WindowToUnits (unchecked like Xen, diagnosed) ----------------------------------

    [Theory]
    [InlineData(Max, 2UL)]
    [InlineData(Max - 0xfff, 0x2000UL)]
    [InlineData(0x80000000UL, Max)]
    public void A_host_RAM_bank_wrapping_past_2_64_is_diagnosed_not_thrown(ulong start, ulong size)
    {
        ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
        {
            IpaBits = 48,
            HostRam = [new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam), new MemoryBank(start, size, MemoryBankKind.HostRam, "/memory@wrap")],
            DomainRam = [new MemoryBank(0x40000000, 0x10000000, MemoryBankKind.DomainRam)],
        });
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.RangeWrapsAround);
        AssertRegionsAreSane(result);
    }

    [Theory]
    [InlineData(Max, 1UL)]
    [InlineData(Max, Max)]
    [InlineData(Max - 0xfff, 0x2000UL)]
    [InlineData(0x1000UL, Max)]
    public void A_reg_window_at_2_64_minus_1_is_diagnosed_not_thrown(ulong address, ulong size)
    {
        foreach (string release in new[] { "4.16", "4.17", "4.18", "latest" })
        {
            ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
            {
                Release = XenRelease.Parse(release),
                IommuEnabled = true,
                IpaBits = 48,
                DescribedWindows = [DescribedWindow.Reg("/low", 0, 0, 0x40000000), DescribedWindow.Reg("/wrap", 0, address, size)],
            });
            AssertRegionsAreSane(result);
            if (size - 1 > Max - address)
            {
                Assert.Contains(result.Diagnostics, d => d.Id is EngineDiagnosticId.RangeWrapsAround or EngineDiagnosticId.ZeroSizeRange || d.Subject == "/wrap");
            }
        }
    }

    [Fact]
    public void A_PCI_aperture_at_2_64_minus_1_is_handled()
    {
        ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
        {
            IommuEnabled = true,
            IpaBits = 48,
            DescribedWindows = [DescribedWindow.Reg("/low", 0, 0, 0x40000000), DescribedWindow.PciRange("/pcie", 0, Max - 0xffff, 0x20000)],
        });
        AssertRegionsAreSane(result);
    }

    // ---- Engine: P3 (dom0less) and P4 (libxl) align_up(bank base + RAM size) -----------------------------------------

    [Theory]
    [InlineData(DomainKind.Dom0lessDomU, "4.17")]
    [InlineData(DomainKind.Dom0lessDomU, "latest")]
    [InlineData(DomainKind.ToolstackDomU, "4.17")]
    [InlineData(DomainKind.ToolstackDomU, "latest")]
    public void A_guest_RAM_bank_size_of_2_64_minus_1_never_yields_a_region_over_that_RAM(DomainKind kind, string release)
    {
        AssertGuestRamNotAdvertised(kind, release, Max);
    }

    [Theory]
    [InlineData(DomainKind.Dom0lessDomU, "4.17")]
    [InlineData(DomainKind.Dom0lessDomU, "latest")]
    [InlineData(DomainKind.ToolstackDomU, "4.17")]
    [InlineData(DomainKind.ToolstackDomU, "latest")]
    public void A_guest_RAM_bank_size_larger_than_the_bank_yields_no_region_over_that_RAM(DomainKind kind, string release)
    {
        AssertGuestRamNotAdvertised(kind, release, 0x1_0000_0000_0000);
    }

    private static void AssertGuestRamNotAdvertised(DomainKind kind, string release, ulong bank0Size)
    {
        ExtendedRegionsResult result;
        try
        {
            result = Engine.Compute(new ExtendedRegionsInput
            {
                Release = XenRelease.Parse(release),
                Kind = kind,
                IpaBits = 40,
                GuestRamBankSizes = [bank0Size, 0x10000000],
            });
        }
        catch (ArgumentException)
        {
            return; // refusing an impossible size is fine
        }

        AssertRegionsAreSane(result);
        ulong bank0Last = XenConstants.GuestRam0Base + XenConstants.GuestRam0Size - 1;
        Assert.DoesNotContain(result.Regions, r => r.Start <= bank0Last && r.Start + r.Size - 1 >= XenConstants.GuestRam0Base);
    }

    [Theory]
    [InlineData(Max, 1UL)]
    [InlineData(Max >> 12, 2UL)]
    [InlineData(0x8_0000UL, Max)]
    [InlineData((1UL << 52) - 1, 1UL)]
    public void Toolstack_iomem_frames_near_2_64_do_not_throw(ulong gfn, ulong count)
    {
        ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
        {
            Release = XenRelease.Latest,
            Kind = DomainKind.ToolstackDomU,
            IpaBits = 40,
            GuestRamBankSizes = [0x20000000, 0],
            IoMem = [new IoMemRange(gfn, count), new IoMemRange(0x90000, 16)],
        });
        Assert.NotEqual(ExtendedRegionsOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void IPA_bits_64_and_0_are_handled_without_shifting_by_64()
    {
        ExtendedRegionsResult dom0 = Engine.Compute(new ExtendedRegionsInput { IpaBits = 64, HostRam = [new MemoryBank(0x40000000, 0x40000000)] });
        Assert.Empty(dom0.Regions);
        ExtendedRegionsResult libxl = Engine.Compute(new ExtendedRegionsInput { Kind = DomainKind.ToolstackDomU, IpaBits = 0, GuestRamBankSizes = [0x20000000, 0] });
        AssertRegionsAreSane(libxl);
    }

    // ---- Audit / Linux view / hypervisor node (guarded align-up, 1-cell truncation) -----------------------------------

    [Fact]
    public void Linux_view_audit_and_hypervisor_node_handle_a_region_ending_at_2_64_minus_1()
    {
        var regions = new List<MemoryBank> { new(Max - 0x3FFFFFF, 0x4000000, MemoryBankKind.ExtendedRegion), new(0x1_0000_0000, 0x4000000, MemoryBankKind.ExtendedRegion) };
        LinuxGuestView.Check(regions);
        ExtendedRegionsResult result = Engine.Compute(new ExtendedRegionsInput
        {
            IpaBits = 48,
            HostRam = [new MemoryBank(0xFF0000000000, 0, MemoryBankKind.HostRam), new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)],
            DomainRam = [new MemoryBank(0x40000000, 0x10000000, MemoryBankKind.DomainRam)],
        });
        ExtendedRegionAudit.Audit(result);
        HypervisorNodeBuilder.TryBuild(result, null, out _, out _);
    }

    // ---- Address decoder: cells to ulong, ranges translation (unchecked like Xen) -------------------------------------

    [Fact]
    public void A_reg_at_2_64_minus_1_is_Xens_bad_address_marker_and_one_below_translates_with_a_wrapping_size()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("dev@ffffffffffffffff", Reg(Hi(Max), Lo(Max), Hi(Max), Lo(Max))),
            N("dev@fffffffffffffffe", Reg(Hi(Max - 1), Lo(Max - 1), Hi(Max), Lo(Max))));
        var decoder = new DeviceTreeAddressDecoder();

        // Xen's translation returns DT_BAD_ADDR (all ones) for failure, so an address of 2^64-1 reads as a failure.
        Assert.False(decoder.TryTranslate(tree.Find("/dev@ffffffffffffffff"), 0, out _, out AddressTranslationError error));
        Assert.Equal(AddressTranslationFailure.BadAddressMarker, error.Reason);
        Assert.True(decoder.TryTranslate(tree.Find("/dev@fffffffffffffffe"), 0, out TranslatedAddress address, out _));
        Assert.Equal(Max - 1, address.Address);
        Assert.True(address.Overflows);
        Assert.False(address.TryGetRange(out _));
        TreePipeline.Run(tree);
    }

    [Fact]
    public void Three_cell_addresses_and_sizes_keep_the_low_64_bits_as_Xen_does()
    {
        DeviceTree tree = Tree(Ac(3), Sc(3), N("dev@0", Reg(0x1, Hi(Max), Lo(Max), 0xffffffff, 0, 0x1000)));
        var diagnostics = new List<AddressDiagnostic>();
        IReadOnlyList<RegEntry> entries = new DeviceTreeAddressDecoder().DecodeReg(tree.Find("/dev@0"), diagnostics);
        Assert.Single(entries);
        Assert.Equal(Max, entries[0].Address);
        Assert.Equal(0x1000UL, entries[0].Size);
        Assert.Contains(diagnostics, d => d.Id == AddressDiagnosticId.SizeTruncated);
        TreePipeline.Run(tree);
    }

    [Fact]
    public void A_ranges_translation_that_wraps_past_2_64_gives_Xens_wrapped_address_or_a_failure()
    {
        // bus: child 0 -> parent 2^64-0x1000, size 0x2000; the device at child 0x1800 lands past 2^64.
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("bus@0", Ac(1), Sc(1), Str("compatible", "simple-bus"), Rng(0, Hi(Max - 0xfff), Lo(Max - 0xfff), 0x2000),
                N("dev@1800", Reg(0x1800, 0x100))));
        var decoder = new DeviceTreeAddressDecoder();
        if (decoder.TryTranslate(tree.Find("/bus@0/dev@1800"), 0, out TranslatedAddress address, out _))
        {
            Assert.Equal(unchecked(Max - 0xfff + 0x1800), address.Address);
        }

        TreePipeline.Run(tree);
    }

    [Theory]
    [InlineData(0xffffffffu, 0xffffffffu)]
    [InlineData(0u, 0xffffffffu)]
    [InlineData(0xffffffffu, 1u)]
    public void A_ranges_entry_whose_end_wraps_past_2_64_does_not_throw(uint sizeHi, uint sizeLo)
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("bus@0", Ac(2), Sc(2), Str("compatible", "simple-bus"), Rng(Hi(Max), Lo(Max), Hi(Max), Lo(Max), sizeHi, sizeLo),
                N("dev@0", Reg(Hi(Max), Lo(Max), 0, 0x10))),
            N("pcie@0", Str("device_type", "pci"), Ac(3), Sc(2),
                Rng(0x02000000, Hi(Max), Lo(Max), Hi(Max), Lo(Max), sizeHi, sizeLo), Reg(0, 0, 0, 0x1000)));
        TreePipeline.Run(tree);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(5u)]
    [InlineData(0x40000000u)]
    [InlineData(0x80000000u)]
    [InlineData(0xffffffffu)]
    public void Hostile_cell_counts_never_size_a_slice_or_an_allocation(uint cells)
    {
        DeviceTree tree = Tree(Ac(cells), Sc(cells),
            N("memory@0", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x40000000)),
            N("bus@0", Ac(cells), Sc(1), Rng(), N("dev@0", Reg(1, 2, 3, 4, 5, 6))),
            N("chosen", Ac(cells), Sc(cells), N("module@0", Str("compatible", "multiboot,module"), Reg(0, 0x1000, 0, 0x1000))));
        TreePipeline.Run(tree);
    }

    // ---- Boot facts: memory, reserved-memory overlap and initrd at 2^64-1 ------------------------------------------

    [Fact]
    public void Boot_facts_at_2_64_minus_1_are_kept_as_read_and_the_engine_diagnoses_the_wrap()
    {
        DeviceTree tree = Tree(new[] { new XenExtRegions.DeviceTrees.MemoryReservation(Max, 0x10) }, Ac(2), Sc(2),
            N("memory@0", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x40000000, Hi(Max), Lo(Max), 0, 2)),
            N("reserved-memory", Ac(2), Sc(2), Rng(),
                N("a@ffffffffffffffff", Reg(Hi(Max), Lo(Max), 0, 0x1000)),
                N("b@fffffffffffff000", Reg(Hi(Max - 0xfff), Lo(Max - 0xfff), 0, 0x2000))),
            N("chosen", Cells("linux,initrd-start", Hi(Max), Lo(Max)), Cells("linux,initrd-end", 0, 0),
                N("module@0", Str("compatible", "multiboot,module"), Ac(2), Sc(2), Reg(Hi(Max), Lo(Max), Hi(Max), Lo(Max)))));
        BootFacts facts = new BootFactsScanner().Scan(tree);
        Assert.Contains(facts.HostRam, b => b.Start == Max && b.Size == 2);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.InvalidInitrd);
        TreePipeline.Run(tree);
    }

    [Fact]
    public void A_dom0less_memory_size_that_wraps_when_turned_into_bytes_is_flagged()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("memory@40000000", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x40000000)),
            N("chosen", Ac(2), Sc(2), N("domU1", Str("compatible", "xen,domain"), Cells("memory", 0x400000, 0), Cells("cpus", 1), Flag("xen,enhanced"))));
        BootFacts facts = new BootFactsScanner().Scan(tree);
        DomainNodeFacts domain = Assert.Single(facts.Domains);
        Assert.Equal(1UL << 54, domain.MemoryKiB);
        Assert.Null(domain.MemoryBytes);
        Assert.Throws<DeviceTreeFormatException>(() => new ExtendedRegionsInput().WithDomainNode(domain));
    }

    [Fact]
    public void A_dom0less_domain_asking_for_more_memory_than_the_guest_banks_hold_is_a_format_error_naming_the_node()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("memory@40000000", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x40000000)),
            N("chosen", Ac(2), Sc(2), N("domU1", Str("compatible", "xen,domain"), Cells("memory", 0x1, 0), Cells("cpus", 1), Flag("xen,enhanced"))));
        DomainNodeFacts domain = Assert.Single(new BootFactsScanner().Scan(tree).Domains);
        ExtendedRegionsInput host = new ExtendedRegionsInput().WithHostDeviceTree(tree);

        // Xen cannot build such a domain; an input derived from a tree is refused as a tree error, not an argument error.
        DeviceTreeFormatException error = Assert.Throws<DeviceTreeFormatException>(() => host.WithDomainNode(domain));
        Assert.Equal("/chosen/domU1", error.NodePath);
        Assert.Equal("memory", error.PropertyName);
    }

    [Fact]
    public void A_dom0less_memory_size_near_2_64_bytes_does_not_throw_through_the_pipeline()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("memory@40000000", Str("device_type", "memory"), Reg(0, 0x40000000, 0, 0x40000000)),
            N("chosen", Ac(2), Sc(2),
                N("domU1", Str("compatible", "xen,domain"), Cells("memory", 0x3fffff, 0xffffffff), Cells("cpus", 1), Flag("xen,enhanced")),
                N("domU2", Str("compatible", "xen,domain"), Cells("memory", 0xffffffff, 0xffffffff), Cells("cpus", 1), Flag("xen,enhanced"))));
        TreePipeline.Run(tree);
    }

    private static void AssertRegionsAreSane(ExtendedRegionsResult result)
    {
        foreach (MemoryBank region in result.Regions)
        {
            Assert.False(region.Overflows, "region " + region + " runs past 2^64-1");
            Assert.True(region.Size >= XenConstants.MinimumRegionSize || result.Input.Kind == DomainKind.ToolstackDomU, "region " + region + " is under 64 MiB");
        }

        _ = result.LogLines.Select(l => l.Text).ToArray();
        _ = result.Explanation.Select(f => f.ToString()).ToArray();
    }
}
