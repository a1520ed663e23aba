using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Commands;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli;

/// <summary>
/// The command tree and the exit-code policy: 0 computed (even with no region), 2 bad usage or bad input (the
/// message names the option, or the file with its offset/line), 1 anything else.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand(
            "xen-ext-regions: compute, explain and draw the extended regions Xen on Arm advertises in /hypervisor, and inspect device trees.\n"
            + "Start with 'xen-ext-regions dom0' (the embedded Renesas Salvator-X H3 board).\n"
            + "Numbers: " + CliOptions.NumberHelp + "; START:SIZE pairs such as 0x60000000:256M.");
        root.Subcommands.Add(BootCommand.Build(context));
        root.Subcommands.Add(Dom0Command.Build(context));
        root.Subcommands.Add(DomUCommand.Build(context));
        root.Subcommands.Add(GuestCommand.Build(context));
        root.Subcommands.Add(DtCommand.Build(context));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, IRegionsBackend? backend = null)
    {
        var context = new CliContext(stdout, stderr, backend ?? new LibraryBackend());
        RootCommand root = BuildRoot(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction or null)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            string path = string.Join(" ", CommandPath(parse).Prepend("xen-ext-regions"));
            stderr.WriteLine($"Run '{path} --help' for usage.");
            return BadInput;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (DeviceTreeFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
#pragma warning disable CA1031 // The tool's last line of defence: any other failure is exit 1 with its message, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return Failure;
        }
    }

    private static string[] CommandPath(ParseResult parse)
    {
        var names = new System.Collections.Generic.List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }

        return names.Skip(1).ToArray();
    }
}
