using static XenExtRegions.Tests.DeviceTrees.Dts.DtsTestText;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

public sealed class DtsReaderExpressionTests
{
    private static ulong Eval(string expression)
    {
        byte[] v = Value(Parse("/ { p = /bits/ 64 <(" + expression + ")>; };"), "/", "p");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(v);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7UL)]
    [InlineData("(1 + 2) * 3", 9UL)]
    [InlineData("10 - 4 - 3", 3UL)]
    [InlineData("100 / 10 / 5", 2UL)]
    [InlineData("17 % 5", 2UL)]
    [InlineData("1 << 4 + 1", 32UL)]
    [InlineData("256 >> 2", 64UL)]
    [InlineData("1 << 64", 0UL)]
    [InlineData("1 >> 64", 0UL)]
    [InlineData("1 << 63", 0x8000000000000000UL)]
    [InlineData("3 < 4", 1UL)]
    [InlineData("3 > 4", 0UL)]
    [InlineData("4 <= 4", 1UL)]
    [InlineData("5 >= 6", 0UL)]
    [InlineData("1 < 2 == 1", 1UL)]
    [InlineData("2 == 2", 1UL)]
    [InlineData("2 != 2", 0UL)]
    [InlineData("0xf0 & 0x3c", 0x30UL)]
    [InlineData("0xf0 ^ 0x3c", 0xccUL)]
    [InlineData("0xf0 | 0x0f", 0xffUL)]
    [InlineData("1 | 2 ^ 3 & 4", 3UL)]
    [InlineData("6 & 3 == 3", 0UL)]
    [InlineData("3 && 4", 1UL)]
    [InlineData("0 && 4", 0UL)]
    [InlineData("0 || 0", 0UL)]
    [InlineData("0 || 7", 1UL)]
    [InlineData("1 || 0 && 0", 1UL)]
    [InlineData("1 ? 2 : 3", 2UL)]
    [InlineData("0 ? 2 : 3", 3UL)]
    [InlineData("0 ? 1 : 0 ? 2 : 3", 3UL)]
    [InlineData("1 ? 0 ? 5 : 6 : 7", 6UL)]
    [InlineData("-1", ulong.MaxValue)]
    [InlineData("- -5", 5UL)]
    [InlineData("~0", ulong.MaxValue)]
    [InlineData("!0", 1UL)]
    [InlineData("!5", 0UL)]
    [InlineData("-5 / 2", 0x7FFFFFFFFFFFFFFDUL)]
    [InlineData("1 < -1", 1UL)]
    [InlineData("'a' + 1", 0x62UL)]
    [InlineData("'\\xff'", 0xffUL)]
    [InlineData("0x10 * 0x10", 0x100UL)]
    [InlineData("((((1))))", 1UL)]
    [InlineData("18446744073709551615 + 1", 0UL)]
    public void Operators_have_C_precedence_and_unsigned_64_bit_arithmetic(string expression, ulong expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Expressions_work_in_memreserve_and_bits_prefix()
    {
        var tree = Parse("/memreserve/ (1 << 20) (2 * 0x1000);\n/ { p = /bits/ 0x10 <(1 + 1)>; };");
        Assert.Equal(new XenExtRegions.DeviceTrees.MemoryReservation(1 << 20, 0x2000), tree.MemoryReservations[0]);
        Assert.Equal(Bytes(0, 2), Value(tree, "/", "p"));
    }
}
