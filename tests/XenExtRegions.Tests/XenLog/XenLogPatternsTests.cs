using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>
/// Each of Xen's console wordings is taken whole: every piece of its pattern is needed. A line Xen prints matches with
/// its numbers and names captured; a line that only resembles it (text after the end, something before the start, a
/// different word, another message's numbers) does not, so it is diagnosed or ignored rather than read as a fact.
/// </summary>
public sealed class XenLogPatternsTests
{
    private static readonly Dictionary<string, Regex> Patterns = new()
    {
        [nameof(XenLogPatterns.Prefix)] = XenLogPatterns.Prefix,
        [nameof(XenLogPatterns.VersionBanner)] = XenLogPatterns.VersionBanner,
        [nameof(XenLogPatterns.EarlyBanner)] = XenLogPatterns.EarlyBanner,
        [nameof(XenLogPatterns.CommandLine)] = XenLogPatterns.CommandLine,
        [nameof(XenLogPatterns.Iommu)] = XenLogPatterns.Iommu,
        [nameof(XenLogPatterns.P2m)] = XenLogPatterns.P2m,
        [nameof(XenLogPatterns.Dom0less)] = XenLogPatterns.Dom0less,
        [nameof(XenLogPatterns.Ram)] = XenLogPatterns.Ram,
        [nameof(XenLogPatterns.Resvd)] = XenLogPatterns.Resvd,
        [nameof(XenLogPatterns.Module)] = XenLogPatterns.Module,
        [nameof(XenLogPatterns.LoadingDom0)] = XenLogPatterns.LoadingDom0,
        [nameof(XenLogPatterns.LoadingDomU)] = XenLogPatterns.LoadingDomU,
        [nameof(XenLogPatterns.LoadingPart)] = XenLogPatterns.LoadingPart,
        [nameof(XenLogPatterns.Allocating)] = XenLogPatterns.Allocating,
        [nameof(XenLogPatterns.Bank)] = XenLogPatterns.Bank,
        [nameof(XenLogPatterns.StaticBank)] = XenLogPatterns.StaticBank,
        [nameof(XenLogPatterns.Grant)] = XenLogPatterns.Grant,
        [nameof(XenLogPatterns.Region)] = XenLogPatterns.Region,
        [nameof(XenLogPatterns.Disabled)] = XenLogPatterns.Disabled,
        [nameof(XenLogPatterns.Failed)] = XenLogPatterns.Failed,
        [nameof(XenLogPatterns.Unsupported32Bit)] = XenLogPatterns.Unsupported32Bit,
        [nameof(XenLogPatterns.AddressError)] = XenLogPatterns.AddressError,
        [nameof(XenLogPatterns.RangesetError)] = XenLogPatterns.RangesetError,
        [nameof(XenLogPatterns.PaWidthError)] = XenLogPatterns.PaWidthError,
        [nameof(XenLogPatterns.Freed)] = XenLogPatterns.Freed,
        [nameof(XenLogPatterns.RegionWarning)] = XenLogPatterns.RegionWarning,
        [nameof(XenLogPatterns.Keyword)] = XenLogPatterns.Keyword,
    };

