using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions;

public sealed class XenReleaseTests
{
    [Theory]
    [InlineData("4.19.1", "4.19.1")]
    [InlineData("4.20", "4.20.0")]
    [InlineData("RELEASE-4.17.3", "4.17.3")]
    [InlineData("4.19.3+", "4.19.3")]
    [InlineData("latest", "4.22.0")]
    [InlineData(" LATEST ", "4.22.0")]
    public void Parses(string text, string expected) => Assert.Equal(expected, XenRelease.Parse(text).ToString());

    [Theory]
    [InlineData("4.15")]
    [InlineData("4")]
    [InlineData("")]
    [InlineData("4.x")]
    [InlineData("3.99.1")]
    [InlineData("4.16.1.2")]
    public void Refuses(string text)
    {
        Assert.False(XenRelease.TryParse(text, out _));
        Assert.Throws<System.FormatException>(() => XenRelease.Parse(text));
    }

    [Fact]
    public void Compatible_string_uses_major_and_minor() => Assert.Equal("xen,xen-4.19", XenRelease.Parse("4.19.2").CompatibleString);

    [Fact]
    public void Default_input_release_is_latest() => Assert.Equal(XenRelease.Latest, new ExtendedRegionsInput().Release);
}
