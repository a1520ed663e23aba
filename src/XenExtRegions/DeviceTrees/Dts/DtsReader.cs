using System;
using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Reads device tree source (DTS) as dtc does: <c>/dts-v1/</c>, <c>/memreserve/</c>, nodes and properties,
/// cell arrays with <c>/bits/</c> and C expressions, strings, byte strings, labels, <c>&amp;label</c> and
/// <c>&amp;{/path}</c> references (creating <c>phandle</c> properties numbered as dtc numbers them), node extension,
/// <c>/delete-node/</c>, <c>/delete-property/</c>, <c>/include/</c>, <c>/incbin/</c> and <c>/omit-if-no-ref/</c>.
/// </summary>
/// <remarks>
/// The reader does not run the C preprocessor; <c>#include</c>, <c>#define</c> and friends are reported as errors
/// (cpp line markers such as <c># 1 "board.dts"</c> are understood). Nesting is limited by
/// <see cref="DtsReaderOptions"/> and never recurses per level, so hostile input ends in a
/// <see cref="DtsSyntaxException"/>, not a stack overflow. Reference: Devicetree Specification v0.4, chapter 6.
/// </remarks>
public static class DtsReader
{
    /// <summary>Parses DTS text.</summary>
    /// <param name="text">The source text.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="options">Limits and include directories; null for <see cref="DtsReaderOptions.Default"/>.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="DtsSyntaxException">The source is malformed; the message names file, line and column.</exception>
    public static DeviceTree Parse(string text, string fileName = "<input>", DtsReaderOptions? options = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        options ??= DtsReaderOptions.Default;
        return ParseCore(text, fileName ?? "<input>", options.BaseDirectory, options);
    }

    /// <summary>Reads and parses a DTS file; relative <c>/include/</c>s are resolved against its directory.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Limits and include directories; null for <see cref="DtsReaderOptions.Default"/>.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DtsSyntaxException">The source is malformed; the message names file, line and column.</exception>
    public static DeviceTree ParseFile(string path, DtsReaderOptions? options = null)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        options ??= DtsReaderOptions.Default;
        string text = File.ReadAllText(path);
        return ParseCore(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), options);
    }

    /// <summary>Parses DTS text, returning false instead of throwing for malformed source.</summary>
    /// <param name="text">The source text.</param>
    /// <param name="tree">The tree, when the method returns true.</param>
    /// <param name="error">The error, when the method returns false.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="options">Limits and include directories.</param>
    /// <returns>True when the source is valid.</returns>
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

    private static DeviceTree ParseCore(string text, string fileName, string? directory, DtsReaderOptions options)
    {
        var scanner = new DtsScanner(text, fileName, directory, options);
        var parser = new DtsParser(scanner, options);
        parser.ParseSourceFile();
        return DtsLinker.Link(parser);
    }
}
