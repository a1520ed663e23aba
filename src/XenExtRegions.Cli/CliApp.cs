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
/// The command tree and the exit-code policy: 0 computed (even with no region), 2 bad usage, bad input or an I/O
/// failure (the message names the option, or the file with its offset/line, or the output), 1 anything else.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>The whole command tree.</summary>
    public static RootCommand BuildRoot(CliContext context) => BuildRoot(context, []);

    /// <summary>
    /// The command tree for <paramref name="args"/>: when the first argument names a subcommand, only that one is built
    /// (and, below it, only the one the second names): a command's help, errors and actions never involve its
    /// siblings, and building the rest is most of the tree's cost at every start. Otherwise the whole tree.
    /// </summary>
    internal static RootCommand BuildRoot(CliContext context, string[] args)
    {
        string? only = args.Length > 0 && Array.Exists(Subcommands, s => s.Name == args[0]) ? args[0] : null;
        var root = new RootCommand(
            "xen-ext-regions: compute, explain and draw the extended regions Xen on Arm advertises in /hypervisor, and inspect device trees.\n"
            + "Start with 'xen-ext-regions dom0' (the embedded Renesas Salvator-X H3 board).\n"
            + "Numbers: " + CliOptions.NumberHelp + "; START:SIZE pairs such as 0x60000000:256M.");
        foreach ((string name, Func<CliContext, string?, Command> build) in Subcommands)
        {
            if (only is null || only == name)
            {
                root.Subcommands.Add(build(context, only is null || args.Length < 2 ? null : args[1]));
            }
        }

        // Options of the root that every subcommand accepts too (Recursive).
        root.Options.Add(new Option<bool>(QuietName, "-q")
        {
            Description = "Print errors only: no notes, warnings or 'wrote FILE' lines on standard error",
            Recursive = true,
        });
        root.Options.Add(new Option<bool>(VerboseName, "-v")
        {
            Description = "Print more on standard error: what was read and written, and the library's debug log",
            Recursive = true,
        });
        return root;
    }

    /// <summary>The subcommands in help order, by name; each builder is given the argument after its name.</summary>
    internal static readonly (string Name, Func<CliContext, string?, Command> Build)[] Subcommands =
    [
        ("boot", (context, _) => BootCommand.Build(context)),
        ("dom0", (context, _) => Dom0Command.Build(context)),
        ("domu", (context, _) => DomUCommand.Build(context)),
        ("guest", (context, _) => GuestCommand.Build(context)),
        ("dt", DtCommand.Build),
    ];

    private const string QuietName = "--quiet";
    private const string VerboseName = "--verbose";

    /// <summary>Runs the tool: <paramref name="streams"/> are standard input and binary standard output for <c>-</c> (none when null).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="backend">The library seam; null for the library.</param>
    /// <param name="streams">Standard input and binary standard output.</param>
    /// <param name="wholeTree">Build and parse with every command: no shortcut for the command <paramref name="args"/> name (tests compare the two).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, IRegionsBackend? backend = null, StandardStreams? streams = null, bool wholeTree = false)
    {
        streams ??= StandardStreams.None;
        var diagnostics = new CliDiagnostics(stderr);
        using IDisposable streamScope = streams.Enter();
        using IDisposable diagnosticScope = diagnostics.Enter();
        try
        {
            return RunCore(args, stdout, diagnostics, backend, streams, wholeTree);
        }
        finally
        {
            diagnostics.Flush();
        }
    }

    private static int RunCore(string[] args, TextWriter stdout, CliDiagnostics stderr, IRegionsBackend? backend, StandardStreams streams, bool wholeTree)
    {
        var context = new CliContext(stdout, stderr, backend ?? new LibraryBackend()) { Streams = streams, Logger = new CliLogger(stderr) };
        if (!wholeTree && DtConvertCommand.IsPlain(args))
        {
            // What the parser would hand the action, without the command tree (see IsPlain).
            return Invoke(context, () => DtConvertCommand.Run(context, args[2], args[3], null, new TreeReadChoices(false, null)));
        }

        RootCommand root = wholeTree ? BuildRoot(context) : BuildRoot(context, args);
        ParseResult parse = root.Parse(args);
        bool quiet = parse.GetValue<bool>(QuietName);
        bool verbose = parse.GetValue<bool>(VerboseName);
        stderr.Verbosity = quiet ? CliVerbosity.Quiet : verbose ? CliVerbosity.Verbose : CliVerbosity.Normal;
        if (quiet && verbose && parse.Errors.Count == 0)
        {
            stderr.WriteLine("error: --quiet and --verbose contradict each other: give one");
            return BadInput;
        }

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
        return Invoke(context, () => parse.Invoke(configuration));
    }

    /// <summary>Runs a command's action under the exit-code policy: input errors exit 2 with their message, anything else 1.</summary>
    private static int Invoke(CliContext context, Func<int> action)
    {
        TextWriter stderr = context.Error;
        try
        {
            return action();
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (DeviceTreeFormatException e)
        {
            // A getter met a malformed value after loading: the exception knows node and property, not the file.
            stderr.WriteLine($"error: {context.Backend.DescribeInputError(e)}");
            return BadInput;
        }
        catch (IOException e)
        {
            // Inputs and outputs wrap their own failures; one that still gets here is writing standard output.
            stderr.WriteLine($"error: {StandardStreams.OutputName}: {e.Message}");
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
