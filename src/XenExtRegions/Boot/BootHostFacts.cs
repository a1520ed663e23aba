using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>The facts every domain of a boot shares: release, command line, IOMMU, IPA width, host RAM and reserved memory.</summary>
internal static class BootHostFacts
{
    public static void Decide(BootContext ctx)
    {
        DecideRelease(ctx);
        ctx.HostFacts = new BootFactsScanner(BootScanOptions.ForRelease(ctx.Release)).Scan(ctx.Tree);
        foreach (BootScanDiagnostic d in ctx.HostFacts.Diagnostics)
        {
            if (d.Level >= LogLevel.Warning)
            {
                ctx.Finding(BootFindingId.BootScan, d.Level >= LogLevel.Critical ? BootFindingSeverity.Error : BootFindingSeverity.Warning, null,
                    "Xen's boot scan of " + ctx.Input.HostTreeName + ": " + d.Message);
            }
        }

        DecideCommandLine(ctx);
        BootIommu.Decide(ctx);
        DecideIpaBits(ctx);
        DecideExtendedRegions(ctx);
        DecideHostRam(ctx);
        DecideReserved(ctx);
    }

    private static void DecideRelease(BootContext ctx)
    {
        XenRelease? fromLog = null;
        string? banner = ctx.Log?.VersionText ?? (ctx.Log?.Version is Version v ? FormattableString.Invariant($"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}") : null);
        if (banner is not null)
        {
            if (XenRelease.TryParse(banner, out XenRelease parsed, out string? note))
            {
                fromLog = parsed;
                if (note is not null && ctx.Input.Release is null)
                {
                    ctx.Finding(BootFindingId.ValueAssumed, BootFindingSeverity.Note, null, "the log's banner, Xen " + banner + ": " + note);
                }
            }
            else if (ctx.Input.Release is null)
            {
                ctx.Finding(BootFindingId.ReleaseUnknown, BootFindingSeverity.Warning, null,
                    "the log's banner, Xen " + banner + " (" + ctx.LogLine(ctx.Log!.VersionLineNumber) + "), is not a release whose behaviour is known (" + note
                    + "); the latest release's behaviour is used: give --xen-version to choose");
            }
        }

        if (ctx.Input.Release is XenRelease asked)
        {
            ctx.Release = asked;
            ctx.Fact("Xen release", asked.ToString(), BootFactOrigin.Option, "--xen-version");
            if (fromLog is XenRelease logRelease && (logRelease.Major != asked.Major || logRelease.Minor != asked.Minor))
            {
                ctx.Finding(BootFindingId.ReleaseDiffersFromLog, BootFindingSeverity.Warning, null,
                    "the release asked for, " + asked + ", differs from the log's banner, " + banner + " (" + ctx.LogLine(ctx.Log!.VersionLineNumber) + "); the log was read as " + asked);
            }
        }
        else if (fromLog is XenRelease logRelease)
        {
            ctx.Release = logRelease;
            ctx.Fact("Xen release", logRelease.ToString(), BootFactOrigin.BootLog, ctx.LogLine(ctx.Log!.VersionLineNumber) + ": Xen version " + banner);
        }
        else
        {
            ctx.Release = XenRelease.Latest;
            ctx.Fact("Xen release", XenRelease.Latest.ToString(), BootFactOrigin.Default,
                ctx.Log is null ? "no --xen-version: the latest release's behaviour" : "the log has no known 'Xen version' banner: the latest release's behaviour");
        }
    }

    private static void DecideCommandLine(BootContext ctx)
    {
        DeviceTreeNode? chosen = ctx.Tree.FindNode("/chosen");
        string? treeText = chosen?.GetProperty("xen,xen-bootargs") is { } p && p.TryGetString(out string? s) ? s : null;
        string? logText = ctx.Log?.CommandLine;
        if (logText is not null)
        {
            ctx.CommandLine = XenCommandLine.Parse(logText);
            ctx.CommandLineFact = ctx.Fact("Xen command line", logText, BootFactOrigin.BootLog, ctx.LogLine(ctx.Log!.CommandLineLineNumber));
            if (treeText is not null && !SameOptions(XenCommandLine.Parse(treeText), ctx.CommandLine))
            {
                ctx.Finding(BootFindingId.CommandLineDiffers, BootFindingSeverity.Warning, null,
                    "Xen's command line in the log (" + ctx.LogLine(ctx.Log.CommandLineLineNumber) + ": \"" + logText + "\") differs from " + ctx.TreePlace("/chosen", "xen,xen-bootargs")
                    + " (\"" + treeText + "\"); the log's is what Xen used (the bootloader may have rewritten it)");
            }
        }
        else if (treeText is not null)
        {
            ctx.CommandLine = XenCommandLine.Parse(treeText);
            ctx.CommandLineFact = ctx.Fact("Xen command line", treeText, BootFactOrigin.HostTree, ctx.TreePlace("/chosen", "xen,xen-bootargs"));
        }
        else
        {
            ctx.CommandLineFact = ctx.Fact("Xen command line", "(none)", BootFactOrigin.Default, ctx.Log is null
                ? "no /chosen xen,xen-bootargs in " + ctx.Input.HostTreeName
                : "neither /chosen xen,xen-bootargs nor a 'Command line:' log line (release builds print it before the console is up)");
        }

        foreach (string problem in ctx.CommandLine.Problems)
        {
            ctx.Finding(BootFindingId.CommandLineProblem, BootFindingSeverity.Warning, null, "Xen's command line: " + problem);
        }
    }

