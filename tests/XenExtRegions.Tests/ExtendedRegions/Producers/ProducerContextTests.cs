using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>What the producers share: how a quirk is reported, how banks and windows become rangeset units.</summary>
public sealed class ProducerContextTests
{
    private static ProducerContext Context(string release) => new(new ExtendedRegionsInput { Release = XenRelease.Parse(release), IpaBits = 40 });

    [Theory]
    [InlineData("4.17", "bytes")]
    [InlineData("4.21", "frames")]
    public void Each_quirk_is_reported_with_its_range_in_the_set_s_unit(string release, string unit)
    {
        ProducerContext ctx = Context(release);
        FreeSpace space = ctx.NewFreeSpace(legacy: true);
        space.Add(0, 1);
        space.Add(4, 5);
        space.Add(20, 30);
        space.Remove(3, 4);
        space.Remove(25, 24);
        space.Remove(9, 2);
        space.Remove(22, ulong.MaxValue);

        Assert.Equal(
            [EngineDiagnosticId.LegacySubtractionExtendedRange, EngineDiagnosticId.ZeroSizeRange, EngineDiagnosticId.UndefinedInvertedRange, EngineDiagnosticId.RangesetOrderCorrupted],
            ctx.Diagnostics.Select(d => d.Id).ToArray());
        string[] messages = ctx.Diagnostics.Select(d => d.Message).ToArray();
        Assert.StartsWith($"the old rangeset subtraction extended the previous range over [0x2, 0x2] ({unit})", messages[0], StringComparison.Ordinal);
        Assert.StartsWith($"zero-size range [0x19, 0x18] ({unit}): ", messages[1], StringComparison.Ordinal);
        Assert.Equal($"inverted range [0x9, 0x2] ({unit}): undefined in Xen; ignored", messages[2]);
        Assert.StartsWith("a removal ending at 2^64-1 wrapped: the last range became [0x0, 0x1e]", messages[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_set_follows_the_release_s_subtraction_unless_told()
    {
        FreeSpace old = Context("4.19.0").NewFreeSpace();
        FreeSpace fixedSet = Context("4.19.3").NewFreeSpace();
        FreeSpace forced = Context("4.19.3").NewFreeSpace(legacy: true);
        foreach (FreeSpace s in new[] { old, fixedSet, forced })
        {
            s.Add(0, 1);
            s.Add(4, 5);
            s.Remove(3, 4);
        }

        Assert.Equal([2UL, 1UL, 2UL], new[] { old, fixedSet, forced }.Select(LastOfFirst).ToArray());
    }

    [Fact]
    public void A_host_RAM_bank_running_past_2_pow_64_is_added_modulo_2_pow_64_with_a_finding()
    {
        ExtendedRegionsResult result = Run(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse("4.21"), IpaBits = 40,
            HostRam = [Incl(0x40000000, 0x7FFFFFFF), new MemoryBank(0xFFFFFFFFFFFFF000, 0x2000, MemoryBankKind.HostRam, "/memory@top")],
        });
        Assert.Equal("0x40000000->0x80000000", Format(result));
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.RangeWrapsAround);
        Assert.Equal("/memory@top", d.Subject);
        Assert.Contains("runs past 2^64", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_ending_exactly_at_2_pow_64_is_not_a_wrap()
    {
        ExtendedRegionsResult result = Run(E11("4.21"));
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == EngineDiagnosticId.RangeWrapsAround);
    }

    [Theory]
    [InlineData(0x50100000UL, false)]
    [InlineData(0x0UL, true)]
    [InlineData(0xFFFFFFFFFFFFF800UL, true)]
    public void A_size_0_window_wraps_only_when_its_end_rounds_up_to_2_pow_64(ulong address, bool wraps)
    {
        ProducerContext ctx = Context("4.21");
        (ulong first, ulong last) = ctx.WindowToUnits(DescribedWindow.Reg("/n", 0, address, 0));
        Assert.Equal(wraps, ctx.Diagnostics.Any(d => d.Id == EngineDiagnosticId.RangeWrapsAround && d.Subject == "/n" && d.Message.StartsWith("size 0 at ", StringComparison.Ordinal)));
        Assert.Equal(address >> 12, first);
        Assert.Equal(wraps ? ulong.MaxValue >> 12 : (address >> 12) - 1, last);
    }

    // Only a sum past 2^64 wraps: ending at 2^64 - 1 or exactly at 2^64 (the end computes to 0, minus 1) does not.
    [Theory]
    [InlineData(0x1000UL, ulong.MaxValue, true, 1UL, 0UL)]
    [InlineData(0xFFFFFFFFFFFFF000UL, 0xFFFUL, false, 0xFFFFFFFFFFFFFUL, 0xFFFFFFFFFFFFFUL)]
    [InlineData(0xFFFFFFFFFFFFF000UL, 0x1000UL, false, 0xFFFFFFFFFFFFFUL, 0xFFFFFFFFFFFFFUL)]
    public void A_window_wraps_only_when_address_plus_size_passes_2_pow_64(ulong address, ulong size, bool wraps, ulong first, ulong last)
    {
        ProducerContext ctx = Context("4.21");
        Assert.Equal((first, last), ctx.WindowToUnits(DescribedWindow.Reg("/n", 0, address, size)));
        Assert.Equal(wraps, ctx.Diagnostics.Any(d => d.Id == EngineDiagnosticId.RangeWrapsAround));
    }

    [Fact]
    public void A_window_is_widened_to_whole_pages()
    {
        Assert.Equal((0x9010UL, 0x9010UL), Context("4.21").WindowToUnits(DescribedWindow.Reg("/rtc", 0, 0x09010123, 0x10)));
        Assert.Equal((0x09010000UL, 0x09010FFFUL), Context("4.17").WindowToUnits(DescribedWindow.Reg("/rtc", 0, 0x09010123, 0x10)));
        Assert.Equal((0x09010000UL, 0x09011FFFUL), Context("4.17").WindowToUnits(DescribedWindow.Reg("/rtc", 0, 0x09010FFF, 2)));
    }

    [Theory]
    [InlineData(64, 0UL)]
    [InlineData(63, 0x7FFFFFFFFFFFFFFFUL)]
    [InlineData(40, 0xFFFFFFFFFFUL)]
    public void The_IPA_window_ends_at_2_pow_ipa_bits_minus_1_as_Arm64_computes_it(int ipaBits, ulong last)
    {
        var ctx = new ProducerContext(new ExtendedRegionsInput { IpaBits = ipaBits });
        Assert.Equal(last, ctx.IpaLast);
        Assert.Equal(last >> 12, ctx.WindowLastUnit);
    }

    private static ulong LastOfFirst(FreeSpace space)
    {
        ulong last = 0;
        space.Report(0, 100, r =>
        {
            last = r.Last;
            return 1;
        });
        return last;
    }
}
