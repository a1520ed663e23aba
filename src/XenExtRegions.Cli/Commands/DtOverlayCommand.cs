using System.CommandLine;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// <c>dt overlay BASE OVERLAY... -o OUT</c>, like fdtoverlay: the overlays applied in order with libfdt's
/// fdt_overlay_apply rules; OUT's extension (or -O) chooses DTB or DTS, and '-' writes a DTB to standard output.
/// </summary>
internal static class DtOverlayCommand
{
    /// <summary>DTS inputs are compiled as dtc -@ compiles them, so a base's labels reach the overlays' fixups.</summary>
    private static readonly TreeReadChoices AsDtcSymbols = new(Symbols: true, BootCpu: null);

    public static Command Build(CliContext context)
    {
        var baseFile = new Argument<string>("BASE") { Description = "The base tree (a DTB compiled with dtc -@ when overlays refer to its labels, or a DTS, read as dtc -@ reads it; '-': standard input)" };
        var overlays = new Argument<string[]>("OVERLAY") { Description = "The overlays (.dtbo compiled with dtc -@, or /plugin/ DTS sources), applied in order", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The file to write: .dtb/.dtbo writes a blob, .dts/.dtsi writes source; '-': a blob on standard output", HelpName = "OUT", Required = true };
        var form = new Option<string?>("--out-format", "-O") { Description = "The output form, whatever OUT's name", HelpName = "dts|dtb" };
        form.AcceptOnlyFromAmong("dts", "dtb");
        var command = new Command("overlay", "Apply device tree overlays to a base tree as fdtoverlay does") { baseFile, overlays, output, form };
        command.SetAction(parse =>
        {
            string basePath = parse.GetValue(baseFile)!;
            string[] overlayPaths = parse.GetValue(overlays) ?? [];
            string outPath = parse.GetValue(output)!;
            string? asked = parse.GetValue(form);
            string ext = Path.GetExtension(outPath).ToLowerInvariant();
            if (asked is null && !StandardStreams.IsStandard(outPath) && ext is not (".dtb" or ".dtbo" or ".dts" or ".dtsi"))
            {
                throw new CliInputException($"--output: '{outPath}' must end in .dtb or .dts (the extension chooses the output form), or give -O dts|dtb");
            }

            if (overlayPaths.Prepend(basePath).Count(StandardStreams.IsStandard) > 1)
            {
                throw new CliInputException("only one of BASE and OVERLAY can be '-' (standard input)");
            }

            LoadedTree loaded = context.Backend.LoadTree(InputFiles.DisplayName(basePath), InputFiles.ReadBytes(basePath, "BASE"), AsDtcSymbols);
            string baseName = loaded.Source;
            DeviceTree tree = loaded.Tree;
            foreach (string overlayPath in overlayPaths)
            {
                LoadedTree overlay = context.Backend.LoadTree(InputFiles.DisplayName(overlayPath), InputFiles.ReadBytes(overlayPath, "OVERLAY"), AsDtcSymbols);
                try
                {
                    tree = DeviceTreeOverlay.Apply(tree, overlay.Tree);
                }
                catch (DeviceTreeOverlayException e)
                {
                    throw new CliInputException($"{overlay.Source}: cannot be applied to {baseName}: {e.Message}", e);
                }

                CliDiagnostics.Current.Debug($"applied {overlay.Source}");
            }

            var result = new LoadedTree(tree, baseName, true);
            bool toDtb = asked is not null ? asked == "dtb" : StandardStreams.IsStandard(outPath) || ext is ".dtb" or ".dtbo";
            if (toDtb)
            {
                OutputSink.WriteBytes(context, outPath, context.Backend.WriteDtb(result), "OUT", "--output");
            }
            else
            {
                OutputSink.WriteUtf8Text(context, outPath, context.Backend.WriteDts(result), "--output");
            }

            return 0;
        });
        return command;
    }
}
