using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.Boot;

public sealed class BootAnalyzerLogTests
{
    private const string Dom0Lines = """
        (XEN) Xen version 4.22.0 (builder@example.org) debug=n
        (XEN) RAM: 0000000040000000 - 00000000bfffffff
        (XEN) I/O virtualisation disabled
        (XEN) P2M: 40-bit IPA with 40-bit PA and 8-bit VMID
        (XEN) Allocating 1:1 mappings totalling 256MB for dom0:
        (XEN) BANK[0] 0x00000060000000-0x00000070000000 (256MB)
        (XEN) Grant table range: 0x00000041000000-0x00000041040000
        (XEN) d0: extended region 0: 0x41200000->0x60000000
        (XEN) d0: extended region 1: 0x70000000->0xc0000000
        """;

    private static BootAnalysis Analyze(BootTrees trees, string log, XenRelease? release = null) =>
        new BootAnalyzer().Analyze(new BootAnalysisInput(trees.Tree()) { Log = XenBootLogParser.Parse(log), LogName = "boot.log", Release = release });

    [Fact]
    public void Dom0_banks_and_grant_window_come_from_the_log_and_the_regions_match()
    {
        BootAnalysis a = Analyze(new BootTrees(), Dom0Lines);
        BootDomain d0 = Assert.Single(a.Domains);
        Assert.Equal(BootDomainVerdict.Matches, d0.Verdict);
        Assert.True(a.MatchesLog);
        Assert.Contains(d0.Facts, f => f.Name == "RAM" && f.Origin == BootFactOrigin.BootLog);
        Assert.Contains(a.Facts, f => f.Name == "Xen release" && f.Origin == BootFactOrigin.BootLog && f.Value == "4.22.0");
        Assert.True(d0.LogComparison!.Matches);
        Assert.Contains("all equal", d0.LogComparison.Summary, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_Xen_did_not_print_makes_the_domain_differ_and_names_both_sides()
    {
        string log = Dom0Lines.Replace("0x70000000->0xc0000000", "0x70000000->0xbfe00000", System.StringComparison.Ordinal);
        BootAnalysis a = Analyze(new BootTrees(), log);
        BootDomain d0 = a.Domains[0];
        Assert.Equal(BootDomainVerdict.Differs, d0.Verdict);
        Assert.False(a.MatchesLog);
        Assert.Equal(0xbfe00000UL - 0x70000000UL, Assert.Single(d0.LogComparison!.OnlyInLog).Size);
        Assert.Equal(0x50000000UL, Assert.Single(d0.LogComparison.OnlyComputed).Size);
    }

    [Fact]
    public void The_release_of_the_banner_is_used_and_reproduces_that_releases_2MiB_short_regions()
    {
        string log = Dom0Lines.Replace("4.22.0", "4.20.1", System.StringComparison.Ordinal)
            .Replace("0x70000000->0xc0000000", "0x70000000->0xbfe00000", System.StringComparison.Ordinal)
            .Replace("0x41200000->0x60000000", "0x41200000->0x5fe00000", System.StringComparison.Ordinal);
        BootAnalysis a = Analyze(new BootTrees(), log);
        Assert.Equal(XenRelease.V4201, a.Release);
        Assert.Equal(BootDomainVerdict.Matches, a.Domains[0].Verdict);
    }

    [Fact]
    public void An_explicit_release_that_disagrees_with_the_banner_is_a_warning()
    {
        BootAnalysis a = Analyze(new BootTrees(), Dom0Lines, XenRelease.V417);
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.ReleaseDiffersFromLog && f.Message.Contains("4.22", System.StringComparison.Ordinal));
        Assert.Equal(XenRelease.V417, a.Release);
    }

    [Fact]
    public void Host_RAM_in_the_log_that_differs_from_the_tree_is_used_and_said()
    {
        string log = Dom0Lines.Replace("00000000bfffffff", "000000007fffffff", System.StringComparison.Ordinal);
        BootAnalysis a = Analyze(new BootTrees(), log);
        BootFinding f = Assert.Single(a.Findings, f => f.Id == BootFindingId.HostRamDiffers);
        Assert.Contains("0x40000000-0x80000000", f.Message, System.StringComparison.Ordinal);
        Assert.Contains("0x40000000-0xc0000000", f.Message, System.StringComparison.Ordinal);
        Assert.Equal(BootFactOrigin.BootLog, a.Facts.Single(x => x.Name == "host RAM").Origin);
    }

    [Fact]
    public void A_domU_checked_against_its_dN_lines()
    {
        string log = Dom0Lines + "\n(XEN) d1: extended region 0: 0x80000000->0x100000000\n(XEN) d1: extended region 1: 0x200000000->0x10000000000\n";
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"), log);
        Assert.Equal([BootDomainVerdict.Matches, BootDomainVerdict.Matches], a.Domains.Select(d => d.Verdict));
        Assert.True(a.MatchesLog);
    }

    [Fact]
    public void A_domain_the_log_names_but_the_tree_lacks_is_a_warning()
    {
        string log = Dom0Lines + "\n(XEN) d3: extended region 0: 0x80000000->0x100000000\n";
        BootAnalysis a = Analyze(new BootTrees(), log);
        Assert.Contains(a.Findings, f => f.Id == BootFindingId.DomainNotInTree && f.Domain == "d3");
    }

    [Fact]
    public void Xens_disabled_line_without_a_command_line_turns_ext_regions_off_and_matches()
    {
        const string log = """
            (XEN) Xen version 4.20.1 (builder@example.org)
            (XEN) d0: extended regions support is disabled
            (XEN) d1: extended regions support is disabled
            """;
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"), log);
        Assert.Equal(BootFactOrigin.Inferred, a.Facts.Single(f => f.Name == "ext_regions").Origin);
        Assert.All(a.Domains, d => Assert.Equal((ExtendedRegionsOutcome.Disabled, BootDomainVerdict.Matches), (d.Result!.Outcome, d.Verdict)));
        Assert.True(a.MatchesLog);
    }

    [Fact]
    public void A_domain_without_xen_enhanced_matches_a_log_that_prints_nothing_for_it()
    {
        string log = Dom0Lines;
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000", string.Empty), log);
        Assert.Equal(BootDomainVerdict.Matches, a.Domains[1].Verdict);
    }

    [Fact]
    public void A_domain_the_log_is_silent_about_is_not_in_the_log()
    {
        BootAnalysis a = Analyze(new BootTrees().Domain("domU1", "0x100000"), Dom0Lines);
        Assert.Equal(BootDomainVerdict.NotInLog, a.Domains[1].Verdict);
        Assert.True(a.MatchesLog);
    }

    [Fact]
    public void Dom0_not_computable_but_printed_by_Xen_makes_the_overall_verdict_false()
    {
        const string log = "(XEN) Xen version 4.22.0\n(XEN) d0: extended region 0: 0x41200000->0x60000000\n";
        BootAnalysis a = Analyze(new BootTrees(), log);
        Assert.Equal(BootDomainVerdict.NotComputed, a.Domains[0].Verdict);
        Assert.NotNull(a.Domains[0].LogComparison);
        Assert.False(a.MatchesLog);
    }

    [Fact]
    public void Without_a_log_the_overall_verdict_is_null()
    {
        BootAnalysis a = new BootAnalyzer().Analyze(new BootAnalysisInput(new BootTrees().Domain("domU1", "0x100000").Tree()));
        Assert.Null(a.MatchesLog);
        Assert.False(a.HasLog);
    }
}
