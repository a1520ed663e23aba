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

    [Theory]
    [InlineData(0xffffffffffff0000UL, 0x10000UL, true)]  // ends at 2^64-1
    [InlineData(0xffffffffffff0000UL, 0x10001UL, false)] // one byte past
    [InlineData(ulong.MaxValue, 0UL, true)]              // compiled out: no window, nothing to check
    [InlineData(1UL, ulong.MaxValue, true)]
    [InlineData(2UL, ulong.MaxValue, false)]
    [InlineData(0UL, ulong.MaxValue, true)]
    public void A_window_is_accepted_exactly_when_it_ends_by_2_pow_64_minus_1(ulong start, ulong size, bool accepted)
    {
        if (accepted)
        {
            var window = new GrantTableRegion(start, size);
            Assert.Equal(start, window.Start);
            Assert.Equal(size, window.Size);
            return;
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GrantTableRegion(start, size));
        Assert.Equal("size", error.ParamName);
        Assert.Contains(FormattableString.Invariant($"at 0x{start:x} with size 0x{size:x} runs past 2^64-1"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFrames_counts_4_KiB_frames_and_refuses_a_window_past_the_top()
    {
        Assert.Equal(0x1000UL, GrantTableRegion.FrameSize);
        Assert.Equal(new GrantTableRegion(0x40200000, 0x3000), GrantTableRegion.FromFrames(0x40200000, 3));
        Assert.True(GrantTableRegion.FromFrames(0x40200000, 0).IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => GrantTableRegion.FromFrames(ulong.MaxValue - 0xfff, 2));
    }

    [Fact]
    public void A_non_empty_window_is_not_empty_and_is_a_grant_table_bank_with_its_size()
    {
        Assert.False(GrantTableRegion.Guest.IsEmpty);
        Assert.Equal(new MemoryBank(0x38000000, 0x01000000, MemoryBankKind.GrantTable, "grant table"), GrantTableRegion.Guest.ToBank());
    }

    [Fact]
    public void Equality_and_hash_take_start_and_size()
    {
        var window = new GrantTableRegion(0x40200000, 0x40000);
        Assert.True(window.Equals((object)new GrantTableRegion(0x40200000, 0x40000)));
        Assert.False(window.Equals((object)window.ToBank()));
        Assert.False(window == new GrantTableRegion(0x40200000, 0x41000));
        Assert.False(window == new GrantTableRegion(0x40201000, 0x40000));
        Assert.False(window != new GrantTableRegion(0x40200000, 0x40000));
        Assert.Equal(window.GetHashCode(), new GrantTableRegion(0x40200000, 0x40000).GetHashCode());
        Assert.NotEqual(new GrantTableRegion(1, 1).GetHashCode(), new GrantTableRegion(2, 1).GetHashCode());
        Assert.NotEqual(new GrantTableRegion(1, 1).GetHashCode(), new GrantTableRegion(1, 2).GetHashCode());
    }
}
