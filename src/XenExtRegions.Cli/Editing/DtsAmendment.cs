using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Editing;

/// <summary>
/// An edit of a DTS source written as dtc amendments appended to it (<c>&amp;{/path} { … };</c>,
/// <c>/delete-property/</c>, <c>/delete-node/</c>), so that comments, includes, labels and layout stay as they are
/// and any DTS compiler reads the result. As in dtc, a replaced property keeps its place and new ones go last.
/// </summary>
internal static class DtsAmendment
{
    /// <summary>Sets <paramref name="property"/> of <paramref name="existing"/>, creating <paramref name="missing"/> children below it first.</summary>
    /// <param name="existing">The deepest node of the path that exists.</param>
    /// <param name="missing">The names of the nodes to create under it, outermost first (empty when the node exists).</param>
    /// <param name="property">The property name.</param>
    /// <param name="value">The value.</param>
    /// <param name="type">How the value was given, to print it the same way.</param>
    public static string Set(DeviceTreeNode existing, IReadOnlyList<string> missing, string property, byte[] value, FdtValueType type)
    {
        CheckName(property, DeviceTreeNames.IsValidPropertyName(property), "PROPERTY", "property");
        var body = new StringBuilder();
        body.Append(PropertyText(property, value, type));
        for (int i = missing.Count - 1; i >= 0; i--)
        {
            CheckName(missing[i], DeviceTreeNames.IsValidNodeName(missing[i]), "NODE", "node");
            body.Insert(0, missing[i] + " { ").Append(" };");
        }

        return Open(existing) + " { " + body + " };\n";
    }

    /// <summary>Deletes properties of <paramref name="node"/>.</summary>
    public static string DeleteProperties(DeviceTreeNode node, IEnumerable<string> properties)
    {
        var body = new StringBuilder();
        foreach (string p in properties)
        {
            body.Append("/delete-property/ ").Append(p).Append("; ");
        }

        return Open(node) + " { " + body + "};\n";
    }

    /// <summary>Deletes <paramref name="node"/> with its subtree.</summary>
    public static string DeleteNode(DeviceTreeNode node) => "/delete-node/ &{" + PathText(node) + "};\n";

    private static string Open(DeviceTreeNode node) => node.IsRoot ? "/" : "&{" + PathText(node) + "}";

    private static string PathText(DeviceTreeNode node)
    {
        string path = node.Path;
        foreach (char c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || ",._+*#?@/-".Contains(c, StringComparison.Ordinal)))
            {
                throw new CliInputException($"NODE: the path '{path}' has a character DTS cannot write in a path reference ('{c}'); convert the source to DTB and edit that");
            }
        }

        return path;
    }

    private static void CheckName(string name, bool valid, string what, string kind)
    {
        if (!valid)
        {
            throw new CliInputException($"{what}: '{name}' is not a valid {kind} name");
        }
    }

    private static string PropertyText(string name, byte[] value, FdtValueType type)
    {
        if (value.Length == 0)
        {
            return name + ";";
        }

        if (type.Letter == 's')
        {
            var strings = new List<string>();
            int start = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == 0)
                {
                    strings.Add(Quote(value.AsSpan(start, i - start)));
                    start = i + 1;
                }
            }

            return name + " = " + string.Join(", ", strings) + ";";
        }

        int size = type.Size == -1 ? 4 : type.Size;
        var text = new StringBuilder(name).Append(" = ");
        text.Append(size switch { 1 => "[", 2 => "/bits/ 16 <", _ => "<" });
        for (int at = 0; at < value.Length; at += size)
        {
            ulong number = 0;
            for (int b = 0; b < size; b++)
            {
                number = (number << 8) | value[at + b];
            }

            text.Append(at == 0 ? string.Empty : " ").Append(size == 1
                ? number.ToString("x2", CultureInfo.InvariantCulture)
                : "0x" + number.ToString("x", CultureInfo.InvariantCulture));
        }

        return text.Append(size == 1 ? "];" : ">;").ToString();
    }

    private static string Quote(ReadOnlySpan<byte> text)
    {
        var quoted = new StringBuilder("\"");
        foreach (byte b in text)
        {
            quoted.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => "\\x" + b.ToString("x2", CultureInfo.InvariantCulture),
            });
        }

        return quoted.Append('"').ToString();
    }
}
