using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Memory;

/// <summary>
/// The edges of <see cref="MemoryBankList"/>'s rules: a list holds exactly its capacity (NR_MEM_BANKS) and not one bank
/// more, sums and unions never wrap, and equality, hashing and printing see capacity and order.
/// </summary>
public sealed class MemoryBankListRulesTests
{
    private const ulong Max = ulong.MaxValue;

    private static MemoryBank Ram(ulong start, ulong size) => new(start, size, MemoryBankKind.HostRam, "/memory");

    [Fact]
    public void A_list_holds_exactly_its_capacity()
    {
        var three = new MemoryBankList([Ram(0, 1), Ram(1, 1), Ram(2, 1)], capacity: 3);
        Assert.Equal(3, three.Count);
        Assert.True(three.IsFull);
        Assert.False(new MemoryBankList([Ram(0, 1), Ram(1, 1)], capacity: 3).IsFull);
        Assert.False(new MemoryBankList([Ram(0, 1), Ram(1, 1)], capacity: 3).IsEmpty);
        Assert.True(new MemoryBankList(1).TryAdd(Ram(0, 1), out MemoryBankList one));
        Assert.True(one.IsFull);
    }

    [Fact]
    public void Too_many_banks_name_the_first_that_does_not_fit_and_the_capacity()
    {
        var error = Assert.Throws<MemoryBankCapacityExceededException>(() => new MemoryBankList([Ram(0, 1), Ram(1, 1), Ram(2, 1), Ram(3, 1)], capacity: 2));
        Assert.Equal(2, error.Capacity);
        Assert.Equal(Ram(2, 1), error.Bank);
        Assert.Equal("The bank list is full: it holds its capacity of 2 banks, so [0x2, 0x2] size 0x1 (HostRam) does not fit.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_capacity_below_1_is_refused_naming_the_value(int capacity)
    {
        var empty = Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBankList(capacity));
        Assert.Equal("capacity", empty.ParamName);
        Assert.Equal(capacity, empty.ActualValue);
        Assert.Contains("at least 1", empty.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBankList([], capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryBankList().WithCapacity(capacity));
        Assert.Equal(1, new MemoryBankList(1).Capacity);
    }

    [Fact]
    public void Null_bank_sequences_are_refused()
    {
        Assert.Equal("banks", Assert.Throws<ArgumentNullException>(() => new MemoryBankList(null!)).ParamName);
        Assert.Equal("banks", Assert.Throws<ArgumentNullException>(() => new MemoryBankList().AddRange(null!)).ParamName);
    }

    [Fact]
    public void AddRange_appends_in_order_and_keeps_the_capacity()
    {
        MemoryBankList list = new MemoryBankList(4).Add(Ram(9, 1)).AddRange([Ram(5, 1), Ram(7, 1)]);
        Assert.Equal([Ram(9, 1), Ram(5, 1), Ram(7, 1)], list.ToArray());
        Assert.Equal(4, list.Capacity);
        Assert.Equal(4, list.OfKind(MemoryBankKind.HostRam).Capacity);
        Assert.Equal(4, list.SortedByStart().Capacity);
        Assert.Equal(Ram(7, 1), list[2]);
    }

    [Fact]
    public void A_full_list_Add_throws_and_leaves_the_list_as_it_was()
    {
        MemoryBankList full = new MemoryBankList(1).Add(Ram(0, 1));
        Assert.Throws<MemoryBankCapacityExceededException>(() => full.Add(Ram(1, 1)));
        Assert.Equal([Ram(0, 1)], full.ToArray());
    }

    [Fact]
    public void TotalSize_may_reach_2_pow_64_minus_1_and_not_one_byte_more()
    {
        var top = new MemoryBankList([Ram(0, Max - 1), Ram(0, 1), Ram(0, 0)]);
        Assert.True(top.TryGetTotalSize(out ulong total));
        Assert.Equal(Max, total);
        Assert.Equal(Max, top.TotalSize);

        Assert.False(top.Add(Ram(0, 1)).TryGetTotalSize(out total));
        Assert.Equal(0UL, total);
        var error = Assert.Throws<OverflowException>(() => top.Add(Ram(0, 1)).TotalSize);
        Assert.Contains("2^64-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRangeSet_without_overflowing_banks_reports_none()
    {
        RangeSet set = new MemoryBankList([Ram(0x2000, 0x1000), Ram(0, 0x1000)]).ToRangeSet(out IReadOnlyList<MemoryBank> overflowing);
        Assert.Empty(overflowing);
        Assert.Equal([new AddressRange(0, 0xfff), new AddressRange(0x2000, 0x2fff)], set.ToArray());
        Assert.Empty(new MemoryBankList([Ram(0x1000, 0)]).ToRangeSet());
    }

    [Fact]
    public void ToRangeSet_reports_every_overflowing_bank_in_order_and_names_the_first()
    {
        var list = new MemoryBankList([Ram(Max, 3), Ram(0, 0x1000), Ram(Max - 1, 5)]);
        RangeSet set = list.ToRangeSet(out IReadOnlyList<MemoryBank> overflowing);
        Assert.Equal([Ram(Max, 3), Ram(Max - 1, 5)], overflowing);
        Assert.Equal([new AddressRange(0, 0xfff)], set.ToArray());
        var error = Assert.Throws<InvalidOperationException>(() => list.ToRangeSet());
        Assert.Equal("Bank 0xffffffffffffffff size 0x3 (HostRam) runs past 2^64-1 and cannot be a range.", error.Message);
    }

    [Fact]
    public void Equality_sees_every_bank_and_the_capacity()
    {
        var a = new MemoryBankList([Ram(0, 1), Ram(2, 1)]);
        Assert.True(a.Equals((object)new MemoryBankList([Ram(0, 1), Ram(2, 1)])));
        Assert.False(a.Equals((object)"not a list"));
        Assert.False(a.Equals(new MemoryBankList([Ram(0, 1), Ram(2, 2)])));
        Assert.False(a.Equals(new MemoryBankList([Ram(0, 1)])));
        Assert.False(a.Equals(new MemoryBankList([Ram(0, 1), Ram(2, 1)], capacity: 2)));
        Assert.True(new MemoryBankList(5).Equals(new MemoryBankList(5)));
    }

    [Fact]
    public void Hash_code_depends_on_capacity_and_bank_order()
    {
        var a = new MemoryBankList([Ram(0, 1), Ram(2, 1)]);
        Assert.NotEqual(a.GetHashCode(), a.WithCapacity(200).GetHashCode());
        Assert.NotEqual(a.GetHashCode(), new MemoryBankList([Ram(2, 1), Ram(0, 1)]).GetHashCode());
        Assert.NotEqual(new MemoryBankList().GetHashCode(), new MemoryBankList([Ram(0, 1)]).GetHashCode());
    }

    [Fact]
    public void ToString_lists_count_capacity_and_one_bank_a_line()
    {
        var list = new MemoryBankList([Ram(0x1000, 0x1000), new MemoryBank(0x5000, 0)], capacity: 4);
        Assert.Equal("2/4 banks\n  [0x1000, 0x1fff] size 0x1000 (HostRam)\n  0x5000 size 0x0 (Unspecified)", list.ToString());
        Assert.Equal("0/128 banks", new MemoryBankList().ToString());
    }

    [Fact]
    public void Enumerates_the_banks_in_order_through_both_interfaces()
    {
        var list = new MemoryBankList([Ram(3, 1), Ram(1, 1)]);
        var seen = new List<object>();
        foreach (object bank in (IEnumerable)list)
        {
            seen.Add(bank);
        }

        Assert.Equal([Ram(3, 1), Ram(1, 1)], seen.Cast<MemoryBank>());
    }

    [Fact]
    public void SortedByStart_orders_by_start_before_size()
    {
        var list = new MemoryBankList([Ram(0x2000, 0x10), Ram(0x1000, 0x100), Ram(0x3000, 0x1)]);
        Assert.Equal([Ram(0x1000, 0x100), Ram(0x2000, 0x10), Ram(0x3000, 0x1)], list.SortedByStart().ToArray());
    }

    [Fact]
    public void SortedByStart_keeps_the_added_order_of_equal_banks_even_in_a_long_list()
    {
        // Array.Sort is only stable by accident below 17 elements (insertion sort); 40 equal banks need the tie-break.
        MemoryBank[] same = Enumerable.Range(0, 40)
            .Select(i => new MemoryBank(0x1000, 0x1000, MemoryBankKind.ReservedMemory, "/reserved-memory/r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        Assert.Equal(same, new MemoryBankList(same).SortedByStart().ToArray());
    }
}
