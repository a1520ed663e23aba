using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions.Audit;

/// <summary>
/// The guests' rules (Linux's section alignment and list order, Zephyr's page rules, Linux's search for the node) and
/// the hazards Xen leaves to the user, at their edges and in the exact words reported.
/// </summary>
public sealed class GuestAndHazardRulesTests
{
    private static readonly ExtendedRegionsEngine Engine = new();

    private static MemoryBank R(ulong start, ulong size) => new(start, size, MemoryBankKind.ExtendedRegion);

    [Fact]
    public void Linux_refuses_no_list_an_empty_or_wrapping_region_and_a_one_byte_overlap_in_its_words()
    {
        Assert.Equal("regions", Assert.Throws<ArgumentNullException>(() => LinuxGuestView.Check(null!)).ParamName);
        ArgumentException section = Assert.Throws<ArgumentException>(() => LinuxGuestView.Check([R(0x40000000, 0x10000000)], new LinuxGuestOptions { SectionSize = 0 }));
        Assert.StartsWith("The section size must be a power of two.", section.Message, StringComparison.Ordinal);

        LinuxGuestReport none = LinuxGuestView.Check([]);
        Assert.Equal((false, "No extended regions are found (the kernel falls back to ballooned pages)"), (none.Accepted, none.Rejection));
        foreach (MemoryBank bad in new[] { R(0x40000000, 0), R(0xffff_ffff_f000_0000, 0x2000_0000) })
        {
            LinuxGuestReport report = LinuxGuestView.Check([R(0x10000000, 0x10000000), bad]);
            Assert.Equal((false, "region 1 is empty or runs past 2^64"), (report.Accepted, report.Rejection));
        }

        LinuxGuestReport overlap = LinuxGuestView.Check([R(0x40000000, 0x10000000), R(0x4fffffff, 0x10000000)]);
        Assert.Equal((false, "region 1 at 0x4fffffff is not above region 0 ending at 0x4fffffff: Linux disables extended regions (-EINVAL)"), (overlap.Accepted, overlap.Rejection));
    }

    [Fact]
    public void A_region_is_useless_to_Linux_unless_a_whole_section_lies_inside_it()
    {
        // 32 MiB across a 128 MiB section boundary: the aligned window is empty although it touches the region.
        LinuxGuestReport straddling = LinuxGuestView.Check([R(0x47000000, 0x2000000)]);
        Assert.True(straddling.Accepted);
        Assert.Equal(new[] { 0 }, straddling.UselessRegions);
        Assert.Empty(straddling.UsableWindows);
        Assert.Equal(0UL, straddling.UsableBytes);

        // Joined with an adjacent region, a piece that ends where the section starts, or starts where it ends, adds nothing.
        Assert.Equal(new[] { 0 }, LinuxGuestView.Check([R(0x47f00000, 0x100000), R(0x48000000, 0x8000000)]).UselessRegions);
        LinuxGuestReport after = LinuxGuestView.Check([R(0x40000000, 0x8000000), R(0x48000000, 0x100000)]);
        Assert.Equal(new[] { 1 }, after.UselessRegions);
        Assert.Equal(new[] { new AddressRange(0x40000000, 0x47ffffff) }, after.UsableWindows);

        // Below the top of the address space the last section still counts only when wholly inside the region.
        LinuxGuestReport top = LinuxGuestView.Check([R(0xffff_ffff_f7ff_ffff, 0x8000000)]);
        Assert.True(top.Accepted);
        Assert.Equal(new[] { 0 }, top.UselessRegions);
        Assert.Empty(top.UsableWindows);
    }

