using System.Linq;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions.Releases;

public sealed class XenReleaseTests
{
    [Theory]
    [InlineData("4.19.1", "4.19.1")]
    [InlineData("4.20", "4.20.0")]
    [InlineData("RELEASE-4.17.3", "4.17.3")]
    [InlineData("4.19.3+", "4.19.3")]
    [InlineData("latest", "4.22.0")]
    [InlineData(" LATEST ", "4.22.0")]
    [InlineData("4.21.1", "4.21.1")]
    [InlineData("4.21.2", "4.21.2")]
    [InlineData("4.22.0", "4.22.0")]
    [InlineData("4.16.7", "4.16.7")]
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

    [Fact]
    public void Knows_every_tag_from_4_16_0_to_4_22_0_and_master()
    {
        // Last tags per branch in the studied snapshot (spec §17): 4.16.7, 4.17.7, 4.18.6, 4.19.6, 4.20.4, 4.21.2, 4.22.0.
        string[] expected = new[] { (16, 7), (17, 7), (18, 6), (19, 6), (20, 4), (21, 2), (22, 0) }
            .SelectMany(b => Enumerable.Range(0, b.Item2 + 1).Select(p => $"4.{b.Item1}.{p}"))
            .Append("4.23-unstable").ToArray();
        Assert.Equal(expected, XenRelease.Known.Select(r => r.ToString()));
        Assert.All(XenRelease.Known, r => Assert.True(r.IsKnown));
        Assert.All(XenRelease.Known, r => Assert.Equal(r, XenRelease.Parse(r.ToString())));
        Assert.Equal(XenRelease.Known.OrderBy(r => r), XenRelease.Known);
    }

    [Theory]
    [InlineData("master")]
    [InlineData("MASTER")]
    [InlineData("4.23-dev")]
    [InlineData("4.23-unstable")]
    public void Master_names_parse_to_master_without_a_note(string text)
    {
        Assert.True(XenRelease.TryParse(text, out XenRelease release, out string? note));
        Assert.Equal(XenRelease.Master, release);
        Assert.True(release.IsDevelopment);
        Assert.Null(note);
    }

    [Fact]
    public void Master_sorts_after_every_tag_and_before_its_own_first_tag()
    {
        Assert.True(XenRelease.Master > XenRelease.V422);
        Assert.True(XenRelease.Master > new XenRelease(4, 22, 9));
        Assert.True(XenRelease.Master < new XenRelease(4, 23, 0));
        Assert.NotEqual(new XenRelease(4, 23, 0), XenRelease.Master);
        Assert.True(XenRelease.Master.IsAtLeast(4, 22));
        Assert.Equal("xen,xen-4.23", XenRelease.Master.CompatibleString);
    }

    [Theory]
    [InlineData("4.20.5-pre", "4.20.4")]
    [InlineData("4.19.7-pre", "4.19.6")]
    [InlineData("4.22.1-pre", "4.22.0")]
    [InlineData("4.17.3-pre", "4.17.2")]
    public void A_pre_version_is_the_stable_branch_after_its_last_tag(string text, string tag)
    {
        Assert.True(XenRelease.TryParse(text, out XenRelease release, out string? note));
        Assert.Equal(tag, release.ToString());
        Assert.Contains(tag + "'s behaviour is used", note);
    }

    [Theory]
    [InlineData("4.21-unstable", "4.21.0")]
    [InlineData("4.21.0-rc2", "4.21.0")]
    [InlineData("4.23.0-rc1", "4.23-unstable")]
    public void Snapshots_and_release_candidates_name_the_release_used(string text, string used)
    {
        Assert.True(XenRelease.TryParse(text, out XenRelease release, out string? note));
        Assert.Equal(used, release.ToString());
        Assert.Contains(used + "'s behaviour is used", note);
    }

    [Theory]
    [InlineData("4.24")]
    [InlineData("4.24.0")]
    [InlineData("5.0")]
    [InlineData("4.17.99")]
    [InlineData("4.22.1")]
    [InlineData("4.20.5")]
    [InlineData("4.23.0")]
    [InlineData("4.24-unstable")]
    [InlineData("4.17.99-pre")]
    [InlineData("4.20.0-pre")]
    [InlineData("4.20.4-foo")]
    public void Unknown_versions_are_refused_with_the_list_of_known_releases(string text)
    {
        Assert.False(XenRelease.TryParse(text, out XenRelease release, out string? note));
        Assert.Equal(default, release);
        Assert.Contains("4.16.0 to 4.16.7", note);
        Assert.Contains("4.22.0", note);
        Assert.Contains("master", note);
        System.FormatException e = Assert.Throws<System.FormatException>(() => XenRelease.Parse(text));
        Assert.Equal(note, e.Message);
    }

    [Fact]
    public void Known_text_lists_each_branch_master_and_latest() => Assert.Equal(
        "4.16.0 to 4.16.7, 4.17.0 to 4.17.7, 4.18.0 to 4.18.6, 4.19.0 to 4.19.6, 4.20.0 to 4.20.4, 4.21.0 to 4.21.2, 4.22.0, master (4.23-unstable, also 4.23-dev), latest (= 4.22.0)",
        XenRelease.KnownReleasesText);

    [Theory]
    [InlineData(4, 24, 0, "4.23-unstable")]
    [InlineData(5, 0, 0, "4.23-unstable")]
    [InlineData(4, 17, 99, "4.17.7")]
    [InlineData(4, 22, 1, "4.22.0")]
    [InlineData(4, 20, 3, "4.20.3")]
    public void An_unknown_constructed_release_behaves_as_the_newest_known_one_before_it(int major, int minor, int patch, string behavesAs)
    {
        var release = new XenRelease(major, minor, patch);
        Assert.Equal(behavesAs, release.BehavesAs.ToString());
        Assert.Equal(release.BehavesAs.Profile.ToString().Split(':')[1], release.Profile.ToString().Split(':')[1]);
    }

    [Fact]
    public void The_engine_names_the_release_reproduced_for_an_unknown_one()
    {
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput { Release = new XenRelease(4, 24) });
        EngineDiagnostic d = Assert.Single(result.Diagnostics, x => x.Id == EngineDiagnosticId.UnknownRelease);
        Assert.Contains("4.23-unstable", d.Message);
        Assert.DoesNotContain(new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput { Release = XenRelease.Master }).Diagnostics,
            x => x.Id == EngineDiagnosticId.UnknownRelease);
    }

    [Fact]
    public void Only_master_refuses_static_memory_without_the_build_option()
    {
        Assert.True(XenRelease.Master.Profile.RejectsStaticMemoryWithoutConfig);
        Assert.All(XenRelease.Known.Where(r => r != XenRelease.Master), r => Assert.False(r.Profile.RejectsStaticMemoryWithoutConfig));
    }
}
