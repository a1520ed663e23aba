using XenExtRegions.Diagnostics;

namespace XenExtRegions.Tests.Diagnostics;

public sealed class AddressTextTests
{
    [Theory]
    [InlineData("0x48000000", 0x48000000UL)]
    [InlineData("0X4800_0000", 0x48000000UL)]
    [InlineData("4096", 4096UL)]
    [InlineData("512M", 512UL << 20)]
    [InlineData("512MiB", 512UL << 20)]
    [InlineData("512mb", 512UL << 20)]
    [InlineData("4G", 4UL << 30)]
    [InlineData("256K", 256UL << 10)]
    [InlineData("2T", 2UL << 40)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData(" 64M ", 64UL << 20)]
    public void Numbers_parse(string text, ulong expected)
    {
        Assert.True(AddressText.TryParseNumber(text, out ulong value, out string? error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0x", "no digits")]
    [InlineData("0x1g", "hex digit")]
    [InlineData("12Q", "not a number")]
    [InlineData("18446744073709551616", "64 bits")]
    [InlineData("0x10000000000000000", "64 bits")]
    [InlineData("16777216T", "64 bits")]
    [InlineData("-1", "not a number")]
    [InlineData("1iB", "not a number")]
    public void Bad_numbers_say_why(string text, string because)
    {
        Assert.False(AddressText.TryParseNumber(text, out _, out string? error));
        Assert.Contains(because, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Start_size_pairs_parse_and_reject_empty_or_wrapping_ranges()
    {
        Assert.True(AddressText.TryParseStartSize("0x60000000:256M", out ulong start, out ulong size, out _));
        Assert.Equal((0x60000000UL, 0x10000000UL), (start, size));
        Assert.True(AddressText.TryParseStartSize("0xfffffffffffff000:4K", out _, out _, out _));
        Assert.False(AddressText.TryParseStartSize("0xfffffffffffff000:8K", out _, out _, out string? wrap));
        Assert.Contains("runs past", wrap, System.StringComparison.Ordinal);
        Assert.False(AddressText.TryParseStartSize("0x1000:0", out _, out _, out string? zero));
        Assert.Contains("size 0", zero, System.StringComparison.Ordinal);
        Assert.False(AddressText.TryParseStartSize("0x1000", out _, out _, out _));
        Assert.False(AddressText.TryParseStartSize("1:2:3", out _, out _, out _));
        Assert.False(AddressText.TryParseStartSize("zz:1", out _, out _, out string? bad));
        Assert.StartsWith("start:", bad, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x40000UL, "256 KiB")]
    [InlineData(0xC000000UL, "192 MiB")]
    [InlineData(0x80000000UL, "2 GiB")]
    [InlineData(0x47E00000UL, "1.12 GiB")]
    [InlineData(100UL, "100 B")]
    [InlineData(ulong.MaxValue, "16 EiB")]
    public void Sizes_print_for_people(ulong size, string expected) => Assert.Equal(expected, AddressText.FormatSize(size));
}
