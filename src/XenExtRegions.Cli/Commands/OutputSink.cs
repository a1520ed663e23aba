using System;
using System.IO;
using System.Text;

namespace XenExtRegions.Cli.Commands;

/// <summary>Writes a command's result to standard output or to --output FILE.</summary>
internal static class OutputSink
{
    public static void WriteText(CliContext context, string? outputFile, Action<TextWriter> render)
    {
        if (outputFile is null)
        {
            render(context.Out);
            return;
        }

        var buffer = new StringWriter();
        render(buffer);
        WriteFile(outputFile, new UTF8Encoding(false).GetBytes(buffer.ToString()));
        context.Error.WriteLine($"wrote {outputFile}");
    }

    public static void WriteBytes(CliContext context, string? outputFile, byte[] bytes, string format)
    {
        if (outputFile is null)
        {
            throw new CliInputException($"--format {format} writes binary data: give --output FILE");
        }

        WriteFile(outputFile, bytes);
        context.Error.WriteLine($"wrote {outputFile} ({bytes.Length} bytes)");
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"--output: cannot write '{path}': {e.Message}", e);
        }
    }
}
