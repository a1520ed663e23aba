using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Editing;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// <c>dt set</c> and <c>dt delete</c>, like fdtput: in place unless -o. A DTB is edited as libfdt edits it, so the
/// bytes equal fdtput's; a DTS gets the edit appended as an amendment, so the source stays as written. The output
/// form is the input's unless -o's extension (.dtb/.dtbo, .dts/.dtsi) says otherwise.
/// </summary>
internal static class DtEditCommands
{
    public static Command BuildSet(CliContext context)
    {
        var file = FileArgument();
        var node = new Argument<string>("NODE") { Description = "The node's path (or alias)" };
        var property = new Argument<string>("PROPERTY") { Description = "The property to set" };
        var values = new Argument<string[]>("VALUE") { Description = "The values, joined into one (none: an empty property); put '--' before negative numbers", Arity = ArgumentArity.ZeroOrMore };
        var type = DtGetCommand.TypeOption();
        var autoPath = new Option<bool>("--auto-path", "-p") { Description = "Create missing nodes on the path (as fdtput -p)" };
        var output = OutputOption();
        var command = new Command("set", "Set a property as fdtput does (decimal numbers unless -t says; -t s for strings)")
        {
            file, node, property, values, type, autoPath, output,
        };
        command.SetAction(parse =>
        {
            FdtValueType valueType = DtGetCommand.ParseType(parse.GetValue(type));
            string name = parse.GetValue(property)!;
            byte[] value = valueType.Encode(parse.GetValue(values) ?? [], out string? error) ?? throw new CliInputException(error!);
            if (!DeviceTreeNames.IsValidPropertyName(name))
            {
                throw new CliInputException($"PROPERTY: '{name}' is not a valid property name");
            }

            string nodePath = parse.GetValue(node)!;
            bool create = parse.GetValue(autoPath);
            Edit(context, parse.GetValue(file)!, parse.GetValue(output), new Edits(
                (editor, tree) => editor.SetProperty(create ? CreatePath(editor, nodePath) : Locate(editor, tree, nodePath), name, value),
                tree =>
                {
                    (DeviceTreeNode existing, List<string> missing) = create ? ExistingPrefix(tree.Tree, nodePath) : (Find(tree.Tree, nodePath, tree.Source), []);
                    return DtsAmendment.Set(existing, missing, name, value, valueType);
                }));
            return 0;
        });
        return command;
    }

    public static Command BuildDelete(CliContext context)
    {
        var file = FileArgument();
        var node = new Argument<string>("NODE") { Description = "The node's path (or alias)" };
        var properties = new Argument<string[]>("PROPERTY") { Description = "The properties to delete; none: delete the node with its subtree", Arity = ArgumentArity.ZeroOrMore };
        var output = OutputOption();
        var command = new Command("delete", "Delete properties, or a node with its subtree, as fdtput -d / -r do") { file, node, properties, output };
        command.SetAction(parse =>
        {
            string nodePath = parse.GetValue(node)!;
            string[] names = parse.GetValue(properties) ?? [];
            Edit(context, parse.GetValue(file)!, parse.GetValue(output), new Edits(
                (editor, tree) =>
                {
                    DeviceTreeNode target = Find(tree.Tree, nodePath, tree.Source);
                    if (names.Length == 0)
                    {
                        if (target.IsRoot)
                        {
                            throw new CliInputException("NODE: the root node cannot be deleted");
                        }

                        editor.DeleteNode(Locate(editor, tree, nodePath));
                        return;
                    }

                    foreach (string name in names)
                    {
                        if (!editor.DeleteProperty(Locate(editor, tree, nodePath), name))
                        {
                            throw NoProperty(target, name, tree.Source);
                        }
                    }
                },
                tree =>
                {
                    DeviceTreeNode target = Find(tree.Tree, nodePath, tree.Source);
                    if (names.Length == 0)
                    {
                        return target.IsRoot ? throw new CliInputException("NODE: the root node cannot be deleted") : DtsAmendment.DeleteNode(target);
                    }

                    string? missing = names.FirstOrDefault(n => target.GetProperty(n) is null);
                    return missing is null ? DtsAmendment.DeleteProperties(target, names) : throw NoProperty(target, missing, tree.Source);
                }));
            return 0;
        });
        return command;
    }

    private static Argument<string> FileArgument() => new("FILE") { Description = "The DTB or DTS to edit, in place unless -o ('-': standard input to standard output)" };

    private static Option<string?> OutputOption() => new("--output", "-o")
    {
        Description = "Write the edited tree here instead of in place ('-': standard output); .dtb/.dtbo or .dts/.dtsi choose the form, else the input's",
        HelpName = "FILE",
    };

