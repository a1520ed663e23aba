using System.Collections.Generic;
using System.CommandLine;
using XenExtRegions.Cli.Editing;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>dt get FILE NODE [PROPERTY...]</c>: property values, names or subnodes, printed as fdtget prints them.</summary>
internal static class DtGetCommand
{
    public const string TypeHelp = "s=string, i=signed, u=unsigned, x=hex, after an optional size: hh or b=1 byte, h=2 bytes, l=4 bytes (default); as fdtget/fdtput take it";

    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A DTB or DTS file ('-': standard input)" };
        var node = new Argument<string>("NODE") { Description = "The node: a path such as /soc/serial@e6e88000 (or /soc/serial for the first serial@…), or an alias" };
        var properties = new Argument<string[]>("PROPERTY") { Description = "The properties to print, one line each", Arity = ArgumentArity.ZeroOrMore };
        var type = TypeOption();
        var listProperties = new Option<bool>("--properties", "-p") { Description = "List the node's property names instead" };
        var listNodes = new Option<bool>("--list", "-l") { Description = "List the node's subnode names instead" };
        var fallback = new Option<string?>("--default", "-d") { Description = "Print this for a missing node or property instead of failing", HelpName = "VALUE" };
        var command = new Command("get", "Print property values as fdtget does (strings, or decimal cells unless -t says)")
        {
            file, node, properties, type, listProperties, listNodes, fallback,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            string nodePath = parse.GetValue(node)!;
            string[] names = parse.GetValue(properties) ?? [];
            bool props = parse.GetValue(listProperties);
            bool nodes = parse.GetValue(listNodes);
            string? otherwise = parse.GetValue(fallback);
            FdtValueType valueType = ParseType(parse.GetValue(type));
            if (props && nodes)
            {
                throw new CliInputException("-p and -l: give one (list properties, or list subnodes)");
            }

            if ((props || nodes) && names.Length > 0)
            {
                throw new CliInputException($"PROPERTY: {(props ? "-p" : "-l")} lists the node; give no PROPERTY with it");
            }

            if (!props && !nodes && names.Length == 0)
            {
                throw new CliInputException("PROPERTY: give the properties to print, or -p to list the node's properties, -l its subnodes");
            }

            LoadedTree tree = context.Backend.LoadTree(InputFiles.DisplayName(path), InputFiles.ReadBytes(path, "FILE"));
            var lines = new List<string>();
            DeviceTreeNode? found = FdtPathLookup.Find(tree.Tree, nodePath, out string? error);
            if (found is null)
            {
                if (otherwise is null)
                {
                    throw new CliInputException($"NODE: {error} in {tree.Source}");
                }

                lines.AddRange(System.Linq.Enumerable.Repeat(otherwise, System.Math.Max(1, names.Length)));
            }
            else if (props)
            {
                foreach (DeviceTreeProperty p in found.Properties)
                {
                    lines.Add(p.Name);
                }
            }
            else if (nodes)
            {
                foreach (DeviceTreeNode child in found.Children)
                {
                    lines.Add(child.Name);
                }
            }
            else
            {
                foreach (string name in names)
                {
                    lines.Add(ValueLine(found, name, valueType, otherwise, tree.Source));
                }
            }

            OutputSink.WriteText(context, null, w =>
            {
                foreach (string line in lines)
                {
                    w.Write(line);
                    w.Write('\n');
                }
            });
            return 0;
        });
        return command;
    }

    public static Option<string?> TypeOption() => new("--type", "-t") { Description = "The value type: " + TypeHelp, HelpName = "TYPE" };

    public static FdtValueType ParseType(string? text)
    {
        if (text is null)
        {
            return FdtValueType.Default;
        }

        return FdtValueType.TryParse(text, out FdtValueType type)
            ? type
            : throw new CliInputException($"-t: '{text}' is not a type ({TypeHelp})");
    }

    private static string ValueLine(DeviceTreeNode node, string name, FdtValueType type, string? otherwise, string source)
    {
        DeviceTreeProperty? property = node.GetProperty(name);
        if (property is null)
        {
            return otherwise ?? throw new CliInputException($"PROPERTY: node '{node.Path}' has no property '{name}' in {source}");
        }

        return type.Format(property.Span, out string? error)
            ?? throw new CliInputException($"PROPERTY: {node.Path}: '{name}' {error}");
    }
}
