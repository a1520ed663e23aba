using System;
using System.Globalization;
using System.Text.RegularExpressions;
using XenExtRegions.Memory;

namespace XenExtRegions.XenLog;

/// <summary>One line at a time: which of Xen's messages it is, and what it says.</summary>
public static partial class XenBootLogParser
{
    private static readonly Regex PreRelease = new(@"-(?:pre|rc|unstable|dev)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, XenLogPatterns.Timeout);

    /// <summary>Reads one line without its prefixes; true when it is one of the facts Xen prints.</summary>
    private static bool ReadLine(XenLogReadState state, string line, int lineNumber, bool hadXen)
    {
        if (line.Length == 0)
        {
            return false;
        }

        return ReadBootFact(state, line, lineNumber, hadXen)
            || ReadMemoryFact(state, line, lineNumber)
            || ReadDomainFact(state, line, lineNumber)
            || ReadRegionFact(state, line, lineNumber)
            || ReadLeftovers(state, line, lineNumber, hadXen);
    }

    private static bool ReadBootFact(XenLogReadState state, string line, int lineNumber, bool hadXen)
    {
        Match m;
        if ((m = XenLogPatterns.VersionBanner.Match(line)).Success)
        {
            if (!state.HasFullBanner)
            {
                SetVersion(state, m, lineNumber);
                state.HasFullBanner = true;
            }
        }
        else if ((m = XenLogPatterns.EarlyBanner.Match(line)).Success)
        {
            if (state.VersionText is null)
            {
                SetVersion(state, m, lineNumber);
            }
        }
        else if ((m = XenLogPatterns.CommandLine.Match(line)).Success)
        {
            // The first one, unless an unprefixed one (a guest's?) came before Xen's own.
            if (state.CommandLine is null || (hadXen && !state.CommandLineHadXenPrefix))
            {
                state.CommandLine = m.Groups[1].Value.Trim();
                state.CommandLineLineNumber = lineNumber;
                state.CommandLineHadXenPrefix = hadXen;
            }
        }
        else if ((m = XenLogPatterns.Iommu.Match(line)).Success)
        {
            if (state.IommuEnabled is null)
            {
                state.IommuEnabled = string.Equals(m.Groups[1].Value, "enabled", StringComparison.OrdinalIgnoreCase);
                state.IommuLineNumber = lineNumber;
            }
        }
        else if ((m = XenLogPatterns.P2m.Match(line)).Success)
        {
            if (int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int bits) && bits > 0 && bits <= 64)
            {
                state.IpaBits = bits;
                state.IpaBitsLineNumber = lineNumber;
            }
            else
            {
                state.Diagnose(lineNumber, line, "P2M IPA width out of range");
            }
        }
        else if (XenLogPatterns.Dom0less.IsMatch(line))
        {
            state.Dom0lessMode = true;
        }
        else if (XenLogPatterns.Freed.IsMatch(line))
        {
            state.EndConstruction();
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void SetVersion(XenLogReadState state, Match m, int lineNumber)
    {
        int major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int minor = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        string extra = m.Groups[3].Value;
        int patch = 0;
        if (extra.StartsWith(".", StringComparison.Ordinal))
        {
            // At most five digits (the pattern's bound), so this cannot overflow.
            for (int i = 1; i < extra.Length && extra[i] >= '0' && extra[i] <= '9'; i++)
            {
                patch = (patch * 10) + (extra[i] - '0');
            }
        }

        state.Version = new Version(major, minor, patch);
        state.VersionText = FormattableString.Invariant($"{major}.{minor}{extra}");
        state.VersionLineNumber = lineNumber;
    }

    private static bool ReadMemoryFact(XenLogReadState state, string line, int lineNumber)
    {
        Match m;
        if ((m = XenLogPatterns.Ram.Match(line)).Success)
        {
            if (TryRange(m.Groups[1].Value, m.Groups[2].Value, out ulong start, out ulong end) && end >= start && end - start != ulong.MaxValue)
            {
                state.HostRam.Add(new MemoryBank(start, end - start + 1, MemoryBankKind.HostRam, Source(lineNumber)));
            }
            else
            {
                state.Diagnose(lineNumber, line, "RAM line with an unreadable or inverted range");
            }
        }
        else if ((m = XenLogPatterns.Resvd.Match(line)).Success)
        {
            // Kept raw: whether the end is inclusive is decided once the release is known (the banner may come later).
            if (int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && TryRange(m.Groups[2].Value, m.Groups[3].Value, out ulong start, out ulong end))
            {
                state.ReservedLines.Add(new XenLogReservedLine(index, start, end, lineNumber));
            }
            else
            {
                state.Diagnose(lineNumber, line, "RESVD line with an unreadable index or range");
            }
        }
        else if ((m = XenLogPatterns.Module.Match(line)).Success)
        {
            if (TryRange(m.Groups[2].Value, m.Groups[3].Value, out ulong start, out ulong end) && end >= start)
            {
                state.PendingModules.Add(new PendingModule(start, end, m.Groups[4].Value, line, lineNumber));
            }
            else
            {
                state.Diagnose(lineNumber, line, "MODULE line with an unreadable or inverted range");
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    private static bool ReadDomainFact(XenLogReadState state, string line, int lineNumber)
    {
        Match m;
        XenLogDomainBuilder? domain;
        if (XenLogPatterns.LoadingDom0.IsMatch(line))
        {
            state.StartDom0(lineNumber);
            return true;
        }

        if (XenLogPatterns.LoadingDomU.IsMatch(line))
        {
            state.StartDomU(lineNumber);
            return true;
        }

        if ((m = XenLogPatterns.LoadingPart.Match(line)).Success)
        {
            state.Construct(XenLogReadState.NormaliseDomain(m.Groups[1].Value)).Touch(lineNumber);
            return true;
        }

        if ((m = XenLogPatterns.Allocating.Match(line)).Success)
        {
            bool oneToOne = m.Groups[1].Success;

            // Before 4.22 allocate_memory_11 says "dom0" whatever the id (a 4.21 hardware domain built from a
            // dom0less node is d1 or later): trust the domain being built, if any.
            domain = oneToOne && string.Equals(m.Groups[3].Value, "dom0", StringComparison.OrdinalIgnoreCase)
                ? state.Current(lineNumber, line)
                : state.Construct(XenLogReadState.NormaliseDomain(m.Groups[3].Value));
            if (domain is not null)
            {
                domain.Touch(lineNumber);
                domain.DirectMapped = oneToOne;
                domain.AllocatedMiB = ulong.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong mib) ? mib : null;
            }

            return true;
        }

        bool isStatic = false;
        if ((m = XenLogPatterns.Bank.Match(line)).Success || (isStatic = (m = XenLogPatterns.StaticBank.Match(line)).Success))
        {
            domain = m.Groups[1].Success ? state.Construct(XenLogReadState.NormaliseDomain(m.Groups[1].Value)) : state.Current(lineNumber, line);
            if (TryRange(m.Groups[3].Value, m.Groups[4].Value, out ulong start, out ulong end) && end > start)
            {
                if (domain is not null)
                {
                    domain.Touch(lineNumber);
                    (isStatic ? domain.StaticMemory : domain.Ram).Add(new MemoryBank(
                        start, end - start, isStatic ? MemoryBankKind.StaticMemory : MemoryBankKind.DomainRam, Source(lineNumber)));
                }
            }
            else
            {
                state.Diagnose(lineNumber, line, "BANK line with an unreadable or empty range");
            }

            return true;
        }

        if ((m = XenLogPatterns.Grant.Match(line)).Success)
        {
            if (TryRange(m.Groups[1].Value, m.Groups[2].Value, out ulong start, out ulong end) && end >= start)
            {
                // Equal ends are an empty table (Xen built without grant tables gives it size 0), not a fault.
                var bank = new MemoryBank(start, end - start, MemoryBankKind.GrantTable, Source(lineNumber));
                state.GrantTable = bank;
                domain = state.Current(lineNumber, line);
                if (domain is not null)
                {
                    domain.Touch(lineNumber);
                    domain.GrantTable ??= bank;
                }
            }
            else
            {
                state.Diagnose(lineNumber, line, "grant table range is unreadable or inverted");
            }

            return true;
        }

        return false;
    }

    private static bool ReadRegionFact(XenLogReadState state, string line, int lineNumber)
    {
        Match m;
        if ((m = XenLogPatterns.Region.Match(line)).Success)
        {
            string? name = m.Groups[1].Success ? XenLogReadState.NormaliseDomain(m.Groups[1].Value) : null;
            if (int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && TryRange(m.Groups[3].Value, m.Groups[4].Value, out ulong start, out ulong end) && end > start)
            {
                var region = new XenLogExtendedRegion(name, index, start, end, lineNumber);
                state.Regions.Add(region);
                XenLogDomainBuilder domain = DomainOfRegionLine(state, name);
                domain.Touch(lineNumber);
                domain.Regions.Add(region);
            }
            else
            {
                state.Diagnose(lineNumber, line, "extended region line with an unreadable or empty range");
            }

            return true;
        }

        XenLogRegionsOutcome outcome;
        if ((m = XenLogPatterns.Disabled.Match(line)).Success)
        {
            outcome = XenLogRegionsOutcome.Disabled;
        }
        else if ((m = XenLogPatterns.Failed.Match(line)).Success)
        {
            outcome = XenLogRegionsOutcome.FailedToAllocate;
        }
        else if ((m = XenLogPatterns.Unsupported32Bit.Match(line)).Success)
        {
            outcome = XenLogRegionsOutcome.Unsupported32Bit;
        }
        else
        {
            return false;
        }

        state.RegionWarnings.Add(line);
        XenLogDomainBuilder target = DomainOfRegionLine(state, m.Groups[1].Success ? XenLogReadState.NormaliseDomain(m.Groups[1].Value) : null);
        target.Touch(lineNumber);
        if (!target.TrySetMessage(outcome, lineNumber))
        {
            state.Diagnose(lineNumber, line, "a second extended-regions outcome for the same domain (two boots in one file?): the first one is kept");
        }

        return true;
    }

    /// <summary>A region or outcome line names its domain; Xen 4.16's unprefixed ones are Dom0's (it builds the node for Dom0 only).</summary>
    private static XenLogDomainBuilder DomainOfRegionLine(XenLogReadState state, string? name)
    {
        if (name is not null)
        {
            return state.Construct(name);
        }

        return state.HasPendingDomU ? state.Named("d0") : state.Construct("d0");
    }

    private static bool ReadLeftovers(XenLogReadState state, string line, int lineNumber, bool hadXen)
    {
        Match m;
        string? error = null;
        string? rest = null;
        if ((m = XenLogPatterns.PaWidthError.Match(line)).Success)
        {
            error = m.Groups["message"].Value;
            rest = m.Groups["rest"].Value.Trim();
        }
        else if (XenLogPatterns.AddressError.IsMatch(line) || XenLogPatterns.RangesetError.IsMatch(line))
        {
            error = line;
        }

        if (error is not null)
        {
            XenLogDomainBuilder? domain = state.Current(lineNumber, line);
            if (domain is not null)
            {
                domain.Touch(lineNumber);
                domain.ProducerErrors.Add(error);
            }

            // Xen printed the PA-width error without a newline: the next message shares the line, and its prefix
            // (ReadLine skips an empty one).
            if (rest is not null)
            {
                ReadLine(state, rest, lineNumber, hadXen);
            }

            return true;
        }

        if (XenLogPatterns.RegionWarning.IsMatch(line))
        {
            state.RegionWarnings.Add(line);
        }
        else if (XenLogPatterns.Keyword.IsMatch(line))
        {
            state.Diagnose(lineNumber, line, "looks like a Xen memory line but could not be read");
        }

        return false;
    }

    private static bool TryRange(string first, string last, out ulong start, out ulong end)
    {
        end = 0;
        return TryHex(first, out start) && TryHex(last, out end);
    }

    private static bool TryHex(string digits, out ulong value)
    {
        string d = digits.TrimStart('0');
        if (d.Length > 16)
        {
            value = 0;
            return false;
        }

        return ulong.TryParse(d.Length == 0 ? "0" : d, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    internal static bool IsPreReleaseText(string? text) => text is not null && PreRelease.IsMatch(text);
}
