using System.Linq;
using System.Text;
using CsCheck;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>Properties over arbitrary input (CsCheck).</summary>
public sealed class XenBootLogPropertyTests
{
    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 2000].Sample(
            bytes =>
            {
                XenBootLog log = XenBootLogParser.Parse(Encoding.UTF8.GetString(bytes));
                Assert.True(log.XenLineCount >= 0);
            },
            iter: 1000);
    }

    [Fact]
    public void Random_Xen_like_text_never_throws()
    {
        Gen.String[Gen.Char["(XEN)[]0123456789abcdefx:->RAMODULEBNKPdomDOMU*LOADINGextended regions\0\r\n\u001b "], 0, 600]
            .Sample(text => { _ = XenBootLogParser.Parse(text); }, iter: 2000);
    }

    [Fact]
    public void Inserting_non_Xen_lines_between_Xen_lines_never_changes_the_facts()
    {
        string[] lines = XenLogSamples.Xen417Dom0AndTwoDomUs.Concat(XenLogSamples.Xen420IommuFailure).Select(l => "(XEN) " + l).ToArray();
        string expected = XenLogFacts.Of(XenBootLogParser.Parse(string.Join("\n", lines)));

        // Other programs' lines: Linux and U-Boot output, guest console lines, random words (none starts like a Xen message).
        Gen<string> noise = Gen.OneOf(
            Gen.Const("[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]"),
            Gen.Const("(d1) [    0.123456] Xen: using vgic"),
            Gen.Const("U-Boot 2024.01 (Jan 01 2024 - 00:00:00 +0000)"),
            Gen.Const("Starting kernel ..."),
            Gen.String[Gen.Char["qwertyuiopzxcv 0123456789"], 1, 80].Select(s => "~" + s));
        Gen<(int, string)[]> insertions = Gen.Select(Gen.Int[0, lines.Length], noise).Array[1, 30];
        insertions.Sample(
            inserts =>
            {
                var list = lines.ToList();
                foreach ((int at, string text) in inserts.OrderByDescending(i => i.Item1))
                {
                    list.Insert(at, text);
                }

                Assert.Equal(expected, XenLogFacts.Of(XenBootLogParser.Parse(string.Join("\n", list))));
            },
            iter: 300);
    }
}
