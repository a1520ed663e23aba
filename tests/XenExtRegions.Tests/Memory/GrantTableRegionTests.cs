using System;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Memory;

public sealed class GrantTableRegionTests
{
    [Fact]
    public void Guest_window_is_GUEST_GNTTAB_BASE_and_SIZE()
    {
        GrantTableRegion guest = GrantTableRegion.Guest;
        Assert.Equal(0x38000000UL, guest.Start);
        Assert.Equal(0x01000000UL, guest.Size);
        Assert.True(guest.TryGetRange(out AddressRange range));
        Assert.Equal(new AddressRange(0x38000000, 0x38ffffff), range);
    }

    [Fact]
    public void Dom0_default_is_64_frames_of_4_KiB()
    {
        Assert.Equal(0x40000UL, GrantTableRegion.Dom0DefaultSize);
        Assert.Equal(new GrantTableRegion(0x40200000, 0x40000), GrantTableRegion.FromFrames(0x40200000, GrantTableRegion.DefaultMaxGrantFrames));
    }

    [Fact]
    public void Zero_size_means_compiled_out_and_has_no_range()
    {
        var none = new GrantTableRegion(0x40200000, 0);
        Assert.True(none.IsEmpty);
        Assert.False(none.TryGetRange(out _));
        Assert.True(none.ToBank().IsEmpty);
    }

    [Fact]
    public void Overflowing_window_is_rejected_and_the_top_edge_accepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrantTableRegion(ulong.MaxValue, 2));
        var top = new GrantTableRegion(ulong.MaxValue - 0xfff, 0x1000);
        Assert.True(top.TryGetRange(out AddressRange range));
        Assert.Equal(ulong.MaxValue, range.Last);
    }

    [Fact]
    public void As_a_bank_and_equality()
    {
        MemoryBank bank = GrantTableRegion.Guest.ToBank();
        Assert.Equal(MemoryBankKind.GrantTable, bank.Kind);
        Assert.Equal(0x38000000UL, bank.Start);
        Assert.True(GrantTableRegion.Guest == new GrantTableRegion(0x38000000, 0x01000000));
        Assert.True(GrantTableRegion.Guest != default);
        Assert.Equal("grant table 0x38000000 size 0x1000000", GrantTableRegion.Guest.ToString());
    }
}
