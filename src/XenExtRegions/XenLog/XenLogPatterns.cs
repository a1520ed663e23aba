using System;
using System.Text.RegularExpressions;

namespace XenExtRegions.XenLog;

/// <summary>
/// Xen's console wordings, checked against each release's source (RELEASE-4.16.0 … RELEASE-4.22.0): one anchored
/// pattern per message, applied to a line after its console prefixes are gone. Every pattern is bounded (a line is at
/// most <see cref="XenLogLineSplitter.MaxPieceLength"/> characters) and carries a match timeout.
/// </summary>
internal static class XenLogPatterns
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
    private const string Hex = "(?:0x)?([0-9a-f]{1,64})";

    // %pd prints "d<id>"; older messages and people write "dom0"/"Dom0"; guest console lines use "(d1)".
    private const string Domain = @"(d\d{1,5}|dom\d{1,5})";
    private const string DomainPrefix = @"(?:\(?" + Domain + @"\)?:?\s+)";

    // XEN_EXTRAVERSION: ".5", ".5-pre", "-rc", "-unstable", plus an optional vendor suffix.
    private const string Extra = @"((?:\.\d{1,5})?(?:[-~+_][0-9a-z][0-9a-z.+~_-]{0,40})?)";

    /// <summary>A console prefix: Xen's <c>(XEN)</c>, a bracketed timestamp, or a capture tool's bare date/time.</summary>
    public static readonly Regex Prefix = new(
        @"^\s*(?:(?<xen>\(XEN\))|\[[^\]]{0,40}\]|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?(?=\s)|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?=\s))[ \t]?",
        Options,
        Timeout);

    /// <summary><c>Xen version 4.20.5-pre (user@domain) (compiler) …</c>, console_init_preirq.</summary>
    public static readonly Regex VersionBanner = new(@"^Xen version (\d{1,5})\.(\d{1,5})" + Extra + @"(?=\s|\(|$)", Options, Timeout);

    /// <summary><c>Xen 4.17.3 (c/s …) EFI loader</c>, or a bare <c>Xen 4.17.3</c> / <c>Xen-4.21-unstable</c> title.</summary>
    public static readonly Regex EarlyBanner = new(@"^Xen[ -](\d{1,5})\.(\d{1,5})" + Extra + @"\s*(?:$|\()", Options, Timeout);

    public static readonly Regex CommandLine = new(@"^Command line:(.*)$", Options, Timeout);
    public static readonly Regex Iommu = new(@"^I/O virtuali[sz]ation (enabled|disabled)$", Options, Timeout);
    public static readonly Regex P2m = new(@"^P2M:\s*(\d{1,5})-bit IPA\b", Options, Timeout);
    public static readonly Regex Dom0less = new(@"^Xen dom0less mode detected$", Options, Timeout);

    public static readonly Regex Ram = new(@"^RAM:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);
    public static readonly Regex Resvd = new(@"^RESVD_?\[(\d{1,9})\]:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);
    public static readonly Regex Module = new(@"^MODULE\[(\d{1,9})\]:\s*" + Hex + @"\s*-\s*" + Hex + @"(?:\s+(.*?))?\s*$", Options, Timeout);

    /// <summary>construct_dom0: <c>*** LOADING DOMAIN 0 ***</c>.</summary>
    public static readonly Regex LoadingDom0 = new(@"^\*\*\* LOADING DOMAIN 0 \*\*\*$", Options, Timeout);

    /// <summary>construct_domU: <c>*** LOADING DOMU cpus=1 memory=0x80000KB ***</c> (4.16-4.17 print the size without 0x); no domain id.</summary>
    public static readonly Regex LoadingDomU = new(@"^\*\*\* LOADING DOMU cpus=\d{1,5} memory=(?:0x)?[0-9a-f]{1,16}KB \*\*\*$", Options, Timeout);

    /// <summary>kernel_probe and the loaders: <c>Loading d1 kernel from boot module @ …</c>, <c>Loading d1 DTB to …</c>, <c>Loading d1 initrd from …</c>.</summary>
    public static readonly Regex LoadingPart = new(@"^Loading " + Domain + @" (?:kernel|DTB|initrd)\b", Options, Timeout);

    /// <summary>
    /// allocate_memory_11 (<c>1:1</c>; "for dom0" literally before 4.22, <c>%pd</c> from 4.22) and allocate_memory
    /// (<c>Allocating mappings totalling 512MB for d1:</c>).
    /// </summary>
    public static readonly Regex Allocating = new(@"^Allocating (1:1 )?mappings totalling (\d{1,12})MB for " + Domain + @":?\s*$", Options, Timeout);

    /// <summary><c>BANK[0] 0x…-0x… (256MB)</c> (allocate_memory_11) or <c>d1 BANK[0] 0x…-0x… (512MB)</c> (allocate_memory); exclusive end.</summary>
    public static readonly Regex Bank = new(@"^" + DomainPrefix + @"?BANK\[(\d{1,5})\]\s*" + Hex + @"\s*-\s*" + Hex + @"(?:\s*\(\d{1,12}MB\).*)?$", Options, Timeout);

    /// <summary><c>d1: STATIC BANK[0] 0x…-0x…</c> (static memory, host-physical; exclusive end).</summary>
    public static readonly Regex StaticBank = new(@"^" + DomainPrefix + @"STATIC BANK\[(\d{1,5})\]\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);

    public static readonly Regex Grant = new(@"^Grant table range:\s*" + Hex + @"\s*-\s*" + Hex + @"\s*$", Options, Timeout);

    /// <summary><c>d0: extended region 0: S-&gt;E</c> (4.17+) or <c>Extended region 0: S-&gt;E</c> (4.16); exclusive end.</summary>
    public static readonly Regex Region = new(@"^" + DomainPrefix + @"?extended region (\d{1,9}):\s*" + Hex + @"\s*->\s*" + Hex + @"\s*$", Options, Timeout);

    /// <summary><c>d0: extended regions support is disabled</c>; 4.16: <c>The extended regions support is disabled</c>.</summary>
    public static readonly Regex Disabled = new(@"^(?:" + DomainPrefix + @"|The\s+)?extended regions support is disabled\.?$", Options, Timeout);

    /// <summary><c>d0: failed to allocate extended regions</c>; 4.16: <c>Failed to allocate extended regions</c>.</summary>
    public static readonly Regex Failed = new(@"^" + DomainPrefix + @"?failed to allocate extended regions\.?$", Options, Timeout);

    /// <summary><c>d1: extended regions not supported for 32-bit guests</c>; 4.16: <c>The extended regions are only supported for 64-bit guest currently</c>.</summary>
    public static readonly Regex Unsupported32Bit = new(
        @"^(?:" + DomainPrefix + @"?extended regions not supported for 32-bit guests|The extended regions are only supported for 64-bit guests? currently)\.?$",
        Options,
        Timeout);

    /// <summary>find_memory_holes: <c>Unable to retrieve address 0 for /soc/node</c>.</summary>
    public static readonly Regex AddressError = new(@"^Unable to retrieve address \d{1,9} for \S", Options, Timeout);

    /// <summary>The producers' rangeset errors: <c>Failed to add: S-&gt;E</c>, <c>Failed to remove: S-&gt;E[, error: n]</c>.</summary>
    public static readonly Regex RangesetError = new(@"^Failed to (?:add|remove): " + Hex + @"\s*->\s*" + Hex, Options, Timeout);

    /// <summary>
    /// handle_pci_range (4.18+): <c>/pcie@…: [0x…, 0x…] exceeds the maximum allowed PA width (64 bits)</c>. Xen prints
    /// it without a newline, so the next message (with its level marker, e.g. <c>&lt;1&gt;</c>) follows on the same line.
    /// </summary>
    public static readonly Regex PaWidthError = new(
        @"^(?<message>[^\[]{1,1024}: \[0x[0-9a-f]{1,16}, 0x[0-9a-f]{1,16}\] exceeds the maximum allowed PA width \(\d{1,3} bits\))(?:<[0-9G]>)*(?<rest>.*)$",
        Options,
        Timeout);

    /// <summary>The end of boot: <c>Freed 356kB init memory.</c> (no domain is being built after it).</summary>
    public static readonly Regex Freed = new(@"^Freed \d{1,12}kB init memory\.?$", Options, Timeout);

    /// <summary>Other lines about extended regions (kept as printed for <see cref="XenBootLog.ExtendedRegionWarnings"/>).</summary>
    public static readonly Regex RegionWarning = new(@"^(?:" + DomainPrefix + @")?.*\bextended regions\b.*$", Options, Timeout);

    /// <summary>Lines that look like one of the memory lines above but did not match it.</summary>
    public static readonly Regex Keyword = new(
        @"^(?:RAM:|RESVD|MODULE\[|BANK\[|Grant table range|P2M:.*IPA|.*extended region \d|Allocating .*mappings)",
        Options,
        Timeout);
}
