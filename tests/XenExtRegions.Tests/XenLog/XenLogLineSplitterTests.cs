using System.IO;
using System.Text;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// How console text becomes lines: which characters a capture may add that are dropped (ANSI escapes, control
/// characters), where a line ends, and the bounds that keep one bad line from hiding the next.
/// </summary>
public sealed class XenLogLineSplitterTests
{
    private const string Iommu = "I/O virtualisation enabled";

    private static bool? IommuOf(string text) => XenBootLogParser.Parse(text).IommuEnabled;

    [Fact]
    public void A_two_character_escape_drops_the_character_after_ESC_only()
    {
        // ESC 7 (save cursor) is not a CSI sequence: only the '7' goes with it.
        Assert.True(IommuOf("(XEN) \u001b7" + Iommu + "\n"));
    }

    [Fact]
    public void A_CSI_sequence_ends_at_its_final_byte_and_what_follows_is_text()
    {
        Assert.True(IommuOf("(XEN) \u001b[38;5;196m" + Iommu + "\u001b[0m\n"));
    }

    [Fact]
    public void A_CSI_sequence_without_a_final_byte_ends_after_32_parameter_characters()
    {
        // 33 parameter characters: the 33rd ends the sequence (and goes with it), so the message is read whole.
        Assert.True(IommuOf("(XEN) \u001b[" + new string(';', 33) + Iommu + "\n"));

        // 32: the sequence is still open and takes the message's first letter, a final byte.
        Assert.Null(IommuOf("(XEN) \u001b[" + new string(';', 32) + Iommu + "\n"));
    }

    [Theory]
    [InlineData("\u001b[@")] // ICH: '@' is the first final byte
    [InlineData("\u001b[2~")] // a function key: '~' is the last
    [InlineData("\u001b[2 q")] // DECSCUSR: the space is an intermediate byte, not the end
    public void A_CSI_sequence_ends_at_a_final_byte_from_at_sign_to_tilde_and_a_space_does_not_end_it(string escape)
    {
        Assert.True(IommuOf("(XEN) " + escape + Iommu + "\n"));
    }

