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
    /// <summary>The line terminator's encoder: a lone surrogate in it is an error, not a silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Prints <paramref name="tree"/> as DTS source.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="options">Layout choices; null for <see cref="DtsWriterOptions.Default"/>.</param>
    /// <returns>The source text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    /// <exception cref="ArgumentException">The options' <see cref="DtsWriterOptions.NewLine"/> holds a lone surrogate.</exception>
    /// <exception cref="DtsWriteException">A name, label or explicit phandle in the tree cannot be printed so that it reads back.</exception>
    public static string Write(DeviceTree tree, DtsWriterOptions? options = null) => Encoding.UTF8.GetString(WriteUtf8(tree, options));

    /// <summary>Prints <paramref name="tree"/> as DTS source encoded as UTF-8 (no byte order mark), ready for a file.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="options">Layout choices; null for <see cref="DtsWriterOptions.Default"/>.</param>
    /// <returns>The source text's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    /// <exception cref="ArgumentException">The options' <see cref="DtsWriterOptions.NewLine"/> holds a lone surrogate.</exception>
    /// <exception cref="DtsWriteException">A name, label or explicit phandle in the tree cannot be printed so that it reads back.</exception>
    public static byte[] WriteUtf8(DeviceTree tree, DtsWriterOptions? options = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        var text = new DtsTextSink(null);
        WriteCore(tree, text, options ?? DtsWriterOptions.Default);
        return text.ToArray();
    }

    /// <summary>Prints <paramref name="tree"/> as DTS source to <paramref name="output"/>.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="output">Where the text goes.</param>
    /// <param name="options">Layout choices; null for <see cref="DtsWriterOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="output"/> is null.</exception>
    /// <exception cref="ArgumentException">The options' <see cref="DtsWriterOptions.NewLine"/> holds a lone surrogate.</exception>
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

        var text = new DtsTextSink(output);
        WriteCore(tree, text, options ?? DtsWriterOptions.Default);
        text.Flush();
    }

    /// <summary>Appends the source to <paramref name="text"/>, which passes it on in pieces between nodes.</summary>
    private static void WriteCore(DeviceTree tree, DtsTextSink text, DtsWriterOptions options)
    {
        byte[] nl = NewLineBytes(options);
        DtsWriteCheck.Validate(tree);
        text.AppendAscii("/dts-v1/;");
        text.Append(nl);
        text.Append(nl);
        foreach (MemoryReservation reservation in tree.MemoryReservations)
        {
            text.AppendAscii("/memreserve/\t0x");
            text.AppendHex(reservation.Address, 16);
            text.AppendAscii(" 0x");
            text.AppendHex(reservation.Size, 16);
            text.Append((byte)';');
            text.Append(nl);
        }

        var stack = new Stack<(DeviceTreeNode Node, int NextChild)>();
        WriteNodeStart(text, tree.Root, 0, options, nl);
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            text.FlushIfFull();
            (DeviceTreeNode node, int next) = stack.Pop();
            int depth = stack.Count;
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                DeviceTreeNode child = node.Children[next];
                text.Append(nl);
                WriteNodeStart(text, child, depth + 1, options, nl);
                stack.Push((child, 0));
                continue;
            }

            text.AppendTabs(depth);
            text.Append('}', ';');
            text.Append(nl);
        }
    }

    private static byte[] NewLineBytes(DtsWriterOptions options)
    {
        try
        {
            return StrictUtf8.GetBytes(options.NewLine);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The options' NewLine holds a lone surrogate, which UTF-8 text cannot carry.", nameof(options), e);
        }
    }

    private static void WriteNodeStart(DtsTextSink text, DeviceTreeNode node, int depth, DtsWriterOptions options, byte[] nl)
    {
        text.AppendTabs(depth);
        AppendLabels(text, node.Labels);
        if (depth == 0)
        {
            text.Append((byte)'/');
        }
        else
        {
            text.AppendAscii(node.Name);
        }

        text.Append(' ', '{');
        text.Append(nl);

        // Views, not node.Properties: a node read from a DTB then makes (and keeps) no property objects.
        DeviceTreeLabels? labels = node.LabelSet?.Properties is null ? null : node.LabelSet;
        foreach (DeviceTreePropertyView property in node.EnumeratePropertyViews())
        {
            text.AppendTabs(depth + 1);
            if (labels?.ForProperty(property.Name) is string[] propertyLabels)
            {
                AppendLabels(text, propertyLabels);
            }

            text.AppendAscii(property.Name);
            if (!property.IsEmpty)
            {
                text.AppendAscii(" = ");
                AppendValue(text, property.Span, options);
            }

            text.Append((byte)';');
            text.Append(nl);
        }
    }

    /// <summary>Labels as dtc prints them: <c>a: b: </c> before the name.</summary>
    private static void AppendLabels(DtsTextSink text, IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            text.AppendAscii(label);
            text.Append(':', ' ');
        }
    }

    /// <summary>Prints a value the way dtc guesses its type (treesource.c's guess_value_type).</summary>
    internal static void AppendValue(DtsTextSink text, ReadOnlySpan<byte> value, DtsWriterOptions options)
    {
        switch (GuessType(value))
        {
            case DtsValueKind.Strings:
                AppendStrings(text, value, options.StringListStyle);
                break;
            case DtsValueKind.Cells:
                text.Append((byte)'<');
                for (int i = 0; i < value.Length; i += 4)
                {
                    if (i > 0)
                    {
                        text.Append((byte)' ');
                    }

                    uint cell = (uint)((value[i] << 24) | (value[i + 1] << 16) | (value[i + 2] << 8) | value[i + 3]);
                    text.Append('0', 'x');
                    text.AppendHex(cell, 2);
                }

                text.Append((byte)'>');
                break;
            default:
                text.Append((byte)'[');
                for (int i = 0; i < value.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append((byte)' ');
                    }

                    text.AppendHexByte(value[i]);
                }

                text.Append((byte)']');
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

    private static void AppendStrings(DtsTextSink text, ReadOnlySpan<byte> value, DtsStringListStyle style)
    {
        text.Append((byte)'"');
        for (int i = 0; i < value.Length - 1; i++)
        {
            byte b = value[i];
            switch (b)
            {
                case 0:
                    // dtc prints "\0" here even before an octal digit, so "a", "4b" comes out as "a\04b" and reads back
                    // as byte 4; spell the NUL with three digits when a digit follows.
                    text.AppendAscii(style == DtsStringListStyle.Separate ? "\", \""
                        : value[i + 1] is >= (byte)'0' and <= (byte)'7' ? "\\000" : "\\0");
                    break;
                case 7: text.Append('\\', 'a'); break;
                case 8: text.Append('\\', 'b'); break;
                case 9: text.Append('\\', 't'); break;
                case 10: text.Append('\\', 'n'); break;
                case 11: text.Append('\\', 'v'); break;
                case 12: text.Append('\\', 'f'); break;
                case 13: text.Append('\\', 'r'); break;
                case (byte)'\\': text.Append('\\', '\\'); break;
                case (byte)'"': text.Append('\\', '"'); break;
                default:
                    if (DtsCharacters.IsPrintable(b))
                    {
                        text.Append(b);
                    }
                    else
                    {
                        text.Append('\\', 'x');
                        text.AppendHexByte(b);
                    }

                    break;
            }
        }

        text.Append((byte)'"');
    }
}
