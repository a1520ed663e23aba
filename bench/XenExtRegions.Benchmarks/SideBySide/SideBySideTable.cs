using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime;
using System.Runtime.InteropServices;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>Prints the rows as a markdown table, after a line saying where and how they were measured.</summary>
internal static class SideBySideTable
{
    public static void Print(TextWriter output, IReadOnlyList<Comparison> rows, SideBySideInputs inputs, SideBySideOptions options)
    {
        SideBySideSettings s = options.Settings;
        output.WriteLine();
        output.WriteLine(FormattableString.Invariant(
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} CPUs, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {LoadAverage()}; {s.Rounds} rounds of {s.RoundMs:F0} ms per side after {s.WarmupMs:F0} ms warm-up; {inputs.Boards.Length} boards"));
        output.WriteLine();
        output.WriteLine("| path | per | ours | peer | ours (ms) | peer (ms) | ratio | CPU ratio | notes |");
        output.WriteLine("|---|---|---|---|---:|---:|---:|---:|---|");
        foreach (Comparison row in rows)
        {
            output.WriteLine(FormattableString.Invariant(
                $"| {row.Path} | {row.Unit} | {row.Ours} | {row.Peer} | {Ms(row.OursMs)} | {Ms(row.PeerMs)} | {row.Ratio:F2} | {row.CpuRatio:F2} | {row.Note} |"));
        }

        output.WriteLine();
        output.WriteLine("ratio = median over rounds of (ours / peer) wall time; below 1: ours is faster. CPU ratio: the same with thread CPU time (child CPU for processes).");
    }

    private static string Ms(double ms) =>
        ms >= 100 ? FormattableString.Invariant($"{ms:F0}") : ms >= 1 ? FormattableString.Invariant($"{ms:F2}") : FormattableString.Invariant($"{ms:F4}");

    private static string LoadAverage()
    {
        const string File = "/proc/loadavg";
        return System.IO.File.Exists(File) ? string.Join(' ', System.IO.File.ReadAllText(File).Split(' ')[..3]) : "unknown";
    }
}
