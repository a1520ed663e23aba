using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions.Releases;

/// <summary>The release table (spec §6, §11, §17), one row per tag from 4.16.0 to 4.22.0 and master, written out by hand.</summary>
public sealed class ReleaseTableTests
{
    // unit / normaliser / capacity / legacy subtraction / deep-node hang / reserved inside /memreserve/ ok /
    // static-mem panic without CONFIG_STATIC_MEMORY / dispatch
    private static readonly Dictionary<string, string> Expected = Rows(
        ("4.16.0", "Bytes/Bytes/128/L/H/-/-/Dom0Only"),
        ("4.16.1-7", "Bytes/Bytes/256/L/H/-/-/Dom0Only"),
        ("4.17.0-7", "Bytes/Bytes/256/L/H/-/-/DirectMapped"),
        ("4.18.0-6", "Frames/FramesTwoMiBShort/256/L/H/-/-/DirectMapped"),
        ("4.19.0-1", "Frames/FramesTwoMiBShort/256/L/H/-/-/DirectMapped"),
        ("4.19.2", "Frames/FramesTwoMiBShort/256/L/H/M/-/DirectMapped"),
        ("4.19.3-6", "Frames/FramesTwoMiBShort/256/-/H/M/-/DirectMapped"),
        ("4.20.0", "Frames/FramesTwoMiBShort/256/L/H/M/-/HostLayout"),
        ("4.20.1-3", "Frames/FramesTwoMiBShort/256/-/H/M/-/HostLayout"),
        ("4.20.4", "Frames/FramesTwoMiBShort/256/-/-/M/-/HostLayout"),
        ("4.21.0-1", "Frames/Frames/256/-/H/M/-/HostLayout"),
        ("4.21.2", "Frames/Frames/256/-/-/M/-/HostLayout"),
        ("4.22.0", "Frames/Frames/256/-/-/M/-/HostLayout"),
        ("4.23-unstable", "Frames/Frames/256/-/-/M/S/HostLayout"));

    public static TheoryData<string> KnownReleases => new(XenRelease.Known.Select(r => r.ToString()));

    private static Dictionary<string, string> Rows(params (string Tags, string Row)[] rows)
    {
        var map = new Dictionary<string, string>();
        foreach ((string tags, string row) in rows)
        {
            string[] range = tags.Split('-');
            if (range.Length == 1 || !char.IsDigit(range[1][0]))
            {
                map.Add(tags, row);
                continue;
            }

            XenRelease first = XenRelease.Parse(range[0]);
            for (int patch = first.Patch; patch <= int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture); patch++)
            {
                map.Add(new XenRelease(first.Major, first.Minor, patch).ToString(), row);
            }
        }

        return map;
    }

    [Fact]
    public void The_table_has_a_row_for_every_known_release() =>
        Assert.Equal(Expected.Keys.OrderBy(k => XenRelease.Parse(k)), XenRelease.Known.Select(r => r.ToString()));

    [Theory]
    [MemberData(nameof(KnownReleases))]
    public void Each_release_behaves_as_its_row(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        ReleaseProfile p = r.Profile;
        BootScanOptions scan = BootScanOptions.ForRelease(r);
        string row = string.Join("/", p.Unit, p.Normaliser, p.Capacity, p.HasLegacySubtraction ? "L" : "-", scan.DeepNodesHangBoot ? "H" : "-",
            scan.AllowOverlapInsideMemoryReservation ? "M" : "-", scan.RejectStaticMemoryWithoutConfig ? "S" : "-", p.Dispatch);
        Assert.Equal(Expected[release], row);
    }
}
