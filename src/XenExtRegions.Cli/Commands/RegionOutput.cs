using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary>Shared by dom0 and domu: the log comparison, the no-region warning, and the output forms.</summary>
internal static class RegionOutput
{
    /// <summary>Compares with the log's Dom0 lines (<c>d0</c>, or Xen 4.16's unprefixed ones), or null when there is no log or it says nothing about Dom0.</summary>
    public static LogComparison? Compare(XenBootLog? log, string? file, IReadOnlyList<MemoryBank> ours) =>
        log is null || file is null ? null : Compare(log, file, "d0", ours);

    /// <summary>Compares with the log's lines of one named domain (a domU), or null when the log says nothing about it.</summary>
    public static LogComparison? Compare(XenBootLog log, string file, string domain, IReadOnlyList<MemoryBank> ours)
    {
        XenLogDomain? logged = log.FindDomain(domain);
        if (logged is null || logged.Outcome == XenLogRegionsOutcome.NotInLog)
        {
            return null;
        }

        IReadOnlyList<MemoryBank> theirs = logged.GetExtendedRegionBanks();
        var ourKeys = new HashSet<(ulong, ulong)>(ours.Select(b => (b.Start, b.Size)));
        var theirKeys = new HashSet<(ulong, ulong)>(theirs.Select(b => (b.Start, b.Size)));
        bool sameOrder = theirs.Select(b => (b.Start, b.Size)).SequenceEqual(ours.Select(b => (b.Start, b.Size)));
        return new LogComparison(file, sameOrder, theirs, theirs.Where(b => !ourKeys.Contains((b.Start, b.Size))).ToList(), ours.Where(b => !theirKeys.Contains((b.Start, b.Size))).ToList());
    }

    public static int Write(CliContext context, RegionReport report, LoadedTree? tree, string format, string? output)
    {
        switch (format)
        {
            case "json":
                OutputSink.WriteText(context, output, w => JsonRenderer.Render(report, w));
                break;
            case "dts":
                OutputSink.WriteText(context, output, w => DtsRenderer.Render(report, w));
                break;
            case "zephyr":
                OutputSink.WriteText(context, output, w => ZephyrOverlayRenderer.Render(report, w));
                break;
            case "svg":
                OutputSink.WriteText(context, output, w => SvgRenderer.Render(report, w));
                break;
            case "dtb":
                OutputSink.WriteBytes(context, output, context.Backend.WriteDtbWithHypervisor(tree, report), "--format dtb");
                break;
            default:
                OutputSink.WriteText(context, output, w => TableRenderer.Render(report, w));
                break;
        }

        if (report.Regions.Count == 0)
        {
            context.Error.WriteLine($"warning: {report.Subject}: no extended region found; the /hypervisor reg holds the grant table only (Xen warns \"failed to allocate extended regions\")");
        }

        if (report.Log is { Matches: false } log)
        {
            context.Error.WriteLine($"note: the regions differ from those in {log.LogFile} ({log.OnlyInLog.Count} only in the log, {log.OnlyOurs.Count} only ours)");
        }

        return 0;
    }

    public static string Version(CliContext context, string? requested, Version? fromLog)
    {
        string? text = requested ?? (fromLog is null ? null : fromLog.ToString(3));
        if (text is null)
        {
            return XenExtRegions.ExtendedRegions.XenRelease.Latest.ToString();
        }

        if (!context.Backend.TryNormaliseXenVersion(text, out string normalised, out string known))
        {
            throw new CliInputException(requested is null
                ? $"--xen-log: the log's Xen version {text} is not a known release profile (known: {known}); pass --xen-version"
                : $"--xen-version: unknown release '{text}' (known: {known})");
        }

        return normalised;
    }
}