    [Fact]
    public void Linux_looks_for_hypervisor_only_among_the_root_s_children_and_says_what_it_misses()
    {
        Assert.Equal("tree", Assert.Throws<ArgumentNullException>(() => LinuxGuestView.CheckNode(null!)).ParamName);
        Assert.Equal(
            new[] { "no /hypervisor node at depth 1: Linux finds no Xen support" },
            LinuxGuestView.CheckNode(DtsReader.Parse("/dts-v1/; / { soc { uart@9000000 { compatible = \"arm,pl011\"; }; }; };")));
        Assert.Equal(
            new[] { "/soc/xen: a xen,xen node below depth 1 is not found by Linux (it looks only at the root's children)" },
            LinuxGuestView.CheckNode(DtsReader.Parse("/dts-v1/; / { soc { xen { compatible = \"xen,xen\"; }; }; };")));
        Assert.Equal(
            new[] { "/hypervisor: compatible is not a list of NUL-terminated strings: Linux does not take it as Xen's node" },
            LinuxGuestView.CheckNode(DtsReader.Parse("/dts-v1/; / { hypervisor { compatible = [78 65 6e]; }; };")));
        Assert.Equal(
            new[] { "/hypervisor: the first compatible string is not \"xen,xen-<version>\": Linux finds no Xen version and stays off" },
            LinuxGuestView.CheckNode(DtsReader.Parse("/dts-v1/; / { hypervisor { compatible = \"xen,xen\"; }; };")));
        Assert.Equal(
            new[]
            {
                "/hypervisor: compatible lacks \"xen,xen\": Linux does not take it as Xen's node",
                "/hypervisor: the first compatible string is not \"xen,xen-<version>\": Linux finds no Xen version and stays off",
            },
            LinuxGuestView.CheckNode(DtsReader.Parse("/dts-v1/; / { hypervisor { compatible = \"xen,xen-\"; }; };")));
    }

    [Fact]
    public void Zephyr_s_page_rules_in_its_words()
    {
        Assert.Equal("regions", Assert.Throws<ArgumentNullException>(() => ZephyrGuestView.Check(null!)).ParamName);
        ArgumentException page = Assert.Throws<ArgumentException>(() => ZephyrGuestView.Check([], new ZephyrGuestOptions { PageSize = 0 }));
        Assert.StartsWith("The page size must be a power of two.", page.Message, StringComparison.Ordinal);
        Assert.Equal("no extended region in the hypervisor node: Zephyr's build stops (\"No Extended regions were provided in DT\")", ZephyrGuestView.Check([]).Rejection);

        string? Problem(MemoryBank bank, ZephyrGuestOptions? options = null) => ZephyrGuestView.Check([bank], options).Entries[0].Problem;
        Assert.Equal("starts at 0: Zephyr refuses it; skip page 0 (start 0x1000, size 0xfff000)", Problem(R(0, 0x1000000)));
        Assert.Equal("starts at 0: Zephyr refuses it; skip page 0 (start 0x1000, size 0)", Problem(R(0, 0x800)));
        Assert.Equal("is empty or runs past 2^64", Problem(R(0x48000000, 0)));
        Assert.Equal("is empty or runs past 2^64", Problem(R(0xffff_ffff_ffff_0000, 0x20000)));
        var options = new ZephyrGuestOptions { KernelVirtualMemory = AddressRange.FromStartSize(0x40000000, 0x10000000) };
        Assert.Equal(
            "overlaps the kernel's virtual-memory area 0x40000000..0x4fffffff (CONFIG_KERNEL_VM_BASE/SIZE)",
            Problem(R(0x4f000000, 0x2000000), options));
    }

    private static ExtendedRegionsInput DirectMappedDomU(params MemoryBank[] hostRam) => new()
    {
        Release = XenRelease.Parse("4.21.0"), Kind = DomainKind.DirectMappedDomU, DomainName = "d1", XenEnhanced = true, IpaBits = 40, HostRam = hostRam,
    };

    [Fact]
    public void The_xenstore_page_warning_names_the_region_below_4_GiB_or_notes_there_is_none()
    {
        const string Why = "the xenstore page Xen allocates for this direct-mapped domU (from its heap, below 4 GiB first) is mapped at gfn = mfn after /hypervisor was built, so it can lie here; a domain with xen,enhanced = \"no-xenstore\" has none";
        ExtendedRegionsResult low = Engine.Compute(DirectMappedDomU(new MemoryBank(0x40000000, 0x40000000, MemoryBankKind.HostRam)));
        AuditFinding below = Assert.Single(ExtendedRegionAudit.Audit(low), f => f.Kind == AuditFindingKind.XenstorePageMayLieInRegion);
        Assert.Equal("0x40000000->0x80000000: " + Why, below.Message);
        Assert.Equal("xenstore page", below.Subject);

        ExtendedRegionsResult high = Engine.Compute(DirectMappedDomU(new MemoryBank(0x800000000, 0x40000000, MemoryBankKind.HostRam)));
        Assert.NotEmpty(high.Regions);
        AuditFinding none = Assert.Single(ExtendedRegionAudit.Audit(high), f => f.Kind == AuditFindingKind.XenstorePageMayLieInRegion);
        Assert.Equal((AuditSeverity.Note, -1, (AddressRange?)null, "xenstore page"), (none.Severity, none.RegionIndex, none.Overlap, none.Subject));
        Assert.Equal("no region lies below 4 GiB, where Xen takes the direct-mapped domU's xenstore page first; if that memory is used up, " + Why, none.Message);
    }

