using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>P3, find_domU_holes (spec §5.3): the bank tails, their 64 MiB floor, the clip and what each tail became.</summary>
public sealed class DomUHolesProducerTests
{
    public static TheoryData<string> P3Releases => new(["4.17", "4.18", "4.19.0", "4.19.3", "4.20.1", "4.21", "latest"]);

    // Before 4.21 the clip is ~0 >> (64 - 64), which clips nothing; from 4.21 the window (1 << 64) - 1 is [0, 0].
    [Theory]
    [InlineData("4.17", "0x80000000->0x100000000, 0x200000000->0x10000000000", "clips nothing")]
    [InlineData("4.19.0", "0x80000000->0x100000000, 0x200000000->0x10000000000", "clips nothing")]
    [InlineData("4.20.1", "0x80000000->0x100000000, 0x200000000->0x10000000000", "clips nothing")]
    [InlineData("4.21", "", "nothing is found")]
    public void Ipa_bits_64_keeps_the_whole_tails_before_4_21_and_nothing_from_4_21(string release, string expected, string why)
    {
        ExtendedRegionsResult result = Run(DomU(release, 0x40000000, 0, 64));
        Assert.Equal(expected, Format(result));
        Assert.Equal(expected.Length == 0 ? ExtendedRegionsOutcome.NoneFound : ExtendedRegionsOutcome.Found, result.Outcome);
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.AddressWindowEmpty);
        Assert.Contains(why, d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(P3Releases))]
    public void A_bank_tail_of_exactly_64_MiB_is_kept_and_one_2_MiB_smaller_is_dropped(string release)
    {
        Assert.Equal("0xfc000000->0x100000000", Format(Run(DomU(release, 0xBC000000, 0, 32))));

        ExtendedRegionsResult smaller = Run(DomU(release, 0xBC200000, 0, 32));
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, smaller.Outcome);
        FreeRangeFate fate = Assert.Single(smaller.Explanation);
        Assert.Equal(FreeRangeFateKind.DroppedTooSmall, fate.Kind);
        Assert.Equal((0xFC200000UL, 0xFFFFFFFFUL), (fate.FreeRange.First, fate.FreeRange.Last));
        Assert.Equal((0xFC200000UL, 0x3E00000UL), (fate.RegionStart, fate.RegionSize));
    }

    // Less than 2 MiB left at the end of bank 0 (down to one byte): aligning the start up passes the end.
    [Theory]
    [InlineData("4.17", 0xBFF00000UL)]
    [InlineData("4.17", 0xBFFFFFFFUL)]
    [InlineData("4.21", 0xBFF00000UL)]
    [InlineData("4.21", 0xBFFFFFFFUL)]
    public void A_tail_under_2_MiB_is_explained_as_nothing_left_after_alignment(string release, ulong ram0)
    {
        ExtendedRegionsResult result = Run(DomU(release, ram0, 0, 32));
        FreeRangeFate fate = Assert.Single(result.Explanation);
        Assert.Equal(FreeRangeFateKind.DroppedNothingAfterAlignment, fate.Kind);
        Assert.Equal((XenConstants.GuestRam0Base + ram0, 0xFFFFFFFFUL), (fate.FreeRange.First, fate.FreeRange.Last));
        Assert.Equal((0x100000000UL, 0UL), (fate.RegionStart, fate.RegionSize));
    }

    [Theory]
    [MemberData(nameof(P3Releases))]
    public void A_full_bank_explains_nothing_and_yields_ENOENT(string release)
    {
        ExtendedRegionsResult result = Run(DomU(release, 0xC0000000, 0, 32));
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Equal(XenError.NoEntry, result.Error);
        Assert.Empty(result.Explanation);
    }

    // 4.19–4.20 give up before rebuilding through the rangeset when no tail is kept, shm or not.
    [Theory]
    [InlineData("4.19.0")]
    [InlineData("4.20.1")]
    [InlineData("4.21")]
    public void No_kept_tail_with_static_shared_memory_is_ENOENT(string release)
    {
        ExtendedRegionsResult result = Run(DomU(release, 0xC0000000, 0, 32) with
        {
            DomainSharedMemory = [Incl(0x80000000, 0x8FFFFFFF, MemoryBankKind.StaticSharedMemory)],
        });
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Equal(XenError.NoEntry, result.Error);
    }

    // With shm, 4.19–4.20 rebuild the tails through add_ext_regions over [first kept start, last kept end]: both banks
    // come back, each 2 MiB short (the 4.18–4.20 normaliser).
    [Theory]
    [InlineData("4.19.0", "0x80000000->0x8fe00000, 0x92000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.20.1", "0x80000000->0x8fe00000, 0x92000000->0xffe00000, 0x200000000->0xffffe00000")]
    [InlineData("4.21", "0x80000000->0x90000000, 0x92000000->0x100000000, 0x200000000->0x10000000000")]
    public void Static_shared_memory_splits_a_tail_and_both_banks_are_reported(string release, string expected)
    {
        ExtendedRegionsResult result = Run(DomU(release, 0x40000000, 0, 40) with
        {
            DomainSharedMemory = [Bank(0x90000000, 0x2000000, MemoryBankKind.StaticSharedMemory)],
        });
        Assert.Equal(expected, Format(result));
    }

    [Fact]
    public void A_guest_RAM_size_beyond_its_bank_is_noted_and_the_bank_yields_nothing()
    {
        ExtendedRegionsResult result = Run(DomU("4.21", 0xC0001000, 0, 40));
        Assert.Equal("0x200000000->0x10000000000", Format(result));
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.GuestRamBankLargerThanBank);
        Assert.Equal("GuestRamBankSizes[0]", d.Subject);
        Assert.Contains("0xc0001000", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Explanation, f => f.FreeRange.First < 0x200000000UL);
    }
}