    [Theory]
    [InlineData('\t')]
    [InlineData('\u0001')]
    [InlineData('\u00e9')]
    public void A_control_or_non_ASCII_character_inside_a_CSI_sequence_ends_it(char c)
    {
        Assert.True(IommuOf("(XEN) \u001b[1" + c + Iommu + "\n"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\0")]
    public void An_escape_cut_by_a_line_end_or_a_NUL_does_not_eat_the_next_line(string end)
    {
        Assert.True(IommuOf("(XEN) x\u001b" + end + "(XEN) " + Iommu + "\n"));
        Assert.True(IommuOf("(XEN) x\u001b[12" + end + "(XEN) " + Iommu + "\n"));
    }

    [Fact]
    public void A_tab_is_a_space()
    {
        Assert.True(IommuOf("(XEN) I/O\tvirtualisation enabled\n"));
    }

    [Theory]
    [InlineData('\u0001')]
    [InlineData('\u001f')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    [InlineData('\u009f')]
    public void Control_characters_are_dropped(char c)
    {
        Assert.True(IommuOf("(XEN) I/O virtu" + c + "alisation enabled\n"));
    }

    [Theory]
    [InlineData('\u00a0')]
    [InlineData('~')]
    [InlineData(' ')]
    public void Printable_characters_are_kept(char c)
    {
        Assert.Null(IommuOf("(XEN) I/O virtu" + c + "alisation enabled\n"));
    }

    [Fact]
    public void A_line_of_exactly_4096_characters_is_read_and_one_more_is_cut()
    {
        string head = "(XEN) Command line: ";
        string exact = head + new string('a', XenLogLineSplitter.MaxPieceLength - head.Length);
        XenBootLog log = XenBootLogParser.Parse(exact + "\n");
        Assert.Equal(XenLogLineSplitter.MaxPieceLength - head.Length, log.CommandLine!.Length);
        Assert.Empty(log.Diagnostics);

        XenBootLog longer = XenBootLogParser.Parse(exact + "a\n");
        Assert.Null(longer.CommandLine);
        XenLogDiagnostic d = Assert.Single(longer.Diagnostics);
        Assert.Equal((1, string.Empty), (d.LineNumber, d.Line));
        Assert.Equal("line longer than 4096 characters (no Xen line is): skipped", d.Message);
    }

    [Fact]
    public void A_cut_piece_holds_at_most_4096_characters()
    {
        // The rest of an over-long line is dropped as it is read: memory per line stays bounded.
        var splitter = new XenLogLineSplitter(new StringReader(new string('a', 3 * XenLogLineSplitter.MaxPieceLength) + "\nb"));
        Assert.True(splitter.TryRead(out XenLogPiece cut));
        Assert.Equal((XenLogLineSplitter.MaxPieceLength, true), (cut.Text.Length, cut.Truncated));
        Assert.True(splitter.TryRead(out XenLogPiece next));
        Assert.Equal(("b", false), (next.Text, next.Truncated));
    }

    /// <summary>A reader that reports its end once and then offers more text, as a file still being written may.</summary>
    private sealed class ResumingReader : TextReader
    {
        private readonly string[] _chunks;
        private int _next;

        public ResumingReader(params string[] chunks) => _chunks = chunks;

        public override int Read(char[] buffer, int index, int count)
        {
            string chunk = _next < _chunks.Length ? _chunks[_next++] : string.Empty;
            chunk.CopyTo(0, buffer, index, chunk.Length);
            return chunk.Length;
        }
    }

    [Fact]
    public void The_log_ends_where_the_reader_first_says_it_ends()
    {
        XenBootLog log = XenBootLogParser.Parse(new ResumingReader("(XEN) Command line: a", string.Empty, "\n(XEN) " + Iommu + "\n"));
        Assert.Equal("a", log.CommandLine);
        Assert.Null(log.IommuEnabled);
        Assert.Equal(1, log.LineCount);
    }

    [Fact]
    public void A_long_blank_line_does_not_mark_the_next_line_as_cut()
    {
        XenBootLog log = XenBootLogParser.Parse(new string(' ', 5000) + "\n(XEN) " + Iommu + "\n");
        Assert.True(log.IommuEnabled);
        Assert.Equal(2, log.IommuLineNumber);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void A_line_of_spaces_and_escapes_is_blank()
    {
        XenBootLog log = XenBootLogParser.Parse("  \u001b[0m \t \n\0 \0\n" + Iommu + "\n");
        Assert.Equal(3, log.IommuLineNumber);
        Assert.Equal(3, log.LineCount);
        Assert.Equal(1, log.XenLineCount);
    }

    [Fact]
    public void A_CRLF_split_across_reads_is_one_line_end()
    {
        // The splitter reads 8192 characters at a time: put the CR last in the first read and the LF first in the next.
        string first = "(XEN) Command line: " + new string('a', 8191 - 20);
        string text = first + "\r\n(XEN) " + Iommu + "\r\n";
        Assert.Equal(8191, first.Length);
        XenBootLog log = XenBootLogParser.Parse(new StringReader(text));
        Assert.True(log.IommuEnabled);
        Assert.Equal(2, log.IommuLineNumber);
        Assert.Equal(2, log.LineCount);
    }

    [Fact]
    public void LF_then_CR_are_two_line_ends_and_the_last_line_needs_no_end()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) a\n\r(XEN) " + Iommu);
        Assert.Equal(3, log.IommuLineNumber);
        Assert.Equal(3, log.LineCount);
        Assert.Equal(3, XenBootLogParser.Parse("a\n\r\n\n").LineCount);
    }

    [Fact]
    public void Text_after_NULs_is_a_cut_tail_only_until_the_line_ends()
    {
        // A prefixed message after NULs is read; unprefixed text after NULs is not, but the next line is.
        XenBootLog log = XenBootLogParser.Parse("\0\0(XEN) " + Iommu + "\0Command line: x\nCommand line: y\n");
        Assert.True(log.IommuEnabled);
        Assert.Equal("y", log.CommandLine);
        Assert.Equal(2, log.CommandLineLineNumber);

        // Only tails that look like a memory line are worth a diagnostic; it names the line and its text.
        XenBootLog ring = XenBootLogParser.Parse("(XEN) a\0RAM: 0 - 1\0Command line: x\n");
        XenLogDiagnostic d = Assert.Single(ring.Diagnostics);
        Assert.Equal((1, "RAM: 0 - 1"), (d.LineNumber, d.Line));
        Assert.Contains("cut-off tail", d.Message, System.StringComparison.Ordinal);
        Assert.Empty(ring.HostRam);
        Assert.Null(ring.CommandLine);
    }

    [Fact]
    public void The_splitter_counts_lines_as_ReadLine_does()
    {
        foreach (string text in new[] { "", "a", "a\n", "a\r\n", "\n", "a\nb", "a\rb\r", "\0", "x\0\n\0" })
        {
            var splitter = new XenLogLineSplitter(new StringReader(text));
            while (splitter.TryRead(out _))
            {
            }

            int expected = 0;
            using (var reader = new StringReader(text))
            {
                while (reader.ReadLine() is not null)
                {
                    expected++;
                }
            }

            Assert.Equal(expected, splitter.LineCount);
        }
    }

    [Fact]
    public void Pieces_carry_their_line_and_whether_NULs_came_before()
    {
        var splitter = new XenLogLineSplitter(new StringReader("a\0b\nc\0\0d\n\0e"));
        var seen = new StringBuilder();
        while (splitter.TryRead(out XenLogPiece p))
        {
            seen.Append(p.Text).Append(p.LineNumber).Append(p.AfterNul ? '!' : '.').Append(p.Truncated ? 'T' : '-').Append(' ');
        }

        Assert.Equal("a1.- b1!- c2.- d2!- e3!- ", seen.ToString());
    }
}
