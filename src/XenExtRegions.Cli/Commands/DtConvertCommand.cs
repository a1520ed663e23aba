using System;
using System.CommandLine;
using System.IO;
using XenExtRegions.Cli.Wiring;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>dt convert IN OUT</c>: DTB to DTS or DTS to DTB, as dtc converts.</summary>
internal static class DtConvertCommand
{
    public static Command Build(CliContext context)
    {
        var input = new Argument<string>("IN") { Description = "The tree to read (DTB or DTS, detected by content; '-': standard input)" };
        var output = new Argument<string>("OUT") { Description = "The file to write: .dtb/.dtbo writes a blob, .dts/.dtsi writes source; '-': standard output, in the other form than IN's unless -O says" };
        var form = new Option<string?>("--out-format", "-O") { Description = "The output form, whatever OUT's name", HelpName = "dts|dtb" };
        form.AcceptOnlyFromAmong("dts", "dtb");
        var symbols = new Option<bool>("--symbols", "-@") { Description = "As dtc -@: add a __symbols__ node (each label's node path) and give every labelled node a phandle, so overlays can refer to the labels" };
        Option<uint?> bootCpu = CliOptions.BootCpu();
        var command = new Command("convert", "Convert DTB to DTS or DTS to DTB (by OUT's extension, or -O)") { input, output, form, symbols, bootCpu };
        command.SetAction(parse => Run(context, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(form), new TreeReadChoices(parse.GetValue(symbols), parse.GetValue(bootCpu))));
        return command;
    }

    /// <summary>
    /// True for <c>dt convert IN OUT</c> with two plain file names: no option, no <c>-</c>, no response file
    /// (<c>@file</c>), directive (<c>[…]</c>), help alias (<c>/h</c>, <c>/?</c>) or command name, so the parser would only hand the two names to
    /// <see cref="Run"/>. Such a run skips building and parsing the command tree, which is most of a small
    /// conversion's start-up (its help-option texts alone open the parser's resources).
    /// </summary>
    public static bool IsPlain(string[] args) =>
        args.Length == 4 && args[0] == "dt" && args[1] == "convert" && IsPlainName(args[2]) && IsPlainName(args[3]);

    private static bool IsPlainName(string arg) =>
        arg.Length > 0 && arg[0] is not ('-' or '@' or '[') && arg is not ("/h" or "/?")
        && !Array.Exists(CliApp.Subcommands, s => s.Name == arg) && !Array.Exists(DtCommand.Subcommands, s => s.Name == arg);

    /// <summary>The conversion, with IN, OUT, -O (null when not given), -@ and -b.</summary>
    public static int Run(CliContext context, string inPath, string outPath, string? asked, TreeReadChoices choices)
    {
        string ext = Path.GetExtension(outPath).ToLowerInvariant();
        if (asked is null && !StandardStreams.IsStandard(outPath) && ext is not (".dtb" or ".dtbo" or ".dts" or ".dtsi"))
        {
            throw new CliInputException($"OUT: '{outPath}' must end in .dtb or .dts (the extension chooses the output form), or give -O dts|dtb");
        }

        LoadedTree tree = context.Backend.LoadTree(InputFiles.DisplayName(inPath), InputFiles.ReadBytes(inPath, "IN"), choices);
        bool toDtb = asked is not null ? asked == "dtb" : StandardStreams.IsStandard(outPath) ? !tree.WasBinary : ext is ".dtb" or ".dtbo";
        if (toDtb)
        {
            OutputSink.WriteBytes(context, outPath, context.Backend.WriteDtb(tree), "OUT", "OUT");
        }
        else
        {
            OutputSink.WriteUtf8Text(context, outPath, context.Backend.WriteDts(tree), "OUT");
        }

        return 0;
    }
}
