using System;
using System.IO;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// Writes a command's result to standard output (no --output, or <c>-</c>) or to a file. A failed write (a full disk,
/// a closed pipe) is a <see cref="CliInputException"/> naming the output: exit 2, not an internal error.
/// </summary>
internal static class OutputSink
{
    public static void WriteText(CliContext context, string? outputFile, Action<TextWriter> render, string option = "--output")
    {
        if (outputFile is null || StandardStreams.IsStandard(outputFile))
        {
            ToStandardOutput(() =>
            {
                render(context.Out);
                context.Out.Flush();
            });
            return;
        }

        var buffer = new StringWriter();
        render(buffer);
        WriteTextFile(context, outputFile, buffer.ToString(), option);
    }

    /// <summary>Writes text that is already whole (a DTS source) to standard output or a file, without copying it first.</summary>
    public static void WriteText(CliContext context, string? outputFile, string text, string option = "--output")
    {
        if (outputFile is null || StandardStreams.IsStandard(outputFile))
        {
            WriteText(context, outputFile, w => w.Write(text), option);
            return;
        }

        WriteTextFile(context, outputFile, text, option);
    }

    /// <summary>Writes text already encoded as UTF-8 (a DTS source) to standard output or, as it is, to a file.</summary>
    public static void WriteUtf8Text(CliContext context, string? outputFile, byte[] utf8, string option = "--output")
    {
        if (outputFile is null || StandardStreams.IsStandard(outputFile))
        {
            WriteText(context, outputFile, System.Text.Encoding.UTF8.GetString(utf8), option);
            return;
        }

        WriteFile(outputFile, utf8, option);
        context.Error.WriteLine($"wrote {outputFile}");
    }

    private static void WriteTextFile(CliContext context, string outputFile, string text, string option)
    {
        WriteFile(outputFile, Rendering.RawByteUtf8Encoding.Instance.GetBytes(text), option);
        context.Error.WriteLine($"wrote {outputFile}");
    }

    /// <summary>Writes binary data; to standard output only when it is not a terminal.</summary>
    /// <param name="context">The run.</param>
    /// <param name="outputFile">The file; null or <c>-</c> for standard output.</param>
    /// <param name="bytes">The data.</param>
    /// <param name="what">What asked for binary output, for messages (e.g. "--format dtb").</param>
    /// <param name="option">The option or argument that named the file, for messages.</param>
    public static void WriteBytes(CliContext context, string? outputFile, byte[] bytes, string what, string option = "--output")
    {
        if (outputFile is null || StandardStreams.IsStandard(outputFile))
        {
            Stream output = context.Streams.OpenBinaryOutput(what, option == "--output" ? "--output FILE" : $"a file name as {option}");
            ToStandardOutput(() =>
            {
                context.Out.Flush();
                output.Write(bytes, 0, bytes.Length);
                output.Flush();
            });
            CliDiagnostics.Current.Debug($"wrote {bytes.Length} bytes to {StandardStreams.OutputName}");
            return;
        }

        WriteFile(outputFile, bytes, option);
        context.Error.WriteLine($"wrote {outputFile} ({bytes.Length} bytes)");
    }

    /// <summary>Runs a write to standard output, turning an I/O failure into a message that names it.</summary>
    public static void ToStandardOutput(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new CliInputException($"{StandardStreams.OutputName}: cannot write the output: {e.Message}", e);
        }
    }

    private static void WriteFile(string path, byte[] bytes, string option)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliInputException($"{option}: {path}: permission denied", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"{option}: cannot write {path}: {e.Message}", e);
        }
    }
}
