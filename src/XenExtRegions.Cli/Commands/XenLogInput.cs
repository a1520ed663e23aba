using System;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary>How every command reads <c>--xen-log</c>: bounded, refused when no line is Xen's, with the tree's <c>/memreserve/</c> count.</summary>
internal static class XenLogInput
{
    /// <summary>Says plainly that a log without <c>--dtb</c> is compared with the embedded board, not the user's.</summary>
    public static void WarnWithoutTree(CliContext context, string? logPath, string? dtbPath)
    {
        if (logPath is not null && dtbPath is null)
        {
            context.Error.WriteLine("warning: --xen-log without --dtb: the log is compared with the embedded sample board (" + SampleBoard.Name + "), not with your board; give --dtb FILE, the tree Xen booted with");
        }
    }

    /// <summary>Reads and parses the log; its diagnostics go to standard error as notes.</summary>
    /// <param name="context">Where notes go.</param>
    /// <param name="path">The file, or <c>-</c>.</param>
    /// <param name="requestedVersion">--xen-version, used when the log has no banner.</param>
    /// <param name="host">The tree Xen booted with: its <c>/memreserve/</c> count tells which RESVD lines are those entries.</param>
    public static XenBootLog Read(CliContext context, string path, string? requestedVersion, LoadedTree? host)
    {
        string text = InputFiles.ReadText(path, "--xen-log");
        Version? assumed = requestedVersion is not null && Version.TryParse(requestedVersion, out Version? v) ? v : null;
        XenBootLog log = XenBootLogParser.Parse(text, new XenBootLogOptions { AssumedVersion = assumed, MemoryReservationCount = host?.Tree.MemoryReservations.Count });
        if (log.XenLineCount == 0)
        {
            throw new CliInputException("--xen-log: " + InputFiles.DisplayName(path) + ": no line of it is one Xen prints (no '(XEN)' prefix, no 'Xen version' banner, no memory or extended-region line): not a Xen boot log");
        }

        foreach (XenLogDiagnostic d in log.Diagnostics)
        {
            context.Error.WriteLine($"note: {InputFiles.DisplayName(path)}: {d}");
        }

        return log;
    }
}
