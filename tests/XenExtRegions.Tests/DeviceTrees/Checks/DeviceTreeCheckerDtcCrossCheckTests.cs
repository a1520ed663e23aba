using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Checks;

/// <summary>
/// Our findings against dtc's for the checks that carry dtc's names: on each fixture read as DTS
/// (<c>dtc -I dts</c>) and as the blob dtc makes of it (<c>dtc -I dtb</c>), the same check names at the same node
/// paths (and properties), and the same "Failed prerequisite" lines. Known differences are listed with their reason.
/// </summary>
public sealed class DeviceTreeCheckerDtcCrossCheckTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "addr-size.dts", "cells.dts", "default-cells.dts", "interrupts.dts", "phandles.dts", "ranges-format.dts",
        "reg-format.dts", "simple-bus.dts", "unique-unit.dts", "unit-address.dts", "xen.dts", "xen-root-cells.dts",
    };

    /// <summary>
    /// dtc 1.6.1 (Debian's) predates dtc 1.7's avoid_unnecessary_addr_size, which also accepts dma-ranges on the bus
    /// and ranges on a child; we follow the newer rule, so 1.6.1 warns on these two nodes and we do not.
    /// </summary>
    private static readonly string[] OnlyDtc161 =
    {
        "avoid_unnecessary_addr_size /dma@2000",
        "avoid_unnecessary_addr_size /bridge",
    };

    /// <summary>
    /// dtc's process_checks stops running checks once one error check has failed (<c>error = error || run_check(…)</c>
    /// short-circuits), so after explicit_phandles it prints nothing more; we run every check, so the two checks
    /// behind it report their failed prerequisite.
    /// </summary>
    private static readonly string[] OnlyOursAfterDtcStops =
    {
        "phandle_references Failed prerequisite 'explicit_phandles'",
        "interrupts_property Failed prerequisite 'phandle_references'",
    };

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "Checks", "Fixtures", name);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dts_findings_equal_dtcs(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string path = FixturePath(fixture);
        SortedSet<string> dtcs = Expected(DtcCheckOutput.Keys(DtcCheckOutput.Run("-I", "dts", "-O", "dtb", "-o", "/dev/null", path).Stderr));
        (IReadOnlyList<DeviceTreeCheckFinding> findings, DeviceTree? tree) = new DeviceTreeChecker().CheckSource(File.ReadAllText(path), fixture);
        if (tree is null)
        {
            // Our DTS reader stops at the first phandle or reference problem (dtc reports them all and then stops
            // too): one finding under the same check name; the blob test below compares them one by one.
            DeviceTreeCheckFinding refusal = Assert.Single(findings);
            Assert.Contains(dtcs, k => k.StartsWith(refusal.CheckName + " ", StringComparison.Ordinal));
            return;
        }

        SortedSet<string> ours = DtcCheckOutput.Keys(findings);
        Assert.True(ours.SetEquals(dtcs), DtcCheckOutput.Describe(ours, dtcs));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dtb_findings_equal_dtcs(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string blobPath = Path.Combine(Path.GetTempPath(), $"xer-check-{Guid.NewGuid():N}.dtb");
        try
        {
            // -f: phandles.dts has errors and dtc writes its blob only when forced.
            DtcCheckOutput.Run("-q", "-f", "-I", "dts", "-O", "dtb", "-o", blobPath, FixturePath(fixture));
            (string stderr, int exit) = DtcCheckOutput.Run("-I", "dtb", "-O", "dtb", "-o", "/dev/null", blobPath);
            SortedSet<string> dtcs = Expected(DtcCheckOutput.Keys(stderr));
            SortedSet<string> ours = DtcCheckOutput.Keys(new DeviceTreeChecker().Check(DtbReader.Read(File.ReadAllBytes(blobPath))));
            if (exit == 2)
            {
                Assert.Superset(new SortedSet<string>(OnlyOursAfterDtcStops), new SortedSet<string>(ours.Except(dtcs)));
                ours.ExceptWith(OnlyOursAfterDtcStops);
            }

            Assert.True(ours.SetEquals(dtcs), DtcCheckOutput.Describe(ours, dtcs));
        }
        finally
        {
            File.Delete(blobPath);
        }
    }

    /// <summary>
    /// Where both report a finding at the same node and property, each of our lines is one dtc prints, word for word
    /// (a subset: for unique_unit_address dtc prints every earlier sibling, we the nearest one).
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dtb_finding_texts_equal_dtcs(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string blobPath = Path.Combine(Path.GetTempPath(), $"xer-check-{Guid.NewGuid():N}.dtb");
        try
        {
            DtcCheckOutput.Run("-q", "-f", "-I", "dts", "-O", "dtb", "-o", blobPath, FixturePath(fixture));
            Dictionary<string, SortedSet<string>> dtcs = DtcCheckOutput.Texts(DtcCheckOutput.Run("-I", "dtb", "-O", "dtb", "-o", "/dev/null", blobPath).Stderr);
            Dictionary<string, SortedSet<string>> ours = DtcCheckOutput.Texts(new DeviceTreeChecker().Check(DtbReader.Read(File.ReadAllBytes(blobPath))));

            // dtc 1.6.1 words avoid_unnecessary_addr_size for its older rule (see OnlyDtc161).
            bool oldWording = DtcCheckOutput.Version().Contains("1.6.", StringComparison.Ordinal);
            foreach ((string key, SortedSet<string> theirs) in dtcs.Where(e => ours.ContainsKey(e.Key) && !(oldWording && e.Key.StartsWith("avoid_unnecessary_addr_size /", StringComparison.Ordinal))))
            {
                Assert.True(ours[key].IsSubsetOf(theirs), $"{key}: ours [{string.Join("; ", ours[key])}], dtc's [{string.Join("; ", theirs)}]");
            }

            Assert.True(dtcs.Count == 0 || dtcs.Keys.Any(ours.ContainsKey), "no finding in common to compare");
        }
        finally
        {
            File.Delete(blobPath);
        }
    }

    [Fact]
    public void Unique_unit_address_reports_k_minus_1_findings_where_dtc_reports_every_pair()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        string path = FixturePath("unique-unit.dts");
        int dtcs = DtcCheckOutput.Run("-I", "dts", "-O", "dtb", "-o", "/dev/null", path).Stderr.Split('\n').Count(l => l.Contains("(unique_unit_address)", StringComparison.Ordinal));
        int ours = new DeviceTreeChecker().CheckSource(File.ReadAllText(path)).Findings.Count(f => f.CheckName == "unique_unit_address");
        // Three siblings at 2000 and two at 1000: dtc 3 + 1 lines, ours 2 + 1 (same nodes, see UniqueUnitAddress).
        Assert.Equal((4, 3), (dtcs, ours));
    }

    private static SortedSet<string> Expected(SortedSet<string> dtcs)
    {
        if (DtcCheckOutput.Version().Contains("1.6.", StringComparison.Ordinal))
        {
            dtcs.ExceptWith(OnlyDtc161);
        }

        return dtcs;
    }
}
