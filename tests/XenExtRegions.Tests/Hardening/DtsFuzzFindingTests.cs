using System;
using System.IO;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>Findings of the DTS fuzz target (fuzz/run.sh dts), minimised by hand, with the raw afl-fuzz inputs.</summary>
public sealed class DtsFuzzFindingTests
{
    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Hardening", "Fixtures", "findings", name), new UTF8Encoding(false));

    [Theory]
    [InlineData("dts-include-nul-in-rooted-path.dts")]
    [InlineData("dts-incbin-nul-in-rooted-path.dts")]
    [InlineData("dts-include-nul-afl-1.dts")]
    [InlineData("dts-include-nul-afl-2.dts")]
    public void A_file_name_with_a_NUL_is_a_syntax_error(string fixture)
    {
        DtsSyntaxException error = Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse(Fixture(fixture), fixture));
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_relative_file_name_with_a_NUL_is_a_syntax_error()
    {
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse("/dts-v1/;\n/include/ \"inc\0lude.dtsi\"\n/ { };\n"));
        Assert.Throws<DtsSyntaxException>(() => DtsReader.Parse("/dts-v1/;\n/ { data = /incbin/(\"inc\0bin.bin\"); };\n"));
    }
}
