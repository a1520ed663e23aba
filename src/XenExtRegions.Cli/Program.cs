using System;
using XenExtRegions.Cli.Commands;

namespace XenExtRegions.Cli;

internal static class Program
{
    private static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error, streams: StandardStreams.Console);
}
