using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Memory;

public sealed class MemoryBankListTests
{
    private const ulong Max = ulong.MaxValue;

    private static MemoryBank Ram(ulong start, ulong size) => new(start, size, MemoryBankKind.HostRam, "/memory");

    [Fact]
    public void Default_capacity_is_Xen_4_16_0_NR_MEM_BANKS()
    {
        Assert.Equal(128, new MemoryBankList().Capacity);
        Assert.Equal(128, MemoryBankList.DefaultCapacity);
        Assert.Equal(256, MemoryBankList.ExtendedCapacity);
        Assert.Equal(256, new MemoryBankList(MemoryBankList.ExtendedCapacity).Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBankList(0));
    }

    [Fact]
    public void Add_returns_a_new_list_and_keeps_the_original()
    {
        var empty = new MemoryBankList();
        MemoryBankList one = empty.Add(Ram(0x40000000, 0x1000));
        Assert.True(empty.IsEmpty);
        Assert.Single(one);
        Assert.Equal(Ram(0x40000000, 0x1000), one[0]);
    }

    [Fact]
    public void A_full_list_refuses_more_banks_through_TryAdd()
    {
        var list = new MemoryBankList(2).Add(Ram(0, 1)).Add(Ram(2, 1));
        Assert.True(list.IsFull);
        Assert.False(list.TryAdd(Ram(4, 1), out MemoryBankList same));
        Assert.Same(list, same);
        Assert.True(new MemoryBankList(2).TryAdd(Ram(4, 1), out MemoryBankList longer));
        Assert.Single(longer);
    }

    [Fact]
    public void A_full_list_throws_naming_the_capacity_and_the_bank()
    {
        var list = new MemoryBankList(Enumerable.Range(0, 128).Select(i => Ram((ulong)i * 0x1000, 0x1000)));
        var error = Assert.Throws<MemoryBankCapacityExceededException>(() => list.Add(Ram(0xdead0000, 0x2000)));
        Assert.Equal(128, error.Capacity);
        Assert.Equal(Ram(0xdead0000, 0x2000), error.Bank);
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xdead0000", error.Message, StringComparison.Ordinal);

        Assert.Throws<MemoryBankCapacityExceededException>(() => new MemoryBankList([Ram(0, 1), Ram(1, 1)], capacity: 1));
        Assert.Throws<MemoryBankCapacityExceededException>(() => list.WithCapacity(100));
        Assert.Equal(129, list.WithCapacity(256).Add(Ram(Max, 1)).Count);
        var partial = new MemoryBankList(3).Add(Ram(0, 1));
        var third = Assert.Throws<MemoryBankCapacityExceededException>(() => partial.AddRange([Ram(1, 1), Ram(2, 1), Ram(3, 1)]));
        Assert.Equal(Ram(3, 1), third.Bank);
    }

    [Fact]
    public void SortedByStart_is_stable_and_leaves_the_original_alone()
    {
        var list = new MemoryBankList([Ram(0x3000, 0x10), Ram(0x1000, 0x20), new MemoryBank(0x1000, 0x20, MemoryBankKind.ReservedMemory), Ram(0x1000, 0x10)]);
        MemoryBankList sorted = list.SortedByStart();
        Assert.Equal(
            [Ram(0x1000, 0x10), Ram(0x1000, 0x20), new MemoryBank(0x1000, 0x20, MemoryBankKind.ReservedMemory), Ram(0x3000, 0x10)],
            sorted.ToArray());
        Assert.Equal(Ram(0x3000, 0x10), list[0]);
        Assert.Equal(list.Capacity, sorted.Capacity);
    }

    [Fact]
    public void TotalSize_is_checked()
    {
        Assert.Equal(0x30UL, new MemoryBankList([Ram(0, 0x10), Ram(0x100, 0x20)]).TotalSize);
        var huge = new MemoryBankList([Ram(0, Max), Ram(0, 1)]);
        Assert.False(huge.TryGetTotalSize(out _));
        Assert.Throws<OverflowException>(() => huge.TotalSize);
        Assert.Equal(0UL, new MemoryBankList().TotalSize);
    }

    [Fact]
    public void ToRangeSet_merges_skips_empty_banks_and_reports_overflowing_ones()
    {
        var list = new MemoryBankList(
        [
            Ram(0x48000000, 0x10000000),
            Ram(0x40000000, 0x08000000), // touches the first: one range
            Ram(0x90000000, 0),          // empty: skipped
            Ram(Max - 0xfff, 0x1000),    // ends exactly at 2^64-1: fine
            Ram(Max - 0xfff, 0x2000),    // runs past 2^64-1: reported, not wrapped
        ]);

        RangeSet set = list.ToRangeSet(out IReadOnlyList<MemoryBank> overflowing);
        Assert.Equal([new AddressRange(0x40000000, 0x57ffffff), new AddressRange(Max - 0xfff, Max)], set.ToArray());
        Assert.Equal([Ram(Max - 0xfff, 0x2000)], overflowing);
        Assert.False(set.Contains(0));

        var error = Assert.Throws<InvalidOperationException>(() => list.ToRangeSet());
        Assert.Contains("0xfffffffffffff000", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, new MemoryBankList(list.Take(4)).ToRangeSet().Count);
    }

    [Fact]
    public void Lookups_by_kind()
    {
        var reserved = new MemoryBank(0x50000000, 0x1000, MemoryBankKind.ReservedMemory, "/reserved-memory/a");
        var list = new MemoryBankList([Ram(0x40000000, 0x10000000), reserved, Ram(0x80000000, 0x1000)]);
        Assert.Equal([reserved], list.OfKind(MemoryBankKind.ReservedMemory).ToArray());
        Assert.Equal(2, list.OfKind(MemoryBankKind.HostRam).Count);
        Assert.True(list.ContainsKind(MemoryBankKind.ReservedMemory));
        Assert.False(list.ContainsKind(MemoryBankKind.StaticHeap));
        Assert.Empty(list.OfKind(MemoryBankKind.StaticHeap));
    }

    [Fact]
    public void Equality_compares_capacity_and_banks_in_order()
    {
        var a = new MemoryBankList([Ram(0, 1), Ram(2, 1)]);
        var b = new MemoryBankList([Ram(0, 1), Ram(2, 1)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new MemoryBankList([Ram(2, 1), Ram(0, 1)]));
        Assert.NotEqual(a, a.WithCapacity(256));
        Assert.False(a.Equals(null));
        Assert.StartsWith("2/128 banks", a.ToString(), StringComparison.Ordinal);
    }
}
