using XenExtRegions.Diagnostics;

namespace XenExtRegions.Tests.Diagnostics;

// Rules of AddressText that mutation testing (issue 15) found unguarded: every hex digit in both cases, decimal
// staying decimal, the exact 64-bit limit of a suffixed number, the suffix forms that are not a suffix, the
// part of a START:SIZE pair an error names, and the binary units above GiB.
public sealed class AddressTextRuleTests
{
    [Theory]
    [InlineData("0x0123456789abcdef", 0x0123456789ABCDEFUL)]
    [InlineData("0x0123456789ABCDEF", 0x0123456789ABCDEFUL)]
    [InlineData("0xA", 0xAUL)]
    [InlineData("0xf", 0xFUL)]
    public void Every_hex_digit_counts_in_either_case(string text, ulong expected)
    {
        Assert.True(AddressText.TryParseNumber(text, out ulong value, out string? error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1f")]
    [InlineData("12ab")]
    public void Hex_letters_without_0x_are_not_a_decimal_number(string text)
    {
        Assert.False(AddressText.TryParseNumber(text, out _, out string? error));
        Assert.Contains("not a number", error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_suffixed_number_may_reach_exactly_the_top_of_64_bits()
    {
        // 2^24 - 1 TiB is the largest whole number of TiB below 2^64; one more does not fit.
        Assert.True(AddressText.TryParseNumber("16777215T", out ulong value, out string? error), error);
        Assert.Equal(16777215UL << 40, value);
        Assert.False(AddressText.TryParseNumber("16777216T", out _, out _));
    }

    [Fact]
    public void A_missing_value_is_called_empty()
    {
        Assert.False(AddressText.TryParseNumber(null, out _, out string? error));
        Assert.Equal("an empty value is not a number", error);
    }

    [Theory]
    [InlineData("KB", "no digits")]
    [InlineData("iB", "not a number")]
    [InlineData("1KM", "not a number")]
    [InlineData("1KX", "not a number")]
    public void Unit_letters_alone_or_stacked_are_not_a_number(string text, string because)
    {
        Assert.False(AddressText.TryParseNumber(text, out _, out string? error));
        Assert.Contains(because, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_size_error_names_the_part_that_is_wrong()
    {
        Assert.False(AddressText.TryParseStartSize(":256M", out _, out _, out string? noStart));
        Assert.StartsWith("start: ", noStart, System.StringComparison.Ordinal);
        Assert.False(AddressText.TryParseStartSize("0x1000:zz", out _, out _, out string? badSize));
        Assert.StartsWith("size: ", badSize, System.StringComparison.Ordinal);
        Assert.False(AddressText.TryParseStartSize("0x1000:", out _, out _, out string? noSize));
        Assert.StartsWith("size: ", noSize, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2UL << 40, "2 TiB")]
    [InlineData(3UL << 50, "3 PiB")]
    [InlineData(5UL << 60, "5 EiB")]
    public void Sizes_above_GiB_print_in_their_own_unit(ulong size, string expected) =>
        Assert.Equal(expected, AddressText.FormatSize(size));
}
