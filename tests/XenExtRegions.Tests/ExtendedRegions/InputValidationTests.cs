using System;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData(DomainKind.Dom0lessDomU, 0, 0xC0000001UL)]
    [InlineData(DomainKind.ToolstackDomU, 0, ulong.MaxValue)]
    [InlineData(DomainKind.ToolstackDomU, 1, 0xFE00000001UL)]
    public void A_guest_RAM_bank_larger_than_its_bank_is_refused_naming_the_bank(DomainKind kind, int bank, ulong size)
    {
        ulong[] sizes = bank == 0 ? [size, 0] : [0xC0000000, size];
        var input = new ExtendedRegionsInput { Kind = kind, GuestRamBankSizes = sizes };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new ExtendedRegionsEngine().Compute(input));
        Assert.Contains($"GuestRamBankSizes[{bank}]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_guest_RAM_banks_are_accepted_and_leave_no_region_in_them()
    {
        var input = new ExtendedRegionsInput { Kind = DomainKind.ToolstackDomU, GuestRamBankSizes = [0xC0000000, 0xFE00000000] };
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
        Assert.Empty(result.Regions);
    }
}
