using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Tests.ExtendedRegions.Releases;

/// <summary>
/// The release differences of spec §11 that change with the minor version only, written out by hand per branch and
/// checked against every known tag (ReleaseTableTests holds the patch-level ones: capacity, subtraction, boot scan).
/// </summary>
public sealed class ReleaseProfileRulesTests
{
    // grant window / P3 / libxl / placeholder entries / flags that hold, in this order:
    // shm-reserved shm-excluded invalid-paddr memreserve disabled device-type overlap pci-width prefix xen-reg libxl-inclusive hwdom
    private static readonly Dictionary<int, string> ByMinor = new()
    {
        [16] = "Always/NotAvailable/BankTails/3/",
        [17] = "Always/BankTails/BankTails/3/shm-reserved prefix",
        [18] = "SkipWhenEmpty/BankTails/BankTails/3/shm-reserved overlap pci-width prefix",
        [19] = "SkipWhenEmpty/BankTailsMinusSharedMemory/BankTails/3/shm-excluded invalid-paddr memreserve disabled overlap pci-width prefix",
        [20] = "Always/BankTailsMinusSharedMemory/BankTails/3/shm-excluded invalid-paddr memreserve disabled device-type overlap pci-width prefix hwdom",
        [21] = "WhenGrantTablesCompiledIn/Rangeset/IoMemSplitting/257/shm-excluded invalid-paddr memreserve disabled device-type overlap pci-width prefix xen-reg libxl-inclusive hwdom",
        [22] = "WhenGrantTablesCompiledIn/Rangeset/IoMemSplitting/257/shm-excluded invalid-paddr memreserve disabled device-type overlap pci-width prefix xen-reg libxl-inclusive hwdom",
        [23] = "WhenGrantTablesCompiledIn/Rangeset/IoMemSplitting/257/shm-excluded invalid-paddr memreserve disabled device-type overlap pci-width prefix xen-reg libxl-inclusive hwdom",
    };

    public static TheoryData<string> KnownReleases => new(XenRelease.Known.Select(r => r.ToString()));

    private static string Row(ReleaseProfile p)
    {
        var flags = new List<string>();
        void Flag(bool on, string name)
        {
            if (on)
            {
                flags.Add(name);
            }
        }

        Flag(p.SharedMemoryIsReserved, "shm-reserved");
        Flag(p.ExcludesSharedMemory, "shm-excluded");
        Flag(p.SkipsInvalidPaddrBanks, "invalid-paddr");
        Flag(p.ExcludesMemoryReservations, "memreserve");
        Flag(p.IgnoresDisabledMemoryNodes, "disabled");
        Flag(p.MemoryNodesNeedDeviceType, "device-type");
        Flag(p.RejectsOverlappingReservedMemory, "overlap");
        Flag(p.ChecksPciRangeWidth, "pci-width");
        Flag(p.LogsWithDomainPrefix, "prefix");
        Flag(p.ExcludesXenReg, "xen-reg");
        Flag(p.LibxlLogsInclusiveEnd, "libxl-inclusive");
        Flag(p.HostLayoutIncludesHardwareDomain, "hwdom");
        return FormattableString.Invariant($"{p.GrantWindow}/{p.DomUHoles}/{p.Libxl}/{p.LibxlPlaceholderEntries}/{string.Join(" ", flags)}");
    }

    [Theory]
    [MemberData(nameof(KnownReleases))]
    public void Each_branch_has_its_grant_window_P3_libxl_and_boot_rules(string release)
    {
        ReleaseProfile p = XenRelease.Parse(release).Profile;
        Assert.Equal(ByMinor[p.Release.Minor], Row(p));
    }

    [Fact]
    public void Backported_boot_scan_fixes_start_at_their_stable_tags()
    {
        // 3b717f57dc backported to 4.20.4 and 4.21.2; a14593e399 backported to 4.19.2.
        Assert.True(new XenRelease(4, 20, 3).Profile.BootScanHangsOnDeepNodes);
        Assert.False(XenRelease.V4204.Profile.BootScanHangsOnDeepNodes);
        Assert.True(XenRelease.V4211.Profile.BootScanHangsOnDeepNodes);
        Assert.False(XenRelease.V4212.Profile.BootScanHangsOnDeepNodes);
        Assert.False(XenRelease.Master.Profile.BootScanHangsOnDeepNodes);
        Assert.False(new XenRelease(4, 19, 1).Profile.AllowsReservedInsideMemoryReservation);
        Assert.True(XenRelease.V4192.Profile.AllowsReservedInsideMemoryReservation);
    }

    [Fact]
    public void The_default_value_has_no_profile()
    {
        var error = Assert.Throws<ArgumentException>(() => ReleaseProfile.For(default));
        Assert.Equal("release", error.ParamName);
        Assert.Contains("XenRelease.Latest", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => default(XenRelease).Profile);
    }

    [Fact]
    public void A_profile_knows_its_release()
    {
        Assert.Equal(XenRelease.V4193, XenRelease.V4193.Profile.Release);
        Assert.Equal(XenRelease.Master, XenRelease.Master.Profile.Release);
    }

    [Fact]
    public void ToString_sums_the_profile_up_in_one_line()
    {
        Assert.Equal(
            "4.19.1: Frames, FramesTwoMiBShort, cap 256, legacy subtraction, DirectMapped, grant window SkipWhenEmpty, P3 BankTailsMinusSharedMemory, libxl BankTails",
            new XenRelease(4, 19, 1).Profile.ToString());
        Assert.Equal(
            "4.16.0: Bytes, Bytes, cap 128, legacy subtraction, Dom0Only, grant window Always, P3 NotAvailable, libxl BankTails",
            XenRelease.V4160.Profile.ToString());
        Assert.Equal(
            "4.22.0: Frames, Frames, cap 256, HostLayout, grant window WhenGrantTablesCompiledIn, P3 Rangeset, libxl IoMemSplitting",
            XenRelease.V422.Profile.ToString());
    }
}
