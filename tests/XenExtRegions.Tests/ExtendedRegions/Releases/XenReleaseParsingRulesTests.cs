using System;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions.Releases;

/// <summary>
/// Reading a release as a user or Xen's banner writes it: what each form is taken as, the sentence that says so, and
/// the reason given when a text is refused (always with the text as given and the list of known releases).
/// </summary>
public sealed class XenReleaseParsingRulesTests
{
    private static string Refusal(string text, string reason) =>
        $"'{text}' is not a known Xen release: {reason}. Known: {XenRelease.KnownReleasesText}. For another version, pass the known release whose behaviour you want (e.g. master).";

    [Theory]
    [InlineData("release-4.17.3", "4.17.3")]
    [InlineData("Release-4.20", "4.20.0")]
    [InlineData("Latest", "4.22.0")]
    [InlineData(" master\t", "4.23-unstable")]
    [InlineData("4.20.5-PRE", "4.20.4")]
    [InlineData("4.16.1-pre", "4.16.0")]
    [InlineData("4.17-dev", "4.17.0")]
    [InlineData("4.16-unstable", "4.16.0")]
    [InlineData("4.21.0-unstable", "4.21.0")]
    [InlineData("4.23.0-unstable", "4.23-unstable")]
    [InlineData("4.23-rc1", "4.23-unstable")]
    [InlineData("4.21.0-RC2", "4.21.0")]
    public void Accepted_forms(string text, string release)
    {
        Assert.True(XenRelease.TryParse(text, out XenRelease parsed));
        Assert.Equal(release, parsed.ToString());
    }

    [Theory]
    [InlineData("4.20.5-pre", "4.20.5-pre is the stable-4.20 branch after 4.20.4: 4.20.4's behaviour is used.")]
    [InlineData("4.21-unstable", "4.21-unstable is a development snapshot before 4.21.0: 4.21.0's behaviour is used; a snapshot may lack some of its changes.")]
    [InlineData(" 4.21.0-rc2 ", "4.21.0-rc2 is a release candidate of 4.21.0: 4.21.0's behaviour is used.")]
    [InlineData("4.23.0-rc1", "4.23.0-rc1 is a release candidate of 4.23.0: 4.23-unstable's behaviour is used.")]
    public void What_was_assumed_is_said_in_one_sentence(string text, string note)
    {
        Assert.True(XenRelease.TryParse(text, out _, out string? said));
        Assert.Equal(note, said);
    }

    [Theory]
    [InlineData("4.19.1")]
    [InlineData("4.19.3+")]
    [InlineData("latest")]
    [InlineData("4.23-unstable")]
    public void Plain_tags_and_names_need_no_note(string text)
    {
        Assert.True(XenRelease.TryParse(text, out _, out string? note));
        Assert.Null(note);
    }

    [Theory]
    [InlineData("4.x", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("4.+19", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("4. 19", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("4..19", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("RELEASE-", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("4", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("4.19.1.2", "it is not a version such as 4.19.1, 4.20 or 4.20.5-pre")]
    [InlineData("5.0", "5.0.0 is not a release tag this library knows (a newer Xen is not assumed to behave as the latest)")]
    [InlineData("4.15.9", "extended regions start with Xen 4.16.0")]
    [InlineData("3.99", "extended regions start with Xen 4.16.0")]
    [InlineData("4.22.1", "4.22.1 is not a release tag this library knows (a newer Xen is not assumed to behave as the latest)")]
    [InlineData("4.20.4-foo", "-foo is not a suffix Xen's version uses (-pre, -unstable, -rc)")]
    [InlineData("4.20-pre", "a -pre version names the stable branch after a known tag (e.g. 4.20.5-pre after 4.20.4)")]
    [InlineData("4.20.0-pre", "a -pre version names the stable branch after a known tag (e.g. 4.20.5-pre after 4.20.4)")]
    [InlineData("4.20.6-pre", "a -pre version names the stable branch after a known tag (e.g. 4.20.5-pre after 4.20.4)")]
    [InlineData("4.21.1-unstable", "a development tree has no patch level (e.g. 4.23-unstable)")]
    [InlineData("4.24-unstable", "4.24-unstable is newer than the development tree this library knows (4.23-unstable)")]
    [InlineData("5.23-unstable", "5.23-unstable is newer than the development tree this library knows (4.23-unstable)")]
    [InlineData("4.23.1-rc1", "4.23.1 is not a release this library knows")]
    [InlineData("5.23.0-rc1", "5.23.0 is not a release this library knows")]
    [InlineData("4.24.0-rc1", "4.24.0 is not a release this library knows")]
    public void Refusals_give_the_reason(string text, string reason)
    {
        Assert.False(XenRelease.TryParse(text, out XenRelease release, out string? note));
        Assert.Equal(default, release);
        Assert.Equal(Refusal(text, reason), note);
    }

    [Fact]
    public void No_text_is_refused_as_an_empty_one()
    {
        Assert.False(XenRelease.TryParse(null, out XenRelease release, out string? note));
        Assert.Equal(default, release);
        Assert.StartsWith("'' is not a known Xen release: it is not a version", note, StringComparison.Ordinal);
        Assert.False(XenRelease.TryParse(null, out _));
    }

    [Fact]
    public void Parse_throws_the_refusal_and_returns_what_TryParse_accepts()
    {
        Assert.Equal(XenRelease.V4193, XenRelease.Parse("4.19.3"));
        Assert.Equal(XenRelease.Master, XenRelease.Parse("4.23-dev"));
        var error = Assert.Throws<FormatException>(() => XenRelease.Parse("4.20.4-foo"));
        Assert.Equal(Refusal("4.20.4-foo", "-foo is not a suffix Xen's version uses (-pre, -unstable, -rc)"), error.Message);
    }
}
