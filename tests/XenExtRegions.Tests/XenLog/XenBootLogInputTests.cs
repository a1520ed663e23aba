using System;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>Whatever form the log comes in (prefixes, timestamps, CRLF, NUL-padded rings, garbage), the same facts.</summary>
public sealed class XenBootLogInputTests
{
    private static readonly string[] Lines = XenLogSamples.Xen417Dom0AndTwoDomUs;

    public static TheoryData<string> Renderings => new()
    {
        "plain",
        "unprefixed",
        "xen-timestamps",
        "captured-crlf-ansi",
        "lone-cr",
        "ring-dump",
    };

    private static string RenderAs(string how) => how switch
    {
        "plain" => XenLogSamples.Render(Lines),
        "unprefixed" => XenLogSamples.Render(Lines, prefix: string.Empty),
        "xen-timestamps" => XenLogSamples.RenderWithXenTimestamps(Lines),
        "captured-crlf-ansi" => XenLogSamples.RenderAsCaptured(Lines),
        "lone-cr" => XenLogSamples.Render(Lines, newline: "\r"),
        "ring-dump" => XenLogSamples.RenderAsRingDump(Lines),
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public void Every_rendering_gives_the_same_facts(string how)
    {
        XenBootLog expected = XenBootLogParser.Parse(XenLogSamples.Render(Lines));
        XenBootLog log = XenBootLogParser.Parse(RenderAs(how));
        Assert.Equal(XenLogFacts.Of(expected), XenLogFacts.Of(log));
        Assert.Equal("4.17.7", log.VersionText);
        Assert.Equal(3, log.Domains.Count);
        Assert.Single(log.HostRam);
        Assert.Equal(2, log.ReservedLines.Count);
        // Prefixed renderings count every line (blank "(XEN) " ones too); unprefixed text counts only the facts.
        Assert.Equal(how == "unprefixed" ? 33 : Lines.Length, log.XenLineCount);
    }

    [Fact]
    public void Line_numbers_count_CR_LF_and_CRLF_but_not_NUL()
    {
        XenBootLog log = XenBootLogParser.Parse("a\r\nb\rc\n(XEN) x\0(XEN) I/O virtualisation enabled\n(XEN) Command line: z");
        Assert.Equal(4, log.IommuLineNumber);
        Assert.Equal(5, log.CommandLineLineNumber);
        Assert.Equal(5, log.LineCount);
    }

    [Fact]
    public void Ring_dump_text_after_NULs_without_a_prefix_is_a_cut_line_and_skipped()
    {
        XenBootLog log = XenBootLogParser.Parse(XenLogSamples.RenderAsRingDump(Lines));
        Assert.DoesNotContain(log.Domains.SelectMany(d => d.Ram), b => b.Start == 0x10000000);
        Assert.Contains(log.Diagnostics, d => d.Message.Contains("cut-off tail", StringComparison.Ordinal));

        // The same text after a line break is a whole line and is read.
        XenBootLog whole = XenBootLogParser.Parse("(XEN) *** LOADING DOMAIN 0 ***\n\0\0\nBANK[0] 0x00000010000000-0x00000020000000 (256MB)\n");
        Assert.Equal(0x10000000UL, Assert.Single(whole.Dom0Ram).Start);
    }

    [Fact]
    public void ANSI_escapes_inside_a_message_are_dropped()
    {
        XenBootLog log = XenBootLogParser.Parse("\u001b[1;31m(XEN)\u001b[0m I/O \u001b[1mvirtualisation\u001b[0m enabled\u001b[K\n");
        Assert.True(log.IommuEnabled);
    }

    [Fact]
    public void A_very_long_line_is_cut_and_skipped_without_hiding_the_next_line()
    {
        string text = "(XEN) RAM: 0000000048000000 - " + new string('f', 100_000) + "\n(XEN) RAM: 0000000048000000 - 00000000bfffffff\n";
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal("log line 2", Assert.Single(log.HostRam).Source);
        Assert.Contains(log.Diagnostics, d => d.LineNumber == 1 && d.Message.Contains("longer than", StringComparison.Ordinal));
        Assert.Equal(2, log.XenLineCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0")]
    [InlineData("\n\n\r\n  \t \n")]
    [InlineData("U-Boot 2024.01\nStarting kernel ...\n[    0.000000] Booting Linux on physical CPU 0x0\n")]
    [InlineData("(d1) [    0.000000] Linux version 6.12\n")]
    [InlineData("[12:00:01.123]\n2024-01-16T10:00:01.123Z \n")]
    public void Text_with_no_Xen_line_has_XenLineCount_zero(string text)
    {
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal(0, log.XenLineCount);
        Assert.Empty(log.Domains);
    }

    [Fact]
    public void A_repeated_XEN_prefix_is_still_a_Xen_line()
    {
        // A capture that re-prefixes Xen's lines: "(XEN)" twice is as good as once, before or after NUL padding.
        XenBootLog log = XenBootLogParser.Parse("(XEN) (XEN) hello\n\0\0(XEN) (XEN) I/O virtualisation enabled\n");
        Assert.Equal(2, log.XenLineCount);
        Assert.True(log.IommuEnabled);
    }

    [Fact]
    public void Binary_garbage_is_not_a_Xen_log()
    {
        var random = new Random(11);
        byte[] bytes = new byte[1 << 20];
        random.NextBytes(bytes);
        string text = Encoding.UTF8.GetString(bytes);
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal(0, log.XenLineCount);
        Assert.True(log.Diagnostics.Count <= 501);
    }

    [Fact]
    public void Diagnostics_are_bounded()
    {
        string text = string.Concat(Enumerable.Repeat("(XEN) RAM: zz - 1\n", 2000));
        XenBootLog log = XenBootLogParser.Parse(text);
        Assert.Equal(501, log.Diagnostics.Count);
        // The count is about no line of the log: no line number, no line text.
        Assert.Equal((0, string.Empty, "1500 more diagnostics not kept"), (log.Diagnostics[500].LineNumber, log.Diagnostics[500].Line, log.Diagnostics[500].Message));
    }

    [Fact]
    public void A_TextReader_reads_like_a_string()
    {
        string text = XenLogSamples.RenderAsCaptured(Lines);
        using var reader = new StringReader(text);
        Assert.Equal(XenLogFacts.Of(XenBootLogParser.Parse(text)), XenLogFacts.Of(XenBootLogParser.Parse(reader)));
        Assert.Throws<ArgumentNullException>(() => XenBootLogParser.Parse((TextReader)null!));
    }
}