    [Theory]
    [InlineData(nameof(XenLogPatterns.VersionBanner), "Xen version 4.20.5-pre (user@example.org) (gcc (Debian 12.2.0-14) 12.2.0) debug=n", new string?[] { "4", "20", ".5-pre" })]
    [InlineData(nameof(XenLogPatterns.EarlyBanner), "Xen 4.17.3 (c/s abc) EFI loader", new string?[] { "4", "17", ".3" })]
    [InlineData(nameof(XenLogPatterns.EarlyBanner), "Xen-4.21-unstable", new string?[] { "4", "21", "-unstable" })]
    [InlineData(nameof(XenLogPatterns.CommandLine), "Command line: dom0_mem=1G console=dtuart", new string?[] { " dom0_mem=1G console=dtuart" })]
    [InlineData(nameof(XenLogPatterns.Iommu), "I/O virtualisation enabled", new string?[] { "enabled" })]
    [InlineData(nameof(XenLogPatterns.Iommu), "I/O virtualization disabled", new string?[] { "disabled" })]
    [InlineData(nameof(XenLogPatterns.P2m), "P2M: 40-bit IPA with 40-bit PA and 8-bit VMID", new string?[] { "40" })]
    [InlineData(nameof(XenLogPatterns.Dom0less), "Xen dom0less mode detected", new string?[0])]
    [InlineData(nameof(XenLogPatterns.Ram), "RAM: 0000000040000000 - 00000000bfffffff", new string?[] { "0000000040000000", "00000000bfffffff" })]
    [InlineData(nameof(XenLogPatterns.Resvd), "RESVD[0]: 0000000050000000 - 0000000050100000", new string?[] { "0", "0000000050000000", "0000000050100000" })]
    [InlineData(nameof(XenLogPatterns.Module), "MODULE[1]: 0000000048000000 - 0000000049000000 Kernel", new string?[] { "1", "0000000048000000", "0000000049000000", "Kernel" })]
    [InlineData(nameof(XenLogPatterns.LoadingDom0), "*** LOADING DOMAIN 0 ***", new string?[0])]
    [InlineData(nameof(XenLogPatterns.LoadingDomU), "*** LOADING DOMU cpus=1 memory=0x80000KB ***", new string?[0])]
    [InlineData(nameof(XenLogPatterns.LoadingPart), "Loading d1 kernel from boot module @ 0000000048000000", new string?[] { "d1" })]
    [InlineData(nameof(XenLogPatterns.Allocating), "Allocating 1:1 mappings totalling 256MB for d0:", new string?[] { "1:1 ", "256", "d0" })]
    [InlineData(nameof(XenLogPatterns.Allocating), "Allocating mappings totalling 512MB for d1:", new string?[] { null, "512", "d1" })]
    [InlineData(nameof(XenLogPatterns.Bank), "BANK[0] 0x00000050000000-0x00000060000000 (256MB)", new string?[] { null, "0", "00000050000000", "00000060000000" })]
    [InlineData(nameof(XenLogPatterns.Bank), "d1 BANK[1] 0x00000070000000-0x00000080000000 (256MB)", new string?[] { "d1", "1", "00000070000000", "00000080000000" })]
    [InlineData(nameof(XenLogPatterns.StaticBank), "d1: STATIC BANK[0] 0x0000000050000000-0x0000000060000000", new string?[] { "d1", "0", "0000000050000000", "0000000060000000" })]
    [InlineData(nameof(XenLogPatterns.Grant), "Grant table range: 0x00000040200000-0x00000040240000", new string?[] { "00000040200000", "00000040240000" })]
    [InlineData(nameof(XenLogPatterns.Region), "d0: extended region 0: 0x50000000->0x80000000", new string?[] { "d0", "0", "50000000", "80000000" })]
    [InlineData(nameof(XenLogPatterns.Region), "Extended region 1: 0x90000000->0xa0000000", new string?[] { null, "1", "90000000", "a0000000" })]
    [InlineData(nameof(XenLogPatterns.Disabled), "d0: extended regions support is disabled", new string?[] { "d0" })]
    [InlineData(nameof(XenLogPatterns.Disabled), "The extended regions support is disabled", new string?[] { null })]
    [InlineData(nameof(XenLogPatterns.Failed), "d0: failed to allocate extended regions", new string?[] { "d0" })]
    [InlineData(nameof(XenLogPatterns.Failed), "Failed to allocate extended regions", new string?[] { null })]
    [InlineData(nameof(XenLogPatterns.Unsupported32Bit), "d1: extended regions not supported for 32-bit guests", new string?[] { "d1" })]
    [InlineData(nameof(XenLogPatterns.Unsupported32Bit), "The extended regions are only supported for 64-bit guest currently", new string?[] { null })]
    [InlineData(nameof(XenLogPatterns.AddressError), "Unable to retrieve address 0 for /soc/pcie@10000000", new string?[0])]
    [InlineData(nameof(XenLogPatterns.RangesetError), "Failed to remove: 0x40000000->0x40200000, error: -22", new string?[] { "40000000", "40200000" })]
    [InlineData(nameof(XenLogPatterns.Freed), "Freed 356kB init memory.", new string?[0])]
    [InlineData(nameof(XenLogPatterns.RegionWarning), "d0: extended regions: something Xen warns about", new string?[] { "d0" })]
    [InlineData(nameof(XenLogPatterns.Keyword), "RAM: garbage", new string?[0])]
    public void A_line_Xen_prints_matches_with_its_fields_captured(string pattern, string line, string?[] fields)
    {
        Match m = Patterns[pattern].Match(line);
        Assert.True(m.Success, line);
        Assert.Equal(fields, Enumerable.Range(1, fields.Length).Select(i => m.Groups[i].Success ? m.Groups[i].Value : null).ToArray());
    }

