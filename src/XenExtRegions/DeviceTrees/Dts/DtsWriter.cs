using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Prints a tree as DTS source in the layout of <c>dtc -I dtb -O dts</c>: <c>/dts-v1/;</c>, the
/// <c>/memreserve/</c> lines, tab indentation, properties before children, a blank line before each child, and
/// each value printed as dtc guesses its type (strings, <c>&lt;0x..&gt;</c> cells, or a <c>[..]</c> byte string).
/// </summary>
/// <remarks>
/// The output parses back (with <see cref="DtsReader"/> or dtc) to an equal tree, or nothing is written: a tree
/// whose names DTS cannot spell, or whose explicit phandles a DTS reader refuses, is refused whole with a
/// <see cref="DtsWriteException"/> before the first character goes out (blobs can carry such names and phandles;
/// printed verbatim they would read back as another tree, or inject directives such as <c>/incbin/</c>). The walk is
/// iterative, so any depth is fine. Node and property labels (<see cref="DeviceTreeNode.Labels"/>, from a DTS source) are
/// printed before the name as dtc prints them; references are not reconstructed (the tree holds their numbers and
/// paths), and a blob has no labels. The header's <c>boot_cpuid_phys</c> has no DTS syntax: a reader takes it from
/// <c>/cpus</c> again (or from dtc's <c>-b</c>).
/// </remarks>
public static class DtsWriter
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Prints <paramref name="tree"/> as DTS source.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="options">Layout choices; null for <see cref="DtsWriterOptions.Default"/>.</param>
    /// <returns>The source text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    /// <exception cref="DtsWriteException">A name, label or explicit phandle in the tree cannot be printed so that it reads back.</exception>
    public static string Write(DeviceTree tree, DtsWriterOptions? options = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        // One builder for the whole text: no per-line strings, one copy at the end.
        var text = new StringBuilder(4096);
        WriteCore(tree, text, null, options ?? DtsWriterOptions.Default);
        return text.ToString();
    }

    /// <summary>Prints <paramref name="tree"/> as DTS source to <paramref name="output"/>.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="output">Where the text goes.</param>
    /// <param name="options">Layout choices; null for <see cref="DtsWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="output"/> is null.</exception>
    /// <exception cref="DtsWriteException">A name or explicit phandle in the tree cannot be printed so that it reads back; nothing was written.</exception>
    public static void Write(DeviceTree tree, TextWriter output, DtsWriterOptions? options = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var text = new StringBuilder(FlushAt + 1024);
        WriteCore(tree, text, output, options ?? DtsWriterOptions.Default);
        Flush(text, output);
    }

    /// <summary>Text is handed to a writer in pieces of about this many characters, not line by line.</summary>
    private const int FlushAt = 8192;

    /// <summary>Appends the source to <paramref name="text"/>, moving it to <paramref name="output"/> (when given) every <see cref="FlushAt"/> characters.</summary>
    private static void WriteCore(DeviceTree tree, StringBuilder text, TextWriter? output, DtsWriterOptions options)
    {
        DtsWriteCheck.Validate(tree);
        string nl = options.NewLine;
        text.Append("/dts-v1/;").Append(nl).Append(nl);
        foreach (MemoryReservation reservation in tree.MemoryReservations)
        {
            text.Append("/memreserve/\t0x");
            AppendHex(text, reservation.Address, 16);
            text.Append(" 0x");
            AppendHex(text, reservation.Size, 16);
            text.Append(';').Append(nl);
        }

        var stack = new Stack<(DeviceTreeNode Node, int NextChild)>();
        WriteNodeStart(text, tree.Root, 0, options);
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            if (output is not null && text.Length >= FlushAt)
            {
                Flush(text, output);
            }

            (DeviceTreeNode node, int next) = stack.Pop();
            int depth = stack.Count;
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                DeviceTreeNode child = node.Children[next];
                text.Append(nl);
                WriteNodeStart(text, child, depth + 1, options);
                stack.Push((child, 0));
                continue;
            }

            text.Append('\t', depth).Append("};").Append(nl);
        }
    }

    private static void Flush(StringBuilder text, TextWriter output)
    {
#if NETSTANDARD2_0
        output.Write(text.ToString());
#else
        output.Write(text);
#endif
        text.Clear();
    }

    private static void WriteNodeStart(StringBuilder text, DeviceTreeNode node, int depth, DtsWriterOptions options)
    {
        text.Append('\t', depth);
        AppendLabels(text, node.Labels);
        text.Append(depth == 0 ? "/" : node.Name).Append(" {").Append(options.NewLine);
        foreach (DeviceTreeProperty property in node.Properties)
        {
            text.Append('\t', depth + 1);
            AppendLabels(text, property.Labels);
            text.Append(property.Name);
            if (!property.IsEmpty)
            {
                text.Append(" = ");
                AppendValue(text, property.Span, options);
            }

            text.Append(';').Append(options.NewLine);
        }
    }

    /// <summary>Labels as dtc prints them: <c>a: b: </c> before the name.</summary>
    private static void AppendLabels(StringBuilder line, IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            line.Append(label).Append(": ");
        }
    }

    /// <summary>Prints a value the way dtc guesses its type (treesource.c's guess_value_type).</summary>
    internal static void AppendValue(StringBuilder sb, ReadOnlySpan<byte> value, DtsWriterOptions options)
    {
        switch (GuessType(value))
        {
            case DtsValueKind.Strings:
                AppendStrings(sb, value, options.StringListStyle);
                break;
            case DtsValueKind.Cells:
                sb.Append('<');
                for (int i = 0; i < value.Length; i += 4)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }

                    uint cell = (uint)((value[i] << 24) | (value[i + 1] << 16) | (value[i + 2] << 8) | value[i + 3]);
                    sb.Append("0x");
                    AppendHex(sb, cell, 2);
                }

                sb.Append('>');
                break;
            default:
                sb.Append('[');
                for (int i = 0; i < value.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }

                    sb.Append(HexDigits[value[i] >> 4]).Append(HexDigits[value[i] & 0xf]);
                }

                sb.Append(']');
                break;
        }
    }

    /// <summary>
    /// dtc's rule: a string list when the value ends with NUL, every byte is printable, NUL or a C escape
    /// character, and at most half the bytes are NUL; else cells when the length is a multiple of 4; else bytes.
    /// </summary>
    internal static DtsValueKind GuessType(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0)
        {
            return DtsValueKind.Empty;
        }

        int nul = 0;
        bool allString = true;
        foreach (byte b in value)
        {
            if (b == 0)
            {
                nul++;
            }
            else if (!DtsCharacters.IsPrintable(b) && !(b >= 7 && b <= 13))
            {
                allString = false;
                break;
            }
        }

        if (allString && value[value.Length - 1] == 0 && nul <= value.Length - nul)
        {
            return DtsValueKind.Strings;
        }

        return value.Length % 4 == 0 ? DtsValueKind.Cells : DtsValueKind.Bytes;
    }

    private static void AppendStrings(StringBuilder sb, ReadOnlySpan<byte> value, DtsStringListStyle style)
    {
        sb.Append('"');
        for (int i = 0; i < value.Length - 1; i++)
        {
            byte b = value[i];
            switch (b)
            {
                case 0:
                    // dtc prints "\0" here even before an octal digit, so "a", "4b" comes out as "a\04b" and reads back
                    // as byte 4; spell the NUL with three digits when a digit follows.
                    sb.Append(style == DtsStringListStyle.Separate ? "\", \""
                        : value[i + 1] is >= (byte)'0' and <= (byte)'7' ? "\\000" : "\\0");
                    break;
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 9: sb.Append("\\t"); break;
                case 10: sb.Append("\\n"); break;
                case 11: sb.Append("\\v"); break;
                case 12: sb.Append("\\f"); break;
                case 13: sb.Append("\\r"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                default:
                    if (DtsCharacters.IsPrintable(b))
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append("\\x").Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xf]);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Lower-case hex with at least <paramref name="minDigits"/> digits (printf's <c>%0Nx</c>).</summary>
    private static void AppendHex(StringBuilder sb, ulong value, int minDigits)
    {
        int digits = 1;
        for (ulong v = value >> 4; v != 0; v >>= 4)
        {
            digits++;
        }

        for (int i = Math.Max(digits, minDigits) - 1; i >= 0; i--)
        {
            sb.Append(i >= 16 ? '0' : HexDigits[(int)((value >> (4 * i)) & 0xf)]);
        }
    }
}