    [Fact]
    public void Only_the_hardware_domain_s_node_has_the_128_byte_budget_and_its_finding_spells_out_the_numbers()
    {
        MemoryBank[] ram = Enumerable.Range(0, 10).Select(i => new MemoryBank(0x40000000 + ((ulong)i * 0x10000000), 0x8000000, MemoryBankKind.HostRam)).ToArray();
        ExtendedRegionsResult domU = Engine.Compute(DirectMappedDomU(ram));
        Assert.Equal(10, domU.Regions.Count);
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(domU), f => f.Kind == AuditFindingKind.HypervisorNodeOverBudget);

        foreach ((string release, string extra) in new[] { ("4.21.0", "144 bytes in 4.21.0"), ("4.22.0", "4240 bytes in 4.22.0, the rest meant for /memory") })
        {
            ExtendedRegionsResult dom0 = Engine.Compute(new ExtendedRegionsInput { Release = XenRelease.Parse(release), IpaBits = 40, HostRam = ram });
            AuditFinding f = Assert.Single(ExtendedRegionAudit.Audit(dom0), x => x.Kind == AuditFindingKind.HypervisorNodeOverBudget);
            Assert.Equal((AuditSeverity.Warning, -1, "/hypervisor"), (f.Severity, f.RegionIndex, f.Subject));
            Assert.Equal(
                "/hypervisor's reg alone needs 176 bytes (11 entries of 2+2 cells), more than the 128 bytes Xen budgets for the node (DOM0_FDT_EXTRA_SIZE is "
                + extra + "); unless the host nodes Dom0 does not get free enough space, fdt_property fails with FDT_ERR_NOSPACE and Xen panics (\"Could not set up DOM0 guest OS\")",
                f.Message);
        }
    }

    private static ExtendedRegionsInput ToolstackDomU(string release, params IoMemRange[] ioMem) => new()
    {
        Release = XenRelease.Parse(release), Kind = DomainKind.ToolstackDomU, DomainName = "d1", IpaBits = 40, GuestRamBankSizes = [0x20000000], IoMem = ioMem,
    };

    [Fact]
    public void The_iomem_note_shows_the_first_three_ranges_and_only_libxl_before_4_21_gets_it()
    {
        IoMemRange[] four = [new(0x80000, 0x10), new(0x90000, 0x20), new(0xa0000, 0x30), new(0xb0000, 0x40)];
        AuditFinding f = Assert.Single(ExtendedRegionAudit.Audit(Engine.Compute(ToolstackDomU("4.20.0", four))), x => x.Kind == AuditFindingKind.IoMemNotExcludedByLibxl);
        Assert.Equal((AuditSeverity.Note, -1, "iomem"), (f.Severity, f.RegionIndex, f.Subject));
        Assert.Equal(
            "libxl before 4.21 does not exclude iomem from the domU's regions (4 range(s): gfn 0x80000 x 0x10, gfn 0x90000 x 0x20, gfn 0xa0000 x 0x30, …); an overlap is reported per region",
            f.Message);
        AuditFinding three = Assert.Single(ExtendedRegionAudit.Audit(Engine.Compute(ToolstackDomU("4.20.0", four[..3]))), x => x.Kind == AuditFindingKind.IoMemNotExcludedByLibxl);
        Assert.Equal(
            "libxl before 4.21 does not exclude iomem from the domU's regions (3 range(s): gfn 0x80000 x 0x10, gfn 0x90000 x 0x20, gfn 0xa0000 x 0x30); an overlap is reported per region",
            three.Message);

        Assert.DoesNotContain(ExtendedRegionAudit.Audit(Engine.Compute(ToolstackDomU("4.20.0"))), x => x.Kind == AuditFindingKind.IoMemNotExcludedByLibxl);
        ExtendedRegionsResult dom0less = Engine.Compute(ToolstackDomU("4.20.0", four) with { Kind = DomainKind.Dom0lessDomU });
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(dom0less), x => x.Kind == AuditFindingKind.IoMemNotExcludedByLibxl);
    }
}
