using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The <c>side-by-side</c> mode (bench/side-by-side.sh): ours against a native peer in one process on the same bytes,
/// rounds interleaved, one markdown row per path with the median of the per-round ratios (wall and CPU time).
/// </summary>
internal static class SideBySideProgram
{
    public static bool IsMode(string[] args) => args.Length > 0 && args[0] == "side-by-side";

    public static int Run(string[] args)
    {
        try
        {
            SideBySideOptions options = SideBySideOptions.Parse(args);
            var rows = new List<Comparison>();
            var context = SideBySideInputs.Load(options);
            var rounds = new InterleavedRounds(options.Settings);
            if (options.Rows.Overlaps(["walk", "build", "touch", "p2"]))
            {
                rows.AddRange(new DtbRows(context, rounds, options).Run());
            }

            if (options.Rows.Contains("ranges"))
            {
                rows.AddRange(RangeRows(new RangeSetPaths(options.Ranges), rounds));
            }

            if (options.Rows.Overlaps(["dts", "cli"]))
            {
                var conversions = new ConversionPaths(context.BoardPaths, options.Scratch, options.Dtc);
                rows.AddRange(ProcessRows(conversions, context, rounds, options));
            }

            SideBySideTable.Print(Console.Out, rows, context, options);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or DeviceTreeFormatException or DllNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static IEnumerable<Comparison> RangeRows(RangeSetPaths ranges, InterleavedRounds rounds)
    {
        string unit = FormattableString.Invariant($"{ranges.Count:N0} ranges");
        long expected = ranges.ListWalk();
        foreach (Func<long> ours in new Func<long>[] { ranges.OursCallback, ranges.OursReportEnumeration, ranges.OursEnumerator, ranges.ListCallback })
        {
            if (ours() != expected)
            {
                throw new InvalidDataException("The range set and the linked list disagree on the ranges.");
            }
        }

        yield return rounds.Run("RangeSet whole-set report, callback", unit,
            SideSpec.InProcess("Report(0, max, callback)", ranges.OursCallback), SideSpec.InProcess("linked list, same callback", ranges.ListCallback));
        yield return rounds.Run("RangeSet whole-set report, enumeration", unit,
            SideSpec.InProcess("foreach Report(0, max)", ranges.OursReportEnumeration), SideSpec.InProcess("linked-list walk", ranges.ListWalk));
        yield return rounds.Run("RangeSet enumerator", unit,
            SideSpec.InProcess("foreach RangeSet", ranges.OursEnumerator), SideSpec.InProcess("linked-list walk", ranges.ListWalk));
    }

    private static IEnumerable<Comparison> ProcessRows(ConversionPaths conversions, SideBySideInputs context, InterleavedRounds rounds, SideBySideOptions options)
    {
        int files = conversions.Files;
        string unit = FormattableString.Invariant($"file ({files})");
        if (options.Rows.Contains("dts"))
        {
            yield return rounds.Run("DTS → DTB", unit,
                SideSpec.InProcess("DtsReader + DtbWriter in process", conversions.OursDtsToDtb, files),
                SideSpec.Processes("dtc process", conversions.DtcDtsToDtb, files),
                "ours: thread CPU; dtc: child CPU");
            yield return rounds.Run("DTB → DTS", unit,
                SideSpec.InProcess("DtbReader + DtsWriter in process", conversions.OursDtbToDts, files),
                SideSpec.Processes("dtc process", conversions.DtcDtbToDts, files),
                "ours: thread CPU; dtc: child CPU");
        }

        if (options.Cli is { } cli)
        {
            string board = context.BoardPaths[0];
            yield return rounds.Run("CLI start", "process",
                SideSpec.Processes("xen-ext-regions dom0", () => ChildProcess.Run(cli, "dom0"), 1),
                SideSpec.Processes("fdtget BOARD / compatible", () => ChildProcess.Run(options.Fdtget, board, "/", "compatible"), 1),
                $"{Path.GetFullPath(cli)}; child CPU both");
            yield return rounds.Run("CLI DTS → DTB", unit,
                SideSpec.Processes("xen-ext-regions dt convert", () => conversions.CliDtsToDtb(cli), files),
                SideSpec.Processes("dtc process", conversions.DtcDtsToDtb, files),
                "child CPU both");
            yield return rounds.Run("CLI DTB → DTS", unit,
                SideSpec.Processes("xen-ext-regions dt convert", () => conversions.CliDtbToDts(cli), files),
                SideSpec.Processes("dtc process", conversions.DtcDtbToDts, files),
                "child CPU both");
        }
    }
}
