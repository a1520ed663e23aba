using System.IO;
using XenExtRegions.Cli;
using XenExtRegions.Cli.Commands;
using XenExtRegions.Cli.Wiring;

namespace XenExtRegions.Tests.Cli;

/// <summary>Runs the tool in-process with captured output.</summary>
internal static class CliRunner
{
    public static CliResult Run(IRegionsBackend? backend, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliApp.Run(args, stdout, stderr, backend);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public static CliResult Run(params string[] args) => Run((IRegionsBackend?)null, args);

    /// <summary>Runs with <paramref name="stdin"/> as standard input and a binary standard output (a terminal when <paramref name="stdoutIsTerminal"/>).</summary>
    public static CliResult RunPiped(byte[] stdin, bool stdoutIsTerminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var binary = new MemoryStream();
        var streams = new StandardStreams(() => new MemoryStream(stdin), () => binary, stdoutIsTerminal);
        int exit = CliApp.Run(args, stdout, stderr, null, streams);
        return new CliResult(exit, stdout.ToString(), stderr.ToString()) { Binary = binary.ToArray() };
    }

    /// <summary>Runs with <paramref name="stdout"/> as standard output (e.g. one whose writes fail).</summary>
    public static CliResult RunWithStdout(TextWriter stdout, params string[] args)
    {
        var stderr = new StringWriter();
        int exit = CliApp.Run(args, stdout, stderr);
        return new CliResult(exit, string.Empty, stderr.ToString());
    }

    public static string FixturePath(string name) => Path.Combine(System.AppContext.BaseDirectory, "Cli", "Fixtures", name);
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>What was written to binary standard output (<see cref="CliRunner.RunPiped"/> only).</summary>
    public byte[] Binary { get; init; } = [];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
