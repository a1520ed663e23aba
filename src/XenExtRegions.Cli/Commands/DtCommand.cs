using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>dt dump|regs|convert</c>: inspect and convert device trees.</summary>
internal static class DtCommand
{
    /// <summary>The <c>dt</c> command with all its subcommands, or only the one called <paramref name="only"/> when it names one.</summary>
    public static Command Build(CliContext context, string? only = null)
    {
        var command = new Command("dt", "Inspect, convert and edit device trees (DTB or DTS, detected by content)");
        bool named = only is not null && Array.Exists(Subcommands, s => s.Name == only);
        foreach ((string name, Func<CliContext, Command> build) in Subcommands)
        {
            if (!named || only == name)
            {
                command.Subcommands.Add(build(context));
            }
        }

        return command;
    }

    /// <summary>The subcommands in help order, by name (built only when needed: see <see cref="CliApp.BuildRoot(CliContext, string[])"/>).</summary>
    internal static readonly (string Name, Func<CliContext, Command> Build)[] Subcommands =
    [
        ("dump", BuildDump),
        ("regs", BuildRegs),
        ("convert", DtConvertCommand.Build),
        ("get", DtGetCommand.Build),
        ("set", DtEditCommands.BuildSet),
        ("delete", DtEditCommands.BuildDelete),
        ("overlay", DtOverlayCommand.Build),
        ("check", DtCheckCommand.Build),
    ];

    private static Command BuildDump(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A DTB or DTS file ('-': standard input)" };
        var format = CliOptions.Format("dts", "dts", "json");
        var output = CliOptions.Output();
        var command = new Command("dump", "Print a tree as DTS source or JSON") { file, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            LoadedTree tree = context.Backend.LoadTree(InputFiles.DisplayName(path), InputFiles.ReadBytes(path, "FILE"));
            if (parse.GetValue(format) == "json")
            {
                OutputSink.WriteText(context, parse.GetValue(output), w => JsonRenderer.Write(ToJson(tree.Tree), w));
            }
            else
            {
                OutputSink.WriteUtf8Text(context, parse.GetValue(output), context.Backend.WriteDts(tree));
            }

            return 0;
        });
        return command;
    }

    private static Command BuildRegs(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A DTB or DTS file ('-': standard input)" };
        var format = CliOptions.Format("table", "table", "json");
        var output = CliOptions.Output();
        var command = new Command("regs", "Every node's reg decoded and translated to CPU addresses, plus PCI host-bridge apertures") { file, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            LoadedTree tree = context.Backend.LoadTree(InputFiles.DisplayName(path), InputFiles.ReadBytes(path, "FILE"));
            JsonRegsDocument doc = context.Backend.DecodeRegs(tree);
            if (parse.GetValue(format) == "json")
            {
                OutputSink.WriteText(context, parse.GetValue(output), w => JsonRenderer.Write(doc, w));
            }
            else
            {
                OutputSink.WriteText(context, parse.GetValue(output), w => RenderRegs(doc, w));
            }

            return 0;
        });
        return command;
    }

    private static void RenderRegs(JsonRegsDocument doc, TextWriter w)
    {
        int width = doc.Regs.Select(r => r.Path.Length).Concat(doc.PciRanges.Select(p => p.Path.Length)).Concat(doc.Errors.Select(e => e.Path.Length)).DefaultIfEmpty(4).Max();
        w.WriteLine($"{"node".PadRight(width)}  #  {"address",-18}  size");
        foreach (JsonReg r in doc.Regs)
        {
            w.WriteLine($"{r.Path.PadRight(width)}  {r.Index}  {r.Address,-18}  {r.Size}");
        }

        if (doc.PciRanges.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("PCI host-bridge apertures (CPU side)");
            foreach (JsonPciRange p in doc.PciRanges)
            {
                w.WriteLine($"{p.Path.PadRight(width)}     {p.CpuAddress,-18}  {p.Size}");
            }
        }

        if (doc.Errors.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Untranslatable entries");
            foreach (JsonRegError e in doc.Errors)
            {
                w.WriteLine($"{e.Path.PadRight(width)}  {e.Index}  {e.Message}");
            }
        }

        if (doc.NotAddresses.Count > 0)
        {
            int noteWidth = doc.NotAddresses.Max(n => n.Path.Length);
            w.WriteLine();
            w.WriteLine("reg not read as CPU addresses (or only in part)");
            foreach (JsonRegNotAddress n in doc.NotAddresses)
            {
                w.WriteLine($"{n.Path.PadRight(noteWidth)}  {n.Reason}");
            }
        }
    }

    /// <summary>A flat node list in document order (no nesting, so any depth serialises).</summary>
    internal static JsonTreeDocument ToJson(DeviceTree tree)
    {
        var nodes = new List<JsonNode>();
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            nodes.Add(new JsonNode(Rendering.JsonText.Escape(node.Path), node.Depth, node.Properties.Select(p => new JsonProperty(Rendering.JsonText.Escape(p.Name), p.Length, ValueText(p.Span))).ToList()));
        }

        return new JsonTreeDocument(
            tree.MemoryReservations.Select(r => new JsonReservation(Hex.Of(r.Address), Hex.Of(r.Size))).ToList(),
            nodes);
    }

    /// <summary>A property value as DTS would show it: strings, cells, or bytes.</summary>
    internal static string ValueText(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (LooksLikeStrings(value))
        {
            string[] parts = Encoding.UTF8.GetString(value[..^1]).Split('\0');
            return string.Join(", ", parts.Select(p => "\"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        }

        var sb = new StringBuilder();
        if (value.Length % 4 == 0)
        {
            sb.Append('<');
            for (int i = 0; i < value.Length; i += 4)
            {
                uint cell = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(value.Slice(i, 4));
                sb.Append(i == 0 ? string.Empty : " ").Append("0x").Append(cell.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.Append('>').ToString();
        }

        sb.Append('[');
        for (int i = 0; i < value.Length; i++)
        {
            sb.Append(i == 0 ? string.Empty : " ").Append(value[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Append(']').ToString();
    }

    private static bool LooksLikeStrings(ReadOnlySpan<byte> value)
    {
        if (value[^1] != 0 || value[0] == 0)
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            if (b == 0)
            {
                if (i > 0 && value[i - 1] == 0)
                {
                    return false;
                }
            }
            else if (b < 0x20 || b > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}