    private static bool SameOptions(XenCommandLine a, XenCommandLine b) => a.Options.SequenceEqual(b.Options);

    private static void DecideIpaBits(BootContext ctx)
    {
        if (ctx.Input.IpaBits is int asked)
        {
            ctx.IpaBits = asked;
            ctx.Fact("IPA bits", Text(asked), BootFactOrigin.Option, "--ipa-bits");
        }
        else if (ctx.Log?.IpaBits is int logged)
        {
            ctx.IpaBits = logged;
            ctx.Fact("IPA bits", Text(logged), BootFactOrigin.BootLog, ctx.LogLine(ctx.Log.IpaBitsLineNumber) + ": P2M: " + Text(logged) + "-bit IPA");
        }
        else
        {
            ctx.IpaBits = 40;
            ctx.Fact("IPA bits", "40", BootFactOrigin.Default, "not in the tree: Xen takes the least of the CPUs' PARange, PADDR_BITS and any SMMU's limit and prints it as 'P2M: N-bit IPA'");
            if (ctx.IommuEnabled)
            {
                ctx.Finding(BootFindingId.ValueAssumed, BootFindingSeverity.Note, null,
                    "the IPA width decides where find_memory_holes stops; 40 bits assumed: give --ipa-bits or a boot log with its 'P2M:' line");
            }
        }
    }

    private static void DecideExtendedRegions(BootContext ctx)
    {
        if (ctx.Input.ExtendedRegions is bool asked)
        {
            ctx.ExtendedRegionsEnabled = asked;
            ctx.Fact("ext_regions", asked ? "on" : "off", BootFactOrigin.Option, "--ext-regions");
            return;
        }

        List<XenLogDomain> disabled = ctx.Log?.Domains.Where(d => d.Outcome == XenLogRegionsOutcome.Disabled).ToList() ?? [];
        List<XenLogDomain> computed = ctx.Log?.Domains.Where(d => d.Outcome is XenLogRegionsOutcome.Found or XenLogRegionsOutcome.FailedToAllocate).ToList() ?? [];
        if (ctx.CommandLine.ExtendedRegions is bool given)
        {
            ctx.ExtendedRegionsEnabled = given;
            BootFact line = ctx.CommandLineFact;
            ctx.Fact("ext_regions", given ? "on" : "off", line.Origin, line.Source);
            if (given && disabled.Count > 0)
            {
                ctx.Finding(BootFindingId.ExtendedRegionsSettingDiffers, BootFindingSeverity.Warning, disabled[0].Name,
                    "the command line enables extended regions but the log says they are disabled (" + ctx.LogLine(disabled[0].OutcomeLineNumber) + ")");
            }
            else if (!given && computed.Count > 0)
            {
                ctx.Finding(BootFindingId.ExtendedRegionsSettingDiffers, BootFindingSeverity.Warning, computed[0].Name,
                    "the command line says ext_regions=0 but the log shows regions being computed for " + computed[0].Name);
            }

            return;
        }

        if (disabled.Count > 0 && computed.Count == 0)
        {
            ctx.ExtendedRegionsEnabled = false;
            ctx.Fact("ext_regions", "off", BootFactOrigin.Inferred,
                ctx.LogLine(disabled[0].OutcomeLineNumber) + ": \"" + disabled[0].Name + ": extended regions support is disabled\"");
            return;
        }

        ctx.ExtendedRegionsEnabled = true;
        ctx.Fact("ext_regions", "on", BootFactOrigin.Default, "not on the command line: Xen's default");
    }

