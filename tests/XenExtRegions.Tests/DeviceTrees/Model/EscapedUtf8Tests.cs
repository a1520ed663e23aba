using System;
using System.Text;
using CsCheck;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Model;

/// <summary>
/// The byte/string mapping every reader and writer shares: valid UTF-8 as usual, every other byte as one lone
/// surrogate U+DC80–U+DCFF, lossless both ways (issue 13: "ff fe" must not come back as "ef bf bd ef bf bd").
/// </summary>
/// <remarks>Theory data spells lone surrogates as <c>\uXXXX</c> text: xunit serialises test data as UTF-8, which would turn them into U+FFFD.</remarks>
public sealed class EscapedUtf8Tests
{
    internal static string Unescape(string text) => System.Text.RegularExpressions.Regex.Unescape(text);

    public static TheoryData<string, byte[], string> Cases => new()
    {
        { "ff fe", [0xff, 0xfe], "\\uDCFF\\uDCFE" },
        { "lone continuation bytes", [0x61, 0x80, 0x62, 0xbf], "a\\uDC80b\\uDCBF" },
        { "truncated 3-byte sequence", [0x78, 0xe2, 0x82], "x\\uDCE2\\uDC82" },
        { "truncated 4-byte sequence then ASCII", [0xf0, 0x9f, 0x98, 0x41], "\\uDCF0\\uDC9F\\uDC98A" },
        { "overlong '/' (c0 af)", [0xc0, 0xaf], "\\uDCC0\\uDCAF" },
        { "overlong 3-byte (e0 80 af)", [0xe0, 0x80, 0xaf], "\\uDCE0\\uDC80\\uDCAF" },
        { "overlong 4-byte (f0 8f bf bf)", [0xf0, 0x8f, 0xbf, 0xbf], "\\uDCF0\\uDC8F\\uDCBF\\uDCBF" },
        { "UTF-8 form of a surrogate (ed a0 80)", [0xed, 0xa0, 0x80], "\\uDCED\\uDCA0\\uDC80" },
        { "UTF-8 form of an escape (ed b2 80)", [0xed, 0xb2, 0x80], "\\uDCED\\uDCB2\\uDC80" },
        { "above U+10FFFF (f4 90 80 80)", [0xf4, 0x90, 0x80, 0x80], "\\uDCF4\\uDC90\\uDC80\\uDC80" },
        { "valid 2, 3 and 4-byte UTF-8", [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], "\\u00e9\\u20ac\\uD83D\\uDE00" },
        { "valid then invalid", [0xc3, 0xa9, 0xff], "\\u00e9\\uDCFF" },
        { "ASCII", "serial@e6e88000"u8.ToArray(), "serial@e6e88000" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bytes_decode_to_the_escaped_string_and_encode_back_unchanged(string what, byte[] bytes, string escapedText)
    {
        string text = Unescape(escapedText);
        Assert.Equal(text, EscapedUtf8.Decode(bytes));
        Assert.Equal(text, EscapedUtf8.Decode(bytes, 0, bytes.Length));
        Assert.Equal(bytes, EscapedUtf8.Encode(text));
        Assert.Equal(bytes.Length, EscapedUtf8.GetByteCount(text));
        Assert.True(EscapedUtf8.NameProblem(text) is null, what);
    }

    [Fact]
    public void Any_bytes_survive_decode_and_encode_and_valid_utf8_decodes_as_the_framework_does()
    {
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            string text = EscapedUtf8.Decode(bytes);
            Assert.Equal(bytes, EscapedUtf8.Encode(text));
            Assert.Null(EscapedUtf8.NameProblem(text));
            if (EscapedUtf8.FirstInvalid(bytes) < 0)
            {
                Assert.Equal(new UTF8Encoding(false, true).GetString(bytes), text);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Different_bytes_never_decode_to_the_same_string()
    {
        // A small alphabet of lead, continuation and ASCII bytes makes equal and near-equal pairs common.
        Gen<byte[]> bytes = Gen.OneOfConst<byte>(0x61, 0x80, 0xa9, 0xc3, 0xe2, 0x82, 0xac, 0xff).Array[0, 4];
        Gen.Select(bytes, bytes).Sample((a, b) =>
        {
            bool sameBytes = a.AsSpan().SequenceEqual(b);
            Assert.Equal(sameBytes, string.Equals(EscapedUtf8.Decode(a), EscapedUtf8.Decode(b), StringComparison.Ordinal));
        }, iter: 3000);
    }

    [Theory]
    [InlineData("a\\uD800b")]
    [InlineData("\\uDC00")]
    [InlineData("x\\uDC7F")]
    [InlineData("\\uDBFF")]
    public void A_lone_surrogate_that_is_no_byte_escape_has_no_bytes(string escapedText)
    {
        string text = Unescape(escapedText);
        Assert.Throws<ArgumentException>(() => EscapedUtf8.Encode(text));
        Assert.Throws<ArgumentException>(() => EscapedUtf8.GetByteCount(text));
        Assert.Contains("lone surrogate", EscapedUtf8.NameProblem(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_of_bytes_that_form_valid_utf8_are_a_second_spelling_and_not_a_name()
    {
        // U+DCC3 U+DCA9 encode to c3 a9, which decode to "é": two strings for one byte name.
        Assert.Equal(new byte[] { 0xc3, 0xa9 }, EscapedUtf8.Encode("\uDCC3\uDCA9"));
        Assert.Contains("valid UTF-8", EscapedUtf8.NameProblem("\uDCC3\uDCA9"), StringComparison.Ordinal);
        Assert.Null(EscapedUtf8.NameProblem("\u00e9"));
        Assert.Null(EscapedUtf8.NameProblem("\uDCC3"));
    }

    [Fact]
    public void Messages_show_escaped_bytes_as_hex()
    {
        Assert.Equal("n\\xff\\x80", EscapedUtf8.Printable("n\uDCFF\uDC80"));
        Assert.Equal("caf\\u00e9\\\\", EscapedUtf8.Printable("caf\u00e9\\"));
    }
}
