using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

public sealed class AddressRangeTests
{
    private const ulong Max = ulong.MaxValue;

    [Fact]
    public void ToString_prints_inclusive_hex_like_Xen() =>
        Assert.Equal("[0x48000000, 0x53ffffff]", AddressRange.FromStartSize(0x48000000, 0x0c000000).ToString());

    [Fact]
    public void FromStartSize_rejects_zero_size_and_overflow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(0x1000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(Max, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressRange.FromStartSize(2, Max));
        Assert.Equal(new AddressRange(1, Max), AddressRange.FromStartSize(1, Max));
        Assert.False(AddressRange.TryFromStartSize(Max - 1, 3, out _));
        Assert.True(AddressRange.TryFromStartSize(Max - 1, 2, out AddressRange top));
        Assert.Equal(new AddressRange(Max - 1, Max), top);
        Assert.Equal(new AddressRange(0, Max - 1), AddressRange.FromStartSize(0, Max));
    }

    [Fact]
    public void End_and_Size_at_the_top_of_the_space()
    {
        var top = new AddressRange(Max - 0xfff, Max);
        Assert.Equal(0x1000UL, top.Size);
        Assert.False(top.HasRepresentableEnd);
        Assert.Throws<InvalidOperationException>(() => top.End);
        Assert.False(top.TryGetEnd(out _));

        Assert.False(AddressRange.Full.HasRepresentableSize);
        Assert.Throws<InvalidOperationException>(() => AddressRange.Full.Size);
        Assert.False(AddressRange.Full.TryGetSize(out _));
        Assert.Equal(Max, AddressRange.Full.LastOffset);

        var below = new AddressRange(0x1000, 0x1fff);
        Assert.Equal(0x2000UL, below.End);
        Assert.Equal(0x1000UL, below.Size);
    }

    [Fact]
    public void Constructor_rejects_first_above_last_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new AddressRange(0x20, 0x10));
        Assert.Contains("0x20", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x10", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AddressRange.FromStartEnd(5, 5));
    }

    [Fact]
    public void Overlap_touch_and_intersection()
    {
        var a = new AddressRange(10, 19);
        Assert.True(a.OverlapsOrTouches(new AddressRange(20, 30)));
        Assert.False(a.Overlaps(new AddressRange(20, 30)));
        Assert.False(a.OverlapsOrTouches(new AddressRange(21, 30)));
        Assert.False(new AddressRange(Max, Max).OverlapsOrTouches(new AddressRange(0, 0)));
        Assert.True(a.TryIntersect(new AddressRange(15, 40), out AddressRange common));
        Assert.Equal(new AddressRange(15, 19), common);
        Assert.False(a.TryIntersect(new AddressRange(20, 40), out _));
        Assert.True(a.Contains(new AddressRange(10, 19)));
        Assert.False(a.Contains(new AddressRange(9, 19)));
    }
}
