using System;
using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Reads device tree source (DTS) as dtc does: <c>/dts-v1/</c>, <c>/memreserve/</c>, nodes and properties,
/// cell arrays with <c>/bits/</c> and C expressions, strings, byte strings, labels, <c>&amp;label</c> and
/// <c>&amp;{/path}</c> references (creating <c>phandle</c> properties numbered as dtc numbers them), node extension,
/// <c>/delete-node/</c>, <c>/delete-property/</c>, <c>/include/</c>, <c>/incbin/</c> and <c>/omit-if-no-ref/</c>.
/// Overlay sources (<c>/plugin/;</c>) compile as dtc compiles them: top-level <c>&amp;label { };</c> and
/// <c>&amp;{/path} { };</c> become <c>fragment@N</c> nodes with <c>target</c> or <c>target-path</c>, with
/// <c>__fixups__</c> and <c>__local_fixups__</c>; <see cref="DtsReaderOptions.GenerateSymbols"/> is dtc's <c>-@</c> and
/// <see cref="DtsReaderOptions.BootCpuIdPhys"/> its <c>-b</c>. Labels are kept in <see cref="DeviceTreeNode.Labels"/>.
/// </summary>
/// <remarks>
/// The reader does not run the C preprocessor; <c>#include</c>, <c>#define</c> and friends are reported as errors
/// (cpp line markers such as <c># 1 "board.dts"</c> are understood). Nesting, nodes, property and total sizes are
/// limited by <see cref="DtsReaderOptions"/> and nesting never recurses per level, so hostile input ends in a
/// <see cref="DtsSyntaxException"/>, not a stack overflow or a runaway allocation.
/// <para>
/// By default <c>/include/</c> and <c>/incbin/</c> may read any regular file, as dtc: right for your own sources.
/// Text from anywhere else can then copy any readable file (keys, <c>/etc/shadow</c>) into the tree, so parse it with
/// <see cref="DtsReaderOptions.Untrusted"/> (no file access, tighter limits) or
/// <see cref="DtsFileAccess.SearchDirectoriesOnly"/>. Devices, FIFOs and other non-regular files are never read.
/// </para>
/// Reference: Devicetree Specification v0.4, chapter 6.
/// </remarks>
public static class DtsReader
{
    /// <summary>Parses DTS text.</summary>
    /// <remarks>
    /// Inside string and character literals, a lone surrogate U+DC80–U+DCFF stands for the raw byte 0x80–0xFF
    /// (the way <see cref="ParseFile"/> reads bytes of a file that are not valid UTF-8, and the way
    /// <see cref="DeviceTreeProperty.GetString"/> reads such bytes of a value), so text made from bytes with that
    /// mapping gives the tree the bytes would give. Any other lone surrogate in a literal is a
    /// <see cref="DtsSyntaxException"/>; outside literals, like every character outside DTS syntax, it is one too.
    /// </remarks>
    /// <param name="text">The source text.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="options">Limits, file access and include directories; null for <see cref="DtsReaderOptions.Default"/>
    /// (any file may be included: pass <see cref="DtsReaderOptions.Untrusted"/> for text you do not trust).</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (a negative limit, say).</exception>
    /// <exception cref="DtsSyntaxException">The source is malformed, breaks a limit, or reads a file it may not; the
    /// message names file, line and column.</exception>
    public static DeviceTree Parse(string text, string fileName = "<input>", DtsReaderOptions? options = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        options ??= DtsReaderOptions.Default;
        options.Validate();
        fileName ??= "<input>";
        var files = new DtsFileGate(options, options.BaseDirectory);
        files.Charge(System.Text.Encoding.UTF8.GetByteCount(text), new DtsSourceLocation(fileName, 1, 1));
        return ParseCore(text, fileName, options.BaseDirectory, null, options, files);
    }

    /// <summary>Reads and parses a DTS file; relative <c>/include/</c>s are resolved against its directory.</summary>
    /// <remarks>
    /// The file is UTF-8 unless a UTF-16/32 byte order mark says otherwise. As with dtc, the bytes of a string or
    /// character literal reach the tree unchanged, including bytes that are not valid UTF-8 (they are carried as
    /// the lone surrogates U+DC80–U+DCFF described at <see cref="Parse"/>). The same holds for included files.
    /// </remarks>
    /// <param name="path">The file path.</param>
    /// <param name="options">Limits, file access and include directories; null for <see cref="DtsReaderOptions.Default"/>.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (a negative limit, say).</exception>
    /// <exception cref="IOException">The file does not exist.</exception>
    /// <exception cref="DtsSyntaxException">The source is malformed, breaks a limit, or reads a file it may not; the
    /// file itself is not a regular file or cannot be read. The message names file, line and column.</exception>
    public static DeviceTree ParseFile(string path, DtsReaderOptions? options = null)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        options ??= DtsReaderOptions.Default;
        options.Validate();
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(FormattableString.Invariant($"The DTS file '{path}' does not exist."), path);
        }

        string? directory = Path.GetDirectoryName(fullPath);
        var files = new DtsFileGate(options, directory);
        var at = new DtsSourceLocation(path, 1, 1);
        DtsFileGate.EnsureRegular(fullPath, path, at);
        byte[] bytes = files.Read(fullPath, path, 0, null, at);
        string text = DtsSourceText.Decode(bytes);

        return ParseCore(text, path, directory, fullPath, options, files);
    }

    /// <summary>
    /// The text of DTS source bytes as <see cref="ParseFile"/> reads a file, for <see cref="Parse"/> and other
    /// text-based readers: UTF-8 (a UTF-8 byte order mark is dropped) unless a UTF-16/32 byte order mark says
    /// otherwise, with each byte that is not valid UTF-8 as the lone surrogate U+DC80 + (byte − 0x80), so that the
    /// bytes of string literals reach the tree unchanged.
    /// </summary>
    /// <param name="source">The bytes of a DTS file.</param>
    /// <returns>The source text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static string DecodeSource(byte[] source) =>
        DtsSourceText.Decode(source ?? throw new ArgumentNullException(nameof(source)));

    /// <summary>Parses DTS text, returning false instead of throwing for malformed source.</summary>
    /// <param name="text">The source text.</param>
    /// <param name="tree">The tree, when the method returns true.</param>
    /// <param name="error">The error, when the method returns false.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="options">Limits, file access and include directories; null for <see cref="DtsReaderOptions.Default"/>.</param>
    /// <returns>True when the source is valid.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (misuse, not bad input).</exception>
    public static bool TryParse(
        string text,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceTree? tree,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DtsSyntaxException? error,
        string fileName = "<input>",
        DtsReaderOptions? options = null)
    {
        try
        {
            tree = Parse(text, fileName, options);
            error = null;
            return true;
        }
        catch (DtsSyntaxException ex)
        {
            tree = null;
            error = ex;
            return false;
        }
    }

    private static DeviceTree ParseCore(string text, string fileName, string? directory, string? fullPath, DtsReaderOptions options, DtsFileGate files)
    {
        var scanner = new DtsScanner(text, fileName, directory, fullPath, options, files);
        var parser = new DtsParser(scanner, options);
        parser.ParseSourceFile();
        return DtsLinker.Link(parser);
    }
}
