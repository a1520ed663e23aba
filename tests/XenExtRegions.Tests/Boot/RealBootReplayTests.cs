using System;
using System.IO;
using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.Boot;

/// <summary>
/// Replays every boot recorded from real Xen binaries (Debian's 4.17 and 4.20 arm64 builds under QEMU): the tree Xen
/// booted with and its log, with no other input, must reproduce every domain's regions and outcome, from the serial
/// capture (which lacks the early lines of a release build) and from the console ring (which has them).
/// </summary>
public sealed class RealBootReplayTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "Boot", "Fixtures", "real");

    public static TheoryData<string, string> Boots
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string dir in Directory.GetDirectories(Root).OrderBy(d => d, StringComparer.Ordinal))
            {
                foreach (string log in new[] { "serial.log", "ring.log" })
                {
                    if (File.Exists(Path.Combine(dir, log)))
                    {
                        data.Add(Path.GetFileName(dir), log);
                    }
                }
            }

            return data;
        }
    }

    private static BootAnalysis Replay(string fixture, string logName)
    {
        string dir = Path.Combine(Root, fixture);
        XenBootLog log = XenBootLogParser.ParseFile(Path.Combine(dir, logName));
        return new BootAnalyzer().Analyze(new BootAnalysisInput(DtbReader.ReadFile(Path.Combine(dir, "host.dtb")))
        {
            HostTreeName = fixture + "/host.dtb",
            Log = log,
            LogName = fixture + "/" + logName,
        });
    }

    [Theory]
    [MemberData(nameof(Boots))]
    public void Every_domain_of_a_real_boot_is_reproduced_from_the_tree_and_the_log_alone(string fixture, string logName)
    {
        BootAnalysis a = Replay(fixture, logName);
        string detail = string.Join("\n", a.Domains.Select(d => d.Name + ": " + d.Verdict + " " + d.LogComparison?.Summary)
            .Concat(a.Findings.Select(f => f.ToString())));
        Assert.True(a.MatchesLog == true, detail);
        Assert.All(a.Domains, d => Assert.True(d.Verdict == BootDomainVerdict.Matches, d.Name + ": " + d.Verdict + "\n" + detail));
        Assert.DoesNotContain(a.Findings, f => f.Severity == BootFindingSeverity.Error);
    }

    [Theory]
    [MemberData(nameof(Boots))]
    public void The_release_comes_from_the_banner(string fixture, string logName)
    {
        BootAnalysis a = Replay(fixture, logName);
        string line = fixture.Substring(0, 4);
        Assert.Equal(line, a.Release.Major + "." + a.Release.Minor);
        Assert.Equal(BootFactOrigin.BootLog, a.Facts.Single(f => f.Name == "Xen release").Origin);
    }

    [Theory]
    [InlineData("4.17-iommu")]
    [InlineData("4.20-iommu")]
    [InlineData("4.20-dom0less-iommu")]
    public void An_IOMMU_boot_takes_the_IOMMU_from_the_log_without_an_option(string fixture)
    {
        BootAnalysis a = Replay(fixture, "serial.log");
        Assert.True(a.IommuEnabled);
        Assert.Equal(BootFactOrigin.BootLog, a.Facts.Single(f => f.Name == "IOMMU").Origin);
        Assert.Equal(ProducerKind.DeviceTreeHoles, a.Domains[0].Result!.Producer);
    }

    [Theory]
    [InlineData("4.17-ext-regions-off")]
    [InlineData("4.20-ext-regions-off")]
    [InlineData("4.20-dom0less-ext-regions-off")]
    public void An_ext_regions_0_boot_is_disabled_for_every_domain(string fixture)
    {
        BootAnalysis a = Replay(fixture, "serial.log");
        Assert.All(a.Domains, d => Assert.Equal(ExtendedRegionsOutcome.Disabled, d.Result!.Outcome));
    }

    [Fact]
    public void On_4_17_a_memreserve_entry_stays_inside_a_region_and_on_4_20_it_is_cut_out()
    {
        BootAnalysis old = Replay("4.17-memreserve", "ring.log");
        BootAnalysis now = Replay("4.20-memreserve", "ring.log");
        Assert.Contains(old.Domains[0].Result!.Regions, r => r.Start <= 0x90000000 && r.Start + r.Size >= 0x94000000);
        Assert.DoesNotContain(now.Domains[0].Result!.Regions, r => r.Start < 0x94000000 && r.Start + r.Size > 0x90000000);
    }

    [Fact]
    public void Dom0less_domains_get_Xens_ids_in_chosen_order()
    {
        BootAnalysis a = Replay("4.20-dom0less", "serial.log");
        Assert.Equal(["d0", "d1", "d2", "d3"], a.Domains.Select(d => d.Name));
        Assert.Equal(ExtendedRegionsOutcome.NoHypervisorNode, a.Domains[2].Result!.Outcome);
    }

    [Fact]
    public void A_32_bit_domU_is_known_from_Xens_own_line()
    {
        BootAnalysis a = Replay("4.20-dom0less-arm32", "serial.log");
        BootDomain d2 = a.Domains.Single(d => d.Name == "d2");
        Assert.Equal(ExtendedRegionsOutcome.Unsupported32Bit, d2.Result!.Outcome);
        Assert.Contains(d2.Facts, f => f.Name == "width" && f.Origin == BootFactOrigin.BootLog);
    }

    [Fact]
    public void The_readme_library_example_reads_a_real_boot()
    {
        // README, "Checking a boot": the same calls.
        string dir = Path.Combine(Root, "4.17-dom0less");
        DeviceTree host = DtbReader.ReadFile(Path.Combine(dir, "host.dtb"));
        BootAnalysis boot = new BootAnalyzer().Analyze(new BootAnalysisInput(host)
        {
            Log = XenBootLogParser.ParseFile(Path.Combine(dir, "serial.log"), new XenBootLogOptions { MemoryReservationCount = host.MemoryReservations.Count }),
        });
        Assert.Equal([BootDomainVerdict.Matches, BootDomainVerdict.Matches, BootDomainVerdict.Matches, BootDomainVerdict.Matches], boot.Domains.Select(d => d.Verdict));
    }
}
