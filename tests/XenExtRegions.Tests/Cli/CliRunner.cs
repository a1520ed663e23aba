using System.IO;
using XenExtRegions.Cli;
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

    public static CliResult Run(params string[] args) => Run(null, args);

    public static string FixturePath(string name) => Path.Combine(System.AppContext.BaseDirectory, "Cli", "Fixtures", name);
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
