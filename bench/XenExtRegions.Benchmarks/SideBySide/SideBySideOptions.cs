using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>The command line of the <c>side-by-side</c> mode (bench/side-by-side.sh passes every one).</summary>
internal sealed class SideBySideOptions
{
    public const string Usage =
        "usage: side-by-side --boards LIST [--synthetic FILE.dtb] [--peer LIB.so] [--scratch DIR] [--dtc dtc] [--fdtget fdtget]\n" +
        "                    [--cli XEN_EXT_REGIONS] [--ranges N] [--rows walk,build,touch,p2,ranges,dts,cli] [--short]";

    public static readonly string[] AllRows = ["walk", "build", "touch", "p2", "ranges", "dts", "cli"];

    public string? Synthetic { get; private set; }

    public string BoardList { get; private set; } = "";

    public string? Peer { get; private set; } = Environment.GetEnvironmentVariable(NativePeer.PathVariable);

    public string Scratch { get; private set; } = Path.Combine(Path.GetTempPath(), "xer-side-by-side");

    public string Dtc { get; private set; } = "dtc";

    public string Fdtget { get; private set; } = "fdtget";

    public string? Cli { get; private set; }

    public int Ranges { get; private set; } = 100_000;

    public HashSet<string> Rows { get; private set; } = [.. AllRows];

    public SideBySideSettings Settings { get; private set; } = SideBySideSettings.Default;

    public static SideBySideOptions Parse(string[] args)
    {
        var options = new SideBySideOptions();
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--synthetic": options.Synthetic = Value(); break;
                case "--boards": options.BoardList = Value(); break;
                case "--peer": options.Peer = Value(); break;
                case "--scratch": options.Scratch = Value(); break;
                case "--dtc": options.Dtc = Value(); break;
                case "--fdtget": options.Fdtget = Value(); break;
                case "--cli": options.Cli = Value(); break;
                case "--ranges": options.Ranges = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--short": options.Settings = SideBySideSettings.Short; break;
                case "--rows":
                    options.Rows = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    if (options.Rows.FirstOrDefault(r => !AllRows.Contains(r)) is { } unknown)
                    {
                        throw new ArgumentException($"--rows: unknown row '{unknown}' ({string.Join(", ", AllRows)}).");
                    }

                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (options.BoardList.Length == 0)
        {
            throw new ArgumentException($"--boards is required.\n{Usage}");
        }

        if (options.Cli is null)
        {
            options.Rows.Remove("cli");
        }

        return options;
    }

    /// <summary>The board paths: one per line of the list file, blank lines and '#' comments skipped.</summary>
    public string[] ReadBoards()
    {
        string[] boards = File.ReadAllLines(BoardList)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();
        return boards.Length > 0 ? boards : throw new ArgumentException($"{BoardList} lists no board.");
    }
}
