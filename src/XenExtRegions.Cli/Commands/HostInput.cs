using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary>The host tree (the user's <c>--dtb</c> or the embedded board) and, when given, Xen's log of that boot.</summary>
/// <param name="Host">The host tree.</param>
/// <param name="Log">The parsed log, or null without <c>--xen-log</c>.</param>
/// <param name="OnBoard">True when no <c>--dtb</c> was given, so the embedded sample board stands in.</param>
internal readonly record struct HostInput(LoadedTree Host, XenBootLog? Log, bool OnBoard)
{
    /// <summary>Loads the host tree, then reads the log against it (its RESVD lines need the tree's reservations).</summary>
    public static HostInput Load(CliContext context, string? dtbPath, string? logPath, string? requestedVersion)
    {
        LoadedTree host = dtbPath is null
            ? context.Backend.LoadEmbeddedBoard(SampleBoard.ReadDts())
            : context.Backend.LoadTree(InputFiles.DisplayName(dtbPath), InputFiles.ReadBytes(dtbPath, "--dtb"));
        XenBootLog? log = logPath is null ? null : XenLogInput.Read(context, logPath, requestedVersion, host);
        return new HostInput(host, log, dtbPath is null);
    }
}
