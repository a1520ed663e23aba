using System;
using System.Linq;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions.Releases;

/// <summary>Constructing, ordering and comparing releases: 4.16.0 is the floor, master sorts between 4.22.x and 4.23.0.</summary>
public sealed class XenReleaseRulesTests
{
    [Theory]
    [InlineData(4, 15, 9)]
    [InlineData(3, 99, 0)]
    [InlineData(4, 16, -1)]
    [InlineData(5, -1, 0)]
    [InlineData(-4, 16, 0)]
    public void Versions_before_4_16_0_or_with_a_negative_part_are_refused(int major, int minor, int patch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new XenRelease(major, minor, patch));
        Assert.Equal("minor", error.ParamName);
        Assert.Contains(FormattableString.Invariant($"Xen {major}.{minor}.{patch} has no extended regions: the feature starts with 4.16.0."), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 16, 0)]
    [InlineData(5, 0, 0)]
    [InlineData(4, 17, 99)]
    public void Versions_from_4_16_0_may_be_constructed(int major, int minor, int patch)
    {
        var release = new XenRelease(major, minor, patch);
        Assert.Equal((major, minor, patch), (release.Major, release.Minor, release.Patch));
        Assert.False(release.IsDevelopment);
    }

    [Fact]
    public void Order_is_major_then_minor_then_patch()
    {
        Assert.True(new XenRelease(5, 0) > new XenRelease(4, 99, 99));
        Assert.True(new XenRelease(4, 17) > new XenRelease(4, 16, 7));
        Assert.True(XenRelease.V4193 > XenRelease.V4192);
        Assert.Equal(0, XenRelease.V4192.CompareTo(new XenRelease(4, 19, 2)));
        Assert.True(XenRelease.V4192 <= new XenRelease(4, 19, 2));
        Assert.True(XenRelease.V4192 >= new XenRelease(4, 19, 2));
        Assert.False(XenRelease.V4192 < new XenRelease(4, 19, 2));
        Assert.False(XenRelease.V4192 > new XenRelease(4, 19, 2));
        Assert.False(XenRelease.V4193 <= XenRelease.V4192);
        Assert.False(XenRelease.V4192 >= XenRelease.V4193);
        Assert.True(XenRelease.V4192 < XenRelease.V4193);
        Assert.True(XenRelease.Master.CompareTo(new XenRelease(4, 23, 0)) < 0);
        Assert.True(new XenRelease(4, 23, 0).CompareTo(XenRelease.Master) > 0);
    }

    [Fact]
    public void IsAtLeast_compares_down_to_the_patch_level()
    {
        Assert.True(XenRelease.V4192.IsAtLeast(4, 19, 2));
        Assert.False(XenRelease.V4192.IsAtLeast(4, 19, 3));
        Assert.True(XenRelease.V4192.IsAtLeast(4, 19));
        Assert.False(XenRelease.V4192.IsAtLeast(4, 20));
    }

    [Fact]
    public void Master_is_not_the_4_23_0_tag_and_hashes_apart_from_it()
    {
        var tag = new XenRelease(4, 23, 0);
        Assert.False(XenRelease.Master.Equals(tag));
        Assert.True(XenRelease.Master != tag);
        Assert.False(XenRelease.Master == tag);
        Assert.NotEqual(tag.GetHashCode(), XenRelease.Master.GetHashCode());
        Assert.Equal("4.23.0", tag.ToString());
        Assert.Equal("4.23-unstable", XenRelease.Master.ToString());
    }

    [Fact]
    public void Equality_and_hash_take_every_part()
    {
        Assert.True(XenRelease.V4192.Equals((object)new XenRelease(4, 19, 2)));
        Assert.False(XenRelease.V4192.Equals((object)"4.19.2"));
        Assert.Equal(XenRelease.V4192.GetHashCode(), new XenRelease(4, 19, 2).GetHashCode());
        int[] hashes = XenRelease.Known.Select(r => r.GetHashCode()).ToArray();
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        Assert.NotEqual(new XenRelease(4, 20, 1).GetHashCode(), new XenRelease(4, 19, 1).GetHashCode());
        Assert.NotEqual(new XenRelease(5, 19, 1).GetHashCode(), new XenRelease(4, 19, 1).GetHashCode());
        Assert.False(new XenRelease(5, 19, 1) == new XenRelease(4, 19, 1));
        Assert.False(new XenRelease(4, 20, 1) == new XenRelease(4, 19, 1));
        Assert.False(new XenRelease(4, 19, 2) == new XenRelease(4, 19, 1));
    }

    [Fact]
    public void Representatives_are_one_release_per_behaviour_class_oldest_first() => Assert.Equal(
        ["4.16.0", "4.16.1", "4.17.0", "4.18.0", "4.19.0", "4.19.2", "4.19.3", "4.20.0", "4.20.1", "4.20.4", "4.21.0", "4.21.2", "4.22.0", "4.23-unstable"],
        XenRelease.Representatives.Select(r => r.ToString()));

    [Fact]
    public void The_named_releases_are_the_tags_their_names_say()
    {
        Assert.Equal("4.21.1", XenRelease.V4211.ToString());
        Assert.Equal("4.20.4", XenRelease.V4204.ToString());
        Assert.Equal(XenRelease.V422, XenRelease.Latest);
        Assert.False(XenRelease.Latest.IsDevelopment);
        Assert.True(XenRelease.Master.IsDevelopment);
    }

    [Fact]
    public void A_known_release_behaves_as_itself_and_the_default_value_stays_the_default()
    {
        Assert.All(XenRelease.Known, r => Assert.Equal(r, r.BehavesAs));
        Assert.Equal(default, default(XenRelease).BehavesAs);
        Assert.False(default(XenRelease).IsKnown);
    }

    [Fact]
    public void Only_tags_up_to_each_branch_s_last_and_master_are_known()
    {
        Assert.True(new XenRelease(4, 16, 7).IsKnown);
        Assert.False(new XenRelease(4, 16, 8).IsKnown);
        Assert.False(new XenRelease(4, 23, 0).IsKnown);
        Assert.False(new XenRelease(5, 16, 0).IsKnown);
        Assert.True(XenRelease.Master.IsKnown);
        Assert.Equal(new XenRelease(4, 16, 7), new XenRelease(4, 16, 8).BehavesAs);
    }
}
