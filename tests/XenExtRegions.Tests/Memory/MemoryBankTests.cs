using System;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Memory;

/// <summary>
/// A bank is Xen's <c>(start, size)</c> pair: its end is computed modulo 2^64 in Xen, so the edges at the top of the
/// 64-bit space (a bank ending exactly at 2^64-1, one byte further) and the empty bank are where the rules live.
/// </summary>
public sealed class MemoryBankTests
{
    private const ulong Max = ulong.MaxValue;

    [Theory]
    [InlineData(Max, 1UL, false)]         // the very last byte: fits
    [InlineData(Max, 2UL, true)]          // one byte past 2^64-1
    [InlineData(Max, 0UL, false)]         // empty: never overflows, wherever it starts
    [InlineData(0UL, Max, false)]         // [0, 2^64-2]
    [InlineData(1UL, Max, false)]         // [1, 2^64-1]
    [InlineData(2UL, Max, true)]
    [InlineData(0x1000UL, Max - 0xfff, false)]
    [InlineData(0x1000UL, Max - 0xffe, true)]
    public void Overflows_exactly_when_the_end_passes_2_pow_64(ulong start, ulong size, bool overflows)
    {
        var bank = new MemoryBank(start, size);
        Assert.Equal(overflows, bank.Overflows);
        Assert.Equal(!overflows && size != 0, bank.TryGetRange(out _));
    }

    [Fact]
    public void TryGetEnd_gives_the_exclusive_end_only_when_it_fits_64_bits()
    {
        Assert.True(new MemoryBank(1, Max - 1).TryGetEnd(out ulong end));
        Assert.Equal(Max, end);
        Assert.True(new MemoryBank(0x40000000, 0x1000).TryGetEnd(out end));
        Assert.Equal(0x40001000UL, end);

        // A bank reaching the last byte has its exclusive end at 2^64: not representable.
        Assert.False(new MemoryBank(Max - 0xfff, 0x1000).TryGetEnd(out end));
        Assert.Equal(0UL, end); // the wrapped value, as Xen would compute it
        Assert.True(new MemoryBank(Max, 0).TryGetEnd(out end));
        Assert.Equal(Max, end);
    }

    [Fact]
    public void Range_is_inclusive_and_refuses_empty_and_overflowing_banks_naming_the_bank()
    {
        Assert.Equal(new AddressRange(0x40000000, 0x40000fff), new MemoryBank(0x40000000, 0x1000).Range);
        Assert.Equal(new AddressRange(Max, Max), new MemoryBank(Max, 1).Range);

        var empty = Assert.Throws<InvalidOperationException>(() => new MemoryBank(0x90000000, 0, MemoryBankKind.HostRam).Range);
        Assert.Contains("0x90000000 size 0x0 (HostRam)", empty.Message, StringComparison.Ordinal);
        var past = Assert.Throws<InvalidOperationException>(() => new MemoryBank(Max, 2).Range);
        Assert.Contains("0xffffffffffffffff size 0x2", past.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRange_keeps_first_size_kind_and_source_and_refuses_the_whole_space()
    {
        MemoryBank bank = MemoryBank.FromRange(new AddressRange(0x1000, 0x2fff), MemoryBankKind.ReservedMemory, "/reserved-memory/a");
        Assert.Equal(new MemoryBank(0x1000, 0x2000, MemoryBankKind.ReservedMemory, "/reserved-memory/a"), bank);
        Assert.Equal(Max, MemoryBank.FromRange(new AddressRange(1, Max)).Size);

        var whole = Assert.Throws<ArgumentException>(() => MemoryBank.FromRange(new AddressRange(0, Max)));
        Assert.Equal("range", whole.ParamName);
        Assert.Contains("2^64", whole.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithKind_relabels_and_keeps_the_source_unless_given_a_new_one()
    {
        var bank = new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/memory@0");
        Assert.Equal(new MemoryBank(0x1000, 0x2000, MemoryBankKind.StaticHeap, "/memory@0"), bank.WithKind(MemoryBankKind.StaticHeap));
        Assert.Equal(new MemoryBank(0x1000, 0x2000, MemoryBankKind.StaticHeap, "/chosen"), bank.WithKind(MemoryBankKind.StaticHeap, "/chosen"));
    }

    [Fact]
    public void IsEmpty_means_size_zero()
    {
        Assert.True(new MemoryBank(0x1000, 0).IsEmpty);
        Assert.False(new MemoryBank(0, 1).IsEmpty);
    }

    [Fact]
    public void Equality_takes_start_size_kind_and_source_ordinally()
    {
        var bank = new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/memory");
        Assert.True(bank == new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/memory"));
        Assert.False(bank != new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/memory"));
        Assert.True(bank.Equals((object)new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/memory")));
        Assert.False(bank.Equals((object)"/memory"));
        Assert.True(bank != new MemoryBank(0x1001, 0x2000, MemoryBankKind.HostRam, "/memory"));
        Assert.True(bank != new MemoryBank(0x1000, 0x2001, MemoryBankKind.HostRam, "/memory"));
        Assert.True(bank != new MemoryBank(0x1000, 0x2000, MemoryBankKind.ReservedMemory, "/memory"));
        Assert.True(bank != new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam, "/MEMORY"));
        Assert.True(bank != new MemoryBank(0x1000, 0x2000, MemoryBankKind.HostRam));
    }

    [Fact]
    public void Hash_code_depends_on_start_size_and_kind()
    {
        int hash = new MemoryBank(1, 1, MemoryBankKind.HostRam).GetHashCode();
        Assert.Equal(hash, new MemoryBank(1, 1, MemoryBankKind.HostRam, "other source").GetHashCode());
        Assert.NotEqual(hash, new MemoryBank(2, 1, MemoryBankKind.HostRam).GetHashCode());
        Assert.NotEqual(hash, new MemoryBank(1, 2, MemoryBankKind.HostRam).GetHashCode());
        Assert.NotEqual(hash, new MemoryBank(1, 1, MemoryBankKind.ReservedMemory).GetHashCode());
        Assert.NotEqual(new MemoryBank(0, 1).GetHashCode(), new MemoryBank(1, 0).GetHashCode());
    }

    [Fact]
    public void ToString_prints_the_inclusive_range_when_there_is_one_and_start_and_size_otherwise()
    {
        Assert.Equal("[0x48000000, 0xbfffffff] size 0x78000000 (HostRam)", new MemoryBank(0x48000000, 0x78000000, MemoryBankKind.HostRam).ToString());
        Assert.Equal("0x90000000 size 0x0 (Unspecified)", new MemoryBank(0x90000000, 0).ToString());
        Assert.Equal("0xffffffffffffffff size 0x2 (BootModule)", new MemoryBank(Max, 2, MemoryBankKind.BootModule).ToString());
    }
}
