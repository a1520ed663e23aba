using System;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.Cli;

public sealed class XenVersionOptionTests
{
    [Fact]
    public void Known_release_text_comes_from_the_library_table() =>
        Assert.Equal(XenRelease.KnownReleasesText, LibraryBackend.KnownReleases);

    [Theory]
    [InlineData("4.24")]
    [InlineData("4.17.99")]
    [InlineData("5.0")]
    public void A_future_version_is_refused_with_the_known_releases(string version)
    {
        CliResult result = CliRunner.Run("dom0", "--xen-version", version);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--xen-version", result.Error, StringComparison.Ordinal);
        Assert.Contains("4.21.0 to 4.21.2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Master_computes_and_writes_the_major_minor_compatible()
    {
        CliResult result = CliRunner.Run("dom0", "--xen-version", "4.23-dev", "--format", "dts");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"xen,xen-4.23\\0xen,xen\"", result.Out, StringComparison.Ordinal);
    }
}
