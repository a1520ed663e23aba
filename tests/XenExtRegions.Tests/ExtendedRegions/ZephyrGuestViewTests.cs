using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Spec §17.7 (Zephyr's drivers/xen/regions.c build-time checks) and §17.6 (the node Linux's flat-DT probe finds).</summary>
public sealed class ZephyrGuestViewTests
{
    private static MemoryBank R(ulong start, ulong size) => new(start, size, MemoryBankKind.ExtendedRegion);

    [Fact]
    public void Well_formed_regions_pass_the_build()
    {
        ZephyrGuestReport report = ZephyrGuestView.Check([R(0x48000000, 0xC000000), R(0x500000000, 0x80000000)], null, R(0x78080000, 0x40000));
        Assert.True(report.BuildSucceeds);
        Assert.Equal([0, 1, 2], report.Entries.Select(e => e.RegIndex));
        Assert.All(report.Entries, e => Assert.Null(e.Problem));
    }

    [Fact]
    public void No_extended_region_fails_the_build()
    {
        ZephyrGuestReport report = ZephyrGuestView.Check([], null, R(0x78080000, 0x40000));
        Assert.False(report.BuildSucceeds);
        Assert.NotNull(report.Rejection);
        Assert.True(report.Entries.Single().Usable);
    }

    [Fact]
    public void A_region_at_zero_is_refused_and_fails_the_whole_build()
    {
        ZephyrGuestReport report = ZephyrGuestView.Check([R(0, 0x30000000), R(0x48000000, 0xC000000)]);
        Assert.False(report.BuildSucceeds);
        Assert.False(report.Entries[0].Usable);
        Assert.Contains("page 0", report.Entries[0].Problem);
        Assert.True(report.Entries[1].Usable);
        Assert.True(ZephyrGuestView.Check([R(0x1000, 0x2FFFF000)]).BuildSucceeds);
    }

    [Fact]
    public void Start_and_size_must_be_page_aligned()
    {
        Assert.Contains("start", ZephyrGuestView.Check([R(0x48000800, 0x1000000)]).Entries[0].Problem);
        Assert.Contains("size", ZephyrGuestView.Check([R(0x48000000, 0x1000800)]).Entries[0].Problem);
        var bigPages = new ZephyrGuestOptions { PageSize = 0x10000 };
        Assert.False(ZephyrGuestView.Check([R(0x48001000, 0x1000000)], bigPages).BuildSucceeds);
        Assert.True(ZephyrGuestView.Check([R(0x48010000, 0x1000000)], bigPages).BuildSucceeds);
        Assert.Throws<System.ArgumentException>(() => ZephyrGuestView.Check([R(0x48000000, 0x1000000)], new ZephyrGuestOptions { PageSize = 3 }));
    }

    [Fact]
    public void A_region_overlapping_the_kernel_virtual_memory_area_is_refused()
    {
        var options = new ZephyrGuestOptions { KernelVirtualMemory = AddressRange.FromStartSize(0x40000000, 0x10000000) };
        Assert.Contains("virtual-memory", ZephyrGuestView.Check([R(0x4F000000, 0x2000000)], options).Entries[0].Problem);
        Assert.True(ZephyrGuestView.Check([R(0x50000000, 0x2000000)], options).BuildSucceeds);
        Assert.True(ZephyrGuestView.Check([R(0x4F000000, 0x2000000)]).BuildSucceeds);
    }

    [Fact]
    public void The_grant_table_is_checked_like_the_regions()
    {
        ZephyrGuestReport report = ZephyrGuestView.Check([R(0x48000000, 0xC000000)], null, R(0x78080800, 0x40000));
        Assert.False(report.BuildSucceeds);
        Assert.False(report.Entries[0].Usable);
        Assert.Equal(0, report.Entries[0].RegIndex);
    }

    [Fact]
    public void Linux_finds_only_a_root_child_named_exactly_hypervisor_with_a_versioned_compatible()
    {
        const string Good = "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; hypervisor { compatible = \"xen,xen-4.22\", \"xen,xen\"; reg = <0 0x38000000 0 0x1000000>; }; };";
        Assert.Empty(LinuxGuestView.CheckNode(DtsReader.Parse(Good)));

        string unit = Good.Replace("hypervisor {", "hypervisor@38000000 {", System.StringComparison.Ordinal);
        Assert.Contains(LinuxGuestView.CheckNode(DtsReader.Parse(unit)), p => p.Contains("/hypervisor@38000000", System.StringComparison.Ordinal) && p.Contains("exactly", System.StringComparison.Ordinal));

        string deep = "/dts-v1/; / { soc { hypervisor { compatible = \"xen,xen-4.22\", \"xen,xen\"; }; }; };";
        Assert.Contains(LinuxGuestView.CheckNode(DtsReader.Parse(deep)), p => p.Contains("/soc/hypervisor", System.StringComparison.Ordinal));

        string unversioned = Good.Replace("\"xen,xen-4.22\", ", string.Empty, System.StringComparison.Ordinal);
        Assert.Contains(LinuxGuestView.CheckNode(DtsReader.Parse(unversioned)), p => p.Contains("xen,xen-<version>", System.StringComparison.Ordinal));

        string notXen = Good.Replace(", \"xen,xen\"", string.Empty, System.StringComparison.Ordinal);
        Assert.Contains(LinuxGuestView.CheckNode(DtsReader.Parse(notXen)), p => p.Contains("lacks", System.StringComparison.Ordinal));
    }
}
