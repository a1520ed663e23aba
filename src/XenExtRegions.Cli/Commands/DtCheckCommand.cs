using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// <c>dt check FILE [-W no-NAME]... [-W NAME]...</c>: dtc's named checks (dtc's names and rules) and our xen_ checks,
/// printed as dtc prints its warnings. Exit 0 when there are only warnings (or nothing), 2 when a finding is an error,
/// as dtc refuses a tree with errors with exit 2.
/// </summary>
internal static class DtCheckCommand
{
    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A DTB or DTS file ('-': standard input)" };
        var warnings = new Option<string[]>("-W")
        {
            Description = "As dtc: no-NAME turns a check off (and the checks that need it), NAME turns it back on; repeatable. Names: "
                + string.Join(", ", DeviceTreeChecker.CheckNames),
            HelpName = "[no-]NAME",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var format = CliOptions.Format("text", "text", "json");
        var output = CliOptions.Output();
        var command = new Command("check", "Run dtc's named checks (unit_address_vs_reg, reg_format, …) and checks of what Xen cannot cope with (xen_…); exit 2 when one finds an error")
        {
            file, warnings, format, output,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            DeviceTreeCheckerOptions options;
            try
            {
                options = DeviceTreeCheckerOptions.FromWarningFlags(parse.GetValue(warnings) ?? []);
            }
            catch (ArgumentException e)
            {
                throw new CliInputException($"-W: {e.Message.Split(" (Parameter")[0]}; known checks: {string.Join(", ", DeviceTreeChecker.CheckNames)}");
            }

            string name = InputFiles.DisplayName(path);
            IReadOnlyList<DeviceTreeCheckFinding> findings = Run(context, new DeviceTreeChecker(options), path, name, InputFiles.ReadBytes(path, "FILE"));
            if (parse.GetValue(format) == "json")
            {
                OutputSink.WriteText(context, parse.GetValue(output), w => WriteJson(name, findings, w));
            }
            else
            {
                OutputSink.WriteText(context, parse.GetValue(output), w =>
                {
                    foreach (DeviceTreeCheckFinding finding in findings)
                    {
                        w.Write(name);
                        w.Write(": ");
                        w.Write(finding.ToString());
                        w.Write('\n');
                    }
                });
            }

            return findings.Any(f => f.Severity == DeviceTreeCheckSeverity.Error) ? CliApp.BadInput : CliApp.Ok;
        });
        return command;
    }

    private static IReadOnlyList<DeviceTreeCheckFinding> Run(CliContext context, DeviceTreeChecker checker, string path, string name, byte[] content)
    {
        if (content.Length >= 4 && content[0] == 0xd0 && content[1] == 0x0d && content[2] == 0xfe && content[3] == 0xed)
        {
            return checker.Check(context.Backend.LoadTree(name, content).Tree);
        }

        // DTS goes through CheckSource, so that a reference to no node is a phandle_references finding, as in dtc.
        string text = DtsReader.DecodeSource(content);
        string? directory = StandardStreams.IsStandard(path) ? null : Path.GetDirectoryName(Path.GetFullPath(path));
        return checker.CheckSource(text, name, new DtsReaderOptions { BaseDirectory = directory }).Findings;
    }

    private static void WriteJson(string file, IReadOnlyList<DeviceTreeCheckFinding> findings, TextWriter w)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("errors", findings.Count(f => f.Severity == DeviceTreeCheckSeverity.Error));
            json.WriteNumber("warnings", findings.Count(f => f.Severity == DeviceTreeCheckSeverity.Warning));
            json.WriteStartArray("findings");
            foreach (DeviceTreeCheckFinding f in findings)
            {
                json.WriteStartObject();
                json.WriteString("check", f.CheckName);
                json.WriteString("id", f.Id);
                json.WriteString("severity", f.Severity == DeviceTreeCheckSeverity.Error ? "error" : "warning");
                json.WriteString("path", f.NodePath is null ? null : Rendering.JsonText.Escape(f.NodePath));
                json.WriteString("property", f.PropertyName is null ? null : Rendering.JsonText.Escape(f.PropertyName));
                json.WriteString("message", Rendering.JsonText.Escape(f.Message));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        w.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
