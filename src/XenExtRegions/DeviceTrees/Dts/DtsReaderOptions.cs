using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Limits, file access and include search paths for <see cref="DtsReader"/>. The <see cref="Default"/> reads your own
/// sources as dtc does (any file may be included); for text from elsewhere use <see cref="Untrusted"/>, or at least
/// <see cref="FileAccess"/> = <see cref="DtsFileAccess.None"/>. Every limit breached ends in a
/// <see cref="DtsSyntaxException"/> that names the place and the option.
/// </summary>
public sealed class DtsReaderOptions
{
    /// <summary>The default <see cref="MaxNodes"/>: 1 Mi nodes, as <see cref="DtbReaderOptions.DefaultMaxNodes"/>.</summary>
    public const int DefaultMaxNodes = 1024 * 1024;

    /// <summary>The default <see cref="MaxPropertySize"/>: 1 GiB, as <see cref="DtbReaderOptions.DefaultMaxPropertySize"/>.</summary>
    public const int DefaultMaxPropertySize = 1024 * 1024 * 1024;

    /// <summary>The default <see cref="MaxTotalSize"/>: 1 GiB, as <see cref="DtbReaderOptions.DefaultMaxTotalSize"/>.</summary>
    public const int DefaultMaxTotalSize = 1024 * 1024 * 1024;

    /// <summary>The options used when none are given: unrestricted file access (as dtc) and generous limits.</summary>
    public static DtsReaderOptions Default { get; } = new();

    /// <summary>
    /// Options for text from a source you do not trust (a guest, an upload): no file access and limits a few times
    /// above the largest real trees: depth 64, expression depth 64, 64 Ki nodes, properties up to 16 MiB, 64 MiB of
    /// text in all. Parsing such text costs time and memory in proportion to its length, bounded by these limits.
    /// </summary>
    public static DtsReaderOptions Untrusted { get; } = new()
    {
        FileAccess = DtsFileAccess.None,
        MaxDepth = 64,
        MaxExpressionDepth = 64,
        MaxIncludeDepth = 0,
        MaxNodes = 64 * 1024,
        MaxPropertySize = 16 * 1024 * 1024,
        MaxTotalSize = 64 * 1024 * 1024,
    };

    /// <summary>
    /// The deepest node nesting accepted (the root is depth 0). Deeper input is rejected with a
    /// <see cref="DtsSyntaxException"/>; the parser never recurses per level, so this bounds memory, not the stack.
    /// Default 1024; not negative.
    /// </summary>
    public int MaxDepth { get; init; } = 1024;

    /// <summary>
    /// The deepest nesting of parentheses, unary operators and <c>?:</c> in one cell expression. Default 256; not
    /// negative.
    /// </summary>
    public int MaxExpressionDepth { get; init; } = 256;

    /// <summary>The deepest nesting of <c>/include/</c> files (0: none). Default 32; not negative.</summary>
    public int MaxIncludeDepth { get; init; } = 32;

    /// <summary>
    /// The most nodes parsing may create, counting the root and nodes later deleted with <c>/delete-node/</c>.
    /// Default <see cref="DefaultMaxNodes"/>; at least 1.
    /// </summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>The largest property value, in bytes. Default <see cref="DefaultMaxPropertySize"/>; not negative.</summary>
    public int MaxPropertySize { get; init; } = DefaultMaxPropertySize;

    /// <summary>
    /// The most bytes read in all: the source text (counted in UTF-8), every included file each time it is included,
    /// and every <c>/incbin/</c> read. Bounds the work of include chains that repeat a file. Default
    /// <see cref="DefaultMaxTotalSize"/>; not negative.
    /// </summary>
    public int MaxTotalSize { get; init; } = DefaultMaxTotalSize;

    /// <summary>
    /// Which files <c>/include/</c> and <c>/incbin/</c> may read. Default <see cref="DtsFileAccess.Unrestricted"/>
    /// (dtc's behaviour, for your own sources); use <see cref="DtsFileAccess.None"/> for untrusted text.
    /// </summary>
    /// <remarks>
    /// The default stays dtc's because board sources include their <c>.dtsi</c> files by relative and absolute
    /// paths, and a stricter default would refuse them. Source printed by <see cref="DtsWriter"/> from a blob is safe
    /// to read with it: the writer refuses every name DTS cannot spell, so a hostile DTB cannot smuggle an
    /// <c>/include/</c> or <c>/incbin/</c> into the text, and it never prints either directive itself. Text written
    /// by anyone else (an upload, a guest's tree, a file from the network) can name any file of the machine: read
    /// it with <see cref="Untrusted"/>, or <see cref="DtsFileAccess.SearchDirectoriesOnly"/> for a checked-out tree.
    /// </remarks>
    public DtsFileAccess FileAccess { get; init; } = DtsFileAccess.Unrestricted;

    /// <summary>
    /// Directories searched for <c>/include/</c> and <c>/incbin/</c> files after the directory of the including file
    /// (dtc's <c>-i</c>).
    /// </summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The directory relative includes of text passed to <see cref="DtsReader.Parse"/> are resolved against;
    /// null means the current directory (or, with <see cref="DtsFileAccess.SearchDirectoriesOnly"/>, no directory:
    /// only <see cref="IncludeDirectories"/>). <see cref="DtsReader.ParseFile"/> uses the file's own directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Adds a <c>__symbols__</c> node as <c>dtc -@</c> does: a property per node label holding the node's path, and a
    /// phandle for every labelled node, so that overlays compiled against the tree can refer to its labels. An
    /// overlay source (<c>/plugin/;</c>) gets <c>__fixups__</c> and <c>__local_fixups__</c> whether or not this is
    /// set, as with dtc. Default false.
    /// </summary>
    public bool GenerateSymbols { get; init; }

    /// <summary>
    /// The header's <c>boot_cpuid_phys</c> (dtc's <c>-b</c>). Null (the default) takes it as dtc does without
    /// <c>-b</c>: the <c>reg</c> of the first child of <c>/cpus</c> when that is one cell, else 0.
    /// </summary>
    public uint? BootCpuIdPhys { get; init; }

    /// <summary>Throws for values no reader can use, before any text is read.</summary>
    internal void Validate()
    {
        static void AtLeast(int value, int minimum, string name)
        {
            if (value < minimum)
            {
                throw new ArgumentOutOfRangeException("options", value, FormattableString.Invariant($"DtsReaderOptions.{name} must be at least {minimum}, not {value}."));
            }
        }

        AtLeast(MaxDepth, 0, nameof(MaxDepth));
        AtLeast(MaxExpressionDepth, 0, nameof(MaxExpressionDepth));
        AtLeast(MaxIncludeDepth, 0, nameof(MaxIncludeDepth));
        AtLeast(MaxNodes, 1, nameof(MaxNodes));
        AtLeast(MaxPropertySize, 0, nameof(MaxPropertySize));
        AtLeast(MaxTotalSize, 0, nameof(MaxTotalSize));
        if (FileAccess is not (DtsFileAccess.None or DtsFileAccess.SearchDirectoriesOnly or DtsFileAccess.Unrestricted))
        {
            throw new ArgumentOutOfRangeException("options", FileAccess, "DtsReaderOptions.FileAccess is not a DtsFileAccess value.");
        }

        if (IncludeDirectories is null)
        {
            throw new ArgumentException("DtsReaderOptions.IncludeDirectories is null.", "options");
        }

        foreach (string dir in IncludeDirectories)
        {
            if (string.IsNullOrEmpty(dir))
            {
                throw new ArgumentException("DtsReaderOptions.IncludeDirectories holds a null or empty entry.", "options");
            }
        }
    }
}
