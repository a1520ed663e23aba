using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class LinuxGuestViewTests
{
    private static MemoryBank R(ulong start, ulong size) => new(start, size, MemoryBankKind.ExtendedRegion);

    [Fact]
    public void Descending_or_overlapping_lists_are_refused()
    {
        Assert.False(LinuxGuestView.Check([R(0x80000000, 0x10000000), R(0x40000000, 0x10000000)]).Accepted);
        Assert.False(LinuxGuestView.Check([R(0x40000000, 0x10000000), R(0x4FFFF000, 0x10000000)]).Accepted);
        Assert.False(LinuxGuestView.Check([]).Accepted);
    }

    [Fact]
    public void Adjacent_regions_are_accepted_and_joined_for_section_alignment()
    {
        LinuxGuestReport report = LinuxGuestView.Check([R(0x46000000, 0x4000000), R(0x4A000000, 0x6000000)]);
        Assert.True(report.Accepted);
        Assert.Equal([new AddressRange(0x48000000, 0x4FFFFFFF)], report.UsableWindows);
        Assert.Empty(report.UselessRegions);
    }

    [Fact]
    public void Section_size_is_configurable()
    {
        MemoryBank[] regions = [R(0x48000000, 0x78000000)];
        Assert.Equal(0x78000000UL, LinuxGuestView.Check(regions).UsableBytes);
        Assert.Equal(0x40000000UL, LinuxGuestView.Check(regions, new LinuxGuestOptions { SectionSize = 0x40000000 }).UsableBytes);
        Assert.Throws<System.ArgumentException>(() => LinuxGuestView.Check(regions, new LinuxGuestOptions { SectionSize = 3 }));
    }
}