    private static void DecideHostRam(BootContext ctx)
    {
        IReadOnlyList<MemoryBank> tree = ctx.HostFacts.HostRam;
        IReadOnlyList<MemoryBank> logged = ctx.Log?.HostRam ?? [];
        if (ctx.Input.HostRam is { } asked)
        {
            ctx.HostRam = asked;
            ctx.Fact("host RAM", Banks(asked), BootFactOrigin.Option, "--ram");
        }
        else if (logged.Count > 0)
        {
            ctx.HostRam = logged;
            ctx.Fact("host RAM", Banks(logged), BootFactOrigin.BootLog, ctx.Input.LogName + " 'RAM:' lines");
            if (tree.Count > 0 && !SameRanges(tree, logged))
            {
                ctx.Finding(BootFindingId.HostRamDiffers, BootFindingSeverity.Warning, null,
                    "host RAM in the log (" + Banks(logged) + ") differs from the memory nodes of " + ctx.Input.HostTreeName + " (" + Banks(tree)
                    + "); the log's is what Xen used");
            }
        }
        else
        {
            ctx.HostRam = tree;
            ctx.Fact("host RAM", tree.Count == 0 ? "none" : Banks(tree), BootFactOrigin.HostTree, ctx.Input.HostTreeName + " memory nodes");
        }

        if (ctx.HostRam.Count == 0)
        {
            ctx.Finding(BootFindingId.NoUsableMemoryNode, BootFindingSeverity.Warning, null,
                ctx.Input.HostTreeName + " has no memory node Xen " + ctx.Release + " reads as RAM (depth-1 'memory' nodes"
                + (ctx.Release.IsAtLeast(4, 20) ? " with device_type = \"memory\"" : string.Empty)
                + ", enabled, with a non-empty reg): the bootloader usually fills /memory in. Give --ram or a boot log with its 'RAM:' lines; without host RAM, Dom0 without an IOMMU gets no regions");
        }
    }

    private static void DecideReserved(BootContext ctx)
    {
        MemoryBank[] tree = ctx.HostFacts.ReservedMemory
            .Where(b => b.Kind is not MemoryBankKind.MemoryReservation and not MemoryBankKind.StaticSharedMemory).ToArray();
        if (ctx.Input.ReservedMemory is { } asked)
        {
            ctx.ReservedMemory = asked;
            ctx.Fact("reserved memory", Banks(asked), BootFactOrigin.Option, "--reserved");
            return;
        }

        MemoryBank[] logged = LoggedReserved(ctx);
        if (ctx.Log is { ReservedLines.Count: > 0 })
        {
            ctx.ReservedMemory = logged;
            ctx.Fact("reserved memory", logged.Length == 0 ? "none" : Banks(logged), BootFactOrigin.BootLog, ctx.Input.LogName + " 'RESVD' lines");
            if (!SameRanges(tree, logged))
            {
                ctx.Finding(BootFindingId.ReservedMemoryDiffers, BootFindingSeverity.Warning, null,
                    "reserved memory in the log (" + Banks(logged) + ") differs from " + ctx.Input.HostTreeName + " (" + (tree.Length == 0 ? "none" : Banks(tree))
                    + "); the log's is what Xen used");
            }

            return;
        }

        ctx.ReservedMemory = tree;
        ctx.Fact("reserved memory", tree.Length == 0 ? "none" : Banks(tree), BootFactOrigin.HostTree, ctx.Input.HostTreeName + " /reserved-memory, xen,static-mem, xen,static-heap");
    }

    // The reserved banks the log printed, without the first RESVD lines that are the tree's /memreserve/ entries: every
    // release prints those first (with an exclusive end before 4.19, when Xen did not reserve them), and the engine
    // takes them from the tree itself.
    private static MemoryBank[] LoggedReserved(BootContext ctx)
    {
        if (ctx.Log is null)
        {
            return Array.Empty<MemoryBank>();
        }

        IReadOnlyList<XenLogReservedLine> lines = ctx.Log.ReservedLines;
        return lines.Skip(Math.Min(ctx.HostFacts.MemoryReservations.Count, lines.Count))
            .Where(l => l.PrintedEnd >= l.Start && l.PrintedEnd - l.Start != ulong.MaxValue)
            .Select(l => new MemoryBank(l.Start, l.PrintedEnd - l.Start + 1, MemoryBankKind.ReservedMemory, FormattableString.Invariant($"log line {l.LineNumber}")))
            .ToArray();
    }

    internal static bool SameRanges(IReadOnlyList<MemoryBank> a, IReadOnlyList<MemoryBank> b)
    {
        static IEnumerable<(ulong, ulong)> Key(IReadOnlyList<MemoryBank> list) => list.Select(x => (x.Start, x.Size)).OrderBy(x => x.Item1).ThenBy(x => x.Item2);
        return Key(a).SequenceEqual(Key(b));
    }

    internal static string Banks(IEnumerable<MemoryBank> banks) => string.Join(", ", banks.Select(Range));

    internal static string Range(MemoryBank b) => b.TryGetEnd(out ulong end)
        ? FormattableString.Invariant($"0x{b.Start:x}-0x{end:x}")
        : FormattableString.Invariant($"0x{b.Start:x}+0x{b.Size:x}");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