    [Theory]
    [InlineData(nameof(XenLogPatterns.VersionBanner), "Xen version 4.20x (user@example.org)")]
    [InlineData(nameof(XenLogPatterns.EarlyBanner), "Xen 4.17.3 is booting")]
    [InlineData(nameof(XenLogPatterns.P2m), "Freed 356kB init memory.")]
    [InlineData(nameof(XenLogPatterns.Dom0less), "Xen version 4.20.0 (user@example.org)")]
    [InlineData(nameof(XenLogPatterns.Ram), "RAM: 0000000040000000 - 00000000bfffffff (1 bank)")]
    [InlineData(nameof(XenLogPatterns.Ram), "Grant table range: 0x40000000-0x40040000")]
    [InlineData(nameof(XenLogPatterns.Resvd), "RESVD[0]: 0000000050000000 - 0000000050100000 (memreserve)")]
    [InlineData(nameof(XenLogPatterns.Resvd), "RAM: 0000000040000000 - 00000000bfffffff")]
    [InlineData(nameof(XenLogPatterns.Module), "RAM: 0000000040000000 - 00000000bfffffff")]
    [InlineData(nameof(XenLogPatterns.LoadingDom0), "*** LOADING DOMU cpus=1 memory=0x80000KB ***")]
    [InlineData(nameof(XenLogPatterns.LoadingDomU), "*** LOADING DOMAIN 0 ***")]
    [InlineData(nameof(XenLogPatterns.LoadingPart), "Loading d1 firmware from boot module @ 0000000048000000")]
    [InlineData(nameof(XenLogPatterns.LoadingPart), "Reloading d1 kernel")]
    [InlineData(nameof(XenLogPatterns.Allocating), "Allocating mappings totalling 512MB for d1: BANK[0]")]
    [InlineData(nameof(XenLogPatterns.Allocating), "Freeing d1")]
    [InlineData(nameof(XenLogPatterns.Bank), "BANK[0] 0x00000050000000-0x00000060000000 junk")]
    [InlineData(nameof(XenLogPatterns.Bank), "STATIC BANK[0] 0x00000050000000-0x00000060000000")]
    [InlineData(nameof(XenLogPatterns.StaticBank), "d1: STATIC BANK[0] 0x0000000050000000-0x0000000060000000 (256MB)")]
    [InlineData(nameof(XenLogPatterns.StaticBank), "xd1: STATIC BANK[0] 0x0000000050000000-0x0000000060000000")]
    [InlineData(nameof(XenLogPatterns.Grant), "Grant table range: 0x00000040200000-0x00000040240000 (64 frames)")]
    [InlineData(nameof(XenLogPatterns.Grant), "RAM: 0000000040000000 - 00000000bfffffff")]
    [InlineData(nameof(XenLogPatterns.Region), "d0: extended region 0: 0x50000000->0x80000000 (768MB)")]
    [InlineData(nameof(XenLogPatterns.Region), "Unknown extended region 0: 0x50000000->0x80000000")]
    [InlineData(nameof(XenLogPatterns.Disabled), "d0: extended regions support is enabled")]
    [InlineData(nameof(XenLogPatterns.Failed), "d0: extended region 0: 0x50000000->0x80000000")]
    [InlineData(nameof(XenLogPatterns.Failed), "nobody failed to allocate extended regions")]
    [InlineData(nameof(XenLogPatterns.Unsupported32Bit), "d1: extended regions are supported")]
    [InlineData(nameof(XenLogPatterns.AddressError), "Loading d1 kernel from boot module @ 0000000048000000")]
    [InlineData(nameof(XenLogPatterns.RangesetError), "d0: extended region 0: 0x50000000->0x80000000")]
    [InlineData(nameof(XenLogPatterns.RangesetError), "Unable to add: 0x40000000->0x40200000")]
    [InlineData(nameof(XenLogPatterns.PaWidthError), "Freed 356kB init memory.")]
    [InlineData(nameof(XenLogPatterns.Freed), "Freed 356kB kernel memory.")]
    [InlineData(nameof(XenLogPatterns.RegionWarning), "Freed 356kB init memory.")]
    [InlineData(nameof(XenLogPatterns.Keyword), "Freed 356kB init memory.")]
    public void A_line_that_only_resembles_the_wording_does_not_match(string pattern, string line)
    {
        Assert.False(Patterns[pattern].IsMatch(line), line);
    }

    [Fact]
    public void The_console_prefix_is_Xen_s_marker_or_a_timestamp_with_one_blank_after_it()
    {
        Match xen = XenLogPatterns.Prefix.Match("(XEN) RAM: 0 - 1");
        Assert.Equal(("(XEN) ", "(XEN)"), (xen.Value, xen.Groups["xen"].Value));
        Match stamp = XenLogPatterns.Prefix.Match("[    0.000000] Booting");
        Assert.Equal(("[    0.000000] ", false), (stamp.Value, stamp.Groups["xen"].Success));
    }

    [Fact]
    public void The_PA_width_error_is_split_from_the_message_Xen_printed_after_it_on_the_same_line()
    {
        const string Error = "/pcie@10000000: [0x8000000000, 0xffffffffffffffff] exceeds the maximum allowed PA width (64 bits)";
        Match m = XenLogPatterns.PaWidthError.Match(Error + "<1>Freed 356kB init memory.");
        Assert.Equal((Error, "Freed 356kB init memory."), (m.Groups["message"].Value, m.Groups["rest"].Value));
    }
}
