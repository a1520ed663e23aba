using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// What <see cref="DtsWriter"/> checks before it prints anything: every name is one DTS can spell and dtc 1.6.1
/// accepts without error (node names without '#', '?', '*' or a second '@'; property names without '@'), and every
/// explicit phandle is one <see cref="DtsReader"/> (and dtc) accept. The rule: the output reads back in our reader
/// and in plain dtc, or nothing is printed and the reason is given. A blob may break both rules; printing such a
/// tree verbatim would give a source that reads back as another tree, or does not read back, or (a name carrying
/// <c>;</c> and <c>/incbin/</c>) reads local files.
/// </summary>
internal static class DtsWriteCheck
{
    private const string NameClass = "[a-zA-Z0-9,._+*#?@-]";

    private static readonly char[] PropertyOnlyChars = { '#', '?', '*' };

    // At the start of a line our reader takes '#word' for a C preprocessor directive and '#digits ' for a cpp line
    // marker; names spelled so would not read back as names.
    private static readonly string[] DirectiveWords =
    {
        "include", "include_next", "import", "define", "undef", "if", "ifdef", "ifndef", "elif", "else", "endif",
        "error", "warning", "pragma",
    };

    /// <summary>Throws <see cref="DtsWriteException"/> for the first node (in document order) that cannot be printed.</summary>
    public static void Validate(DeviceTree tree)
    {
        if (tree.Root.Name.Length != 0)
        {
            throw new DtsWriteException(
                $"The root node is named '{Printable(tree.Root.Name)}'; DTS spells the root '/' and cannot keep a name.", "/");
        }

        var phandles = new Dictionary<uint, DeviceTreeNode>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<DeviceTreeNode>();
        stack.Push(tree.Root);
        while (stack.Count > 0)
        {
            DeviceTreeNode node = stack.Pop();
            if (!node.IsRoot && (Fault(node.Name) ?? DtcNodeNameFault(node.Name)) is string nodeFault)
            {
                throw new DtsWriteException($"The node name '{Printable(node.Name)}' cannot be written as DTS: {nodeFault}", Printable(node.Path));
            }

            // Views: a node read from a DTB makes no property objects for the check (nor for the writer after it).
            foreach (DeviceTreePropertyView property in node.EnumeratePropertyViews())
            {
                if ((Fault(property.Name) ?? DtcPropertyNameFault(property.Name)) is string propertyFault)
                {
                    throw new DtsWriteException(
                        $"The property name '{Printable(property.Name)}' cannot be written as DTS: {propertyFault}", Printable(node.Path), Printable(property.Name));
                }
            }

            CheckPhandle(node, phandles);
            CheckLabels(node, labels);
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    /// <summary>Labels must be spelled <c>[a-zA-Z_][a-zA-Z0-9_]*</c> and used once in the tree, or the source would not read back.</summary>
    private static void CheckLabels(DeviceTreeNode node, Dictionary<string, string> seen)
    {
        foreach (string label in node.Labels)
        {
            CheckLabel(label, node.Path, null, seen);
        }

        if (node.LabelSet?.Properties is null)
        {
            return;
        }

        foreach (DeviceTreePropertyView property in node.EnumeratePropertyViews())
        {
            foreach (string label in node.LabelSet.ForProperty(property.Name) ?? Array.Empty<string>())
            {
                CheckLabel(label, node.Path, property.Name, seen);
            }
        }
    }

    private static void CheckLabel(string label, string path, string? property, Dictionary<string, string> seen)
    {
        string owner = property is null ? path : path + ":" + property;
        if (!IsLabel(label))
        {
            throw new DtsWriteException(
                $"The label '{Printable(label)}' of {Printable(owner)} cannot be written as DTS: a label is a letter or '_' followed by letters, digits and '_'.", Printable(path), property is null ? null : Printable(property));
        }

        if (seen.TryGetValue(label, out string? first))
        {
            throw new DtsWriteException(
                $"The label '{label}' is on {Printable(first)} and on {Printable(owner)}; a DTS label names one node or property.", Printable(path), property is null ? null : Printable(property));
        }

        seen.Add(label, owner);
    }

    /// <summary>True for a DTS label: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    internal static bool IsLabel(string label)
    {
        if (label.Length == 0 || !DtsCharacters.IsLabelStart(label[0]))
        {
            return false;
        }

        foreach (char c in label)
        {
            if (!DtsCharacters.IsLabelChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="name"/> cannot be a DTS node or property name, or null when it can.</summary>
    internal static string? Fault(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty.";
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (EscapedUtf8.IsEscape(c))
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "byte 0x{0:x2} at index {1} is not valid UTF-8, and DTS names are {2} only.",
                    EscapedUtf8.EscapedByte(c),
                    i,
                    NameClass);
            }

            if (!DtsCharacters.IsNameChar(c))
            {
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "character '{0}' (U+{1:X4}) at index {2} is not one of {3}.",
                    Printable(c.ToString()),
                    (int)c,
                    i,
                    NameClass);
            }
        }

        if (name[0] == '#')
        {
            string rest = name.Substring(1);
            if (Array.IndexOf(DirectiveWords, rest) >= 0)
            {
                return "a DTS reader takes '" + name + "' at the start of a line for a C preprocessor directive.";
            }

            if (rest.Length > 0 && IsAllDigits(rest))
            {
                return "a DTS reader takes '" + name + "' at the start of a line for a cpp line marker.";
            }
        }

        return null;
    }

    /// <summary>
    /// Why dtc would refuse <paramref name="name"/> as a node name although its lexer reads it: dtc's error checks
    /// node_name_chars (no '#', '?' or '*' in a node name) and node_name_format (one '@' at most) stop it with
    /// "Input tree has errors". Null when dtc accepts the name.
    /// </summary>
    internal static string? DtcNodeNameFault(string name)
    {
        int bad = name.IndexOfAny(PropertyOnlyChars);
        if (bad >= 0)
        {
            return string.Format(CultureInfo.InvariantCulture, "character '{0}' at index {1} is refused in node names by dtc (its node_name_chars check); only property names may hold '#', '?' and '*'.", name[bad], bad);
        }

        int at = name.IndexOf('@');
        int second = at < 0 ? -1 : name.IndexOf('@', at + 1);
        if (second >= 0)
        {
            return string.Format(CultureInfo.InvariantCulture, "a second '@' at index {0} is refused by dtc (its node_name_format check): a node name has one unit address at most.", second);
        }

        return null;
    }

    /// <summary>Why dtc would refuse <paramref name="name"/> as a property name (its property_name_chars check: no '@'), or null.</summary>
    internal static string? DtcPropertyNameFault(string name)
    {
        int at = name.IndexOf('@');
        return at < 0
            ? null
            : string.Format(CultureInfo.InvariantCulture, "character '@' at index {0} is refused in property names by dtc (its property_name_chars check); only node names may hold '@'.", at);
    }

    /// <summary>The rules <see cref="DtsReader"/> applies to explicit phandles, applied before printing.</summary>
    private static void CheckPhandle(DeviceTreeNode node, Dictionary<uint, DeviceTreeNode> phandles)
    {
        uint? epapr = ReadPhandle(node, "phandle");
        uint? legacy = ReadPhandle(node, "linux,phandle");
        if (epapr is uint a && legacy is uint b && a != b)
        {
            throw new DtsWriteException(
                string.Format(CultureInfo.InvariantCulture, "The 'phandle' (0x{0:x}) and 'linux,phandle' (0x{1:x}) properties disagree; a DTS reader refuses the node.", a, b),
                Printable(node.Path));
        }

        if ((epapr ?? legacy) is not uint phandle)
        {
            return;
        }

        if (phandles.TryGetValue(phandle, out DeviceTreeNode? other))
        {
            throw new DtsWriteException(
                string.Format(CultureInfo.InvariantCulture, "Phandle 0x{0:x} is also the phandle of {1}; a DTS reader refuses a repeated phandle.", phandle, Printable(other.Path)),
                Printable(node.Path),
                epapr is not null ? "phandle" : "linux,phandle");
        }

        phandles.Add(phandle, node);
    }

    private static uint? ReadPhandle(DeviceTreeNode node, string name)
    {
        if (!node.TryGetValue(name, out ReadOnlyMemory<byte> stored))
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = stored.Span;
        if (bytes.Length != 4)
        {
            throw new DtsWriteException(
                string.Format(CultureInfo.InvariantCulture, "The value is {0} bytes long; a DTS reader takes only one cell (4 bytes) as a phandle.", bytes.Length),
                Printable(node.Path),
                name);
        }

        uint value = (uint)((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
        if (value is 0 or uint.MaxValue)
        {
            throw new DtsWriteException(
                string.Format(CultureInfo.InvariantCulture, "Phandle 0x{0:x} is reserved; a DTS reader refuses it.", value),
                Printable(node.Path),
                name);
        }

        return value;
    }

    private static bool IsAllDigits(string s)
    {
        foreach (char c in s)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="text"/> with everything outside printable ASCII (and the backslash) escaped; raw bytes as <c>\xNN</c>.</summary>
    internal static string Printable(string text) => EscapedUtf8.Printable(text);
}
