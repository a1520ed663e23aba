using System.Collections.Generic;
using System.IO;
using System.Text;
using CsCheck;
using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Tests.Cli.Rendering;

/// <summary>
/// The CLI's output encoding encodes runs without surrogates a run at a time; whatever the mix of ASCII, other BMP
/// text, surrogate pairs, raw-byte surrogates (U+DC80–U+DCFF) and other lone surrogates, it gives the bytes of the
/// one-character-at-a-time rule, whole or cut anywhere by a StreamWriter's buffer.
/// </summary>
public sealed class RawByteUtf8EncodingTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Const("\u00e9"),
            Gen.Const("\u20ac"),
            Gen.Const("\U0001F600"),
            Gen.Char['\uDC80', '\uDCFF'].Select(c => c.ToString()),
            Gen.Char['\uD800', '\uDBFF'].Select(c => c.ToString()),
            Gen.Char['\uDC00', '\uDC7F'].Select(c => c.ToString()),
            Gen.Const("\n"))
        .Array[0, 40]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void Bytes_are_those_of_the_character_by_character_rule()
    {
        Text.Sample(text =>
        {
            byte[] expected = Reference(text);
            Assert.Equal(expected, RawByteUtf8Encoding.Instance.GetBytes(text));
            Assert.Equal(expected.Length, RawByteUtf8Encoding.Instance.GetByteCount(text));
            Assert.Equal(expected, RawByteUtf8Encoding.Instance.GetBytes(text.ToCharArray()));
        });
    }

    [Fact]
    public void A_stream_writer_cutting_the_text_anywhere_gives_the_same_bytes()
    {
        Gen.Select(Text, Gen.Int[1, 20]).Sample((text, bufferSize) =>
        {
            using var stream = new MemoryStream();
            using (var writer = new StreamWriter(stream, RawByteUtf8Encoding.Instance, bufferSize, leaveOpen: true))
            {
                writer.Write(text);
            }

            Assert.Equal(Reference(text), stream.ToArray());
        });
    }

    /// <summary>The rule, one UTF-16 unit at a time: a pair is one scalar, U+DC80–U+DCFF a raw byte, any other lone surrogate \uNNNN.</summary>
    private static byte[] Reference(string text)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                bytes.Add((byte)(c - 0xDC00));
            }
            else if (char.IsSurrogate(c))
            {
                bytes.AddRange(Encoding.ASCII.GetBytes($"\\u{(int)c:x4}"));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return bytes.ToArray();
    }
}