    private static void Edit(CliContext context, string path, string? outputPath, Edits edits)
    {
        string display = InputFiles.DisplayName(path);
        byte[] input = InputFiles.ReadBytes(path, "FILE");
        LoadedTree tree = context.Backend.LoadTree(display, input);
        string target = outputPath ?? path;
        string option = outputPath is null ? "FILE" : "--output";
        string ext = StandardStreams.IsStandard(target) ? string.Empty : Path.GetExtension(target).ToLowerInvariant();
        bool toDtb = ext is ".dtb" or ".dtbo" || (ext is not (".dts" or ".dtsi") && tree.WasBinary);
        LoadedTree result;
        string? source = null;
        byte[]? blob = null;
        if (tree.WasBinary)
        {
            var editor = new FdtBlobEditor(input);
            edits.OnBlob(editor, tree);
            blob = editor.Pack();
            result = context.Backend.LoadTree(display, blob); // the edited blob must read back
        }
        else
        {
            // Decoded and encoded back losslessly, so raw bytes in string literals stay as they were; a BOM is kept.
            string text = (input.AsSpan().StartsWith("\uFEFF"u8) ? "\uFEFF" : string.Empty) + DtsReader.DecodeSource(input);
            string amendment = edits.OnSource(tree);
            source = text + (text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n") + amendment;
            result = context.Backend.LoadTree(display, Rendering.RawByteUtf8Encoding.Instance.GetBytes(source));
            CliDiagnostics.Current.Debug($"appended to the source: {amendment.TrimEnd()}");
        }

        if (toDtb)
        {
            OutputSink.WriteBytes(context, target, blob ?? context.Backend.WriteDtb(result), option, option);
        }
        else if (source is not null)
        {
            OutputSink.WriteText(context, target, source, option);
        }
        else
        {
            OutputSink.WriteUtf8Text(context, target, context.Backend.WriteDts(result), option);
        }
    }

    /// <summary>The struct offset of the node at <paramref name="path"/> (aliases and base names as fdt_path_offset).</summary>
    private static int Locate(FdtBlobEditor editor, LoadedTree tree, string path)
    {
        DeviceTreeNode node = Find(tree.Tree, path, tree.Source);
        int index = 0;
        foreach (DeviceTreeNode n in tree.Tree.Nodes)
        {
            if (ReferenceEquals(n, node))
            {
                return editor.NodeAt(index);
            }

            index++;
        }

        throw new InvalidOperationException("A node of the tree is not in its own node list.");
    }

    /// <summary>fdtput -p: walks the path component by component, adding each missing node.</summary>
    private static int CreatePath(FdtBlobEditor editor, string path)
    {
        int offset = editor.NodeAt(0);
        foreach (string name in Components(path))
        {
            int child = editor.FindChild(offset, name);
            offset = child >= 0 ? child : editor.AddSubnode(offset, name);
        }

        return offset;
    }

    private static (DeviceTreeNode Existing, List<string> Missing) ExistingPrefix(DeviceTree tree, string path)
    {
        DeviceTreeNode node = tree.Root;
        var missing = new List<string>();
        foreach (string name in Components(path))
        {
            DeviceTreeNode? child = missing.Count == 0 ? FdtPathLookup.Child(node, name) : null;
            if (child is null)
            {
                missing.Add(name);
            }
            else
            {
                node = child;
            }
        }

        return (node, missing);
    }

    private static List<string> Components(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new CliInputException($"NODE: '{path}' must be a path from the root (starting with '/') to create nodes on it with -p");
        }

        // Leading and trailing slashes are skipped as fdtput does; an empty name between two is refused.
        List<string> parts = path.TrimStart('/').Split('/').ToList();
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        foreach (string part in parts)
        {
            if (!DeviceTreeNames.IsValidNodeName(part))
            {
                throw new CliInputException($"NODE: '{part}' in '{path}' is not a valid node name");
            }
        }

        return parts;
    }

    private static DeviceTreeNode Find(DeviceTree tree, string path, string source) =>
        FdtPathLookup.Find(tree, path, out string? error)
        ?? throw new CliInputException($"NODE: {error} in {source} (dt set -p creates missing nodes)");

    private static CliInputException NoProperty(DeviceTreeNode node, string name, string source) =>
        new($"PROPERTY: node '{node.Path}' has no property '{name}' in {source}");

    /// <summary>One edit in its two forms: on the blob, and as source text to append.</summary>
    private sealed record Edits(Action<FdtBlobEditor, LoadedTree> OnBlob, Func<LoadedTree, string> OnSource);
}
