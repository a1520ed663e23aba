using System;
using System.IO;
using Microsoft.Win32.SafeHandles;
using XenExtRegions.Cli.Commands;

namespace XenExtRegions.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Console.Out drops writes to a closed pipe silently (EPIPE) on Unix; a stream over descriptor 1 reports them,
        // so a failed write is an error that names standard output (exit 2), as a full disk (ENOSPC) already is.
        using Stream? output = OpenOutputDescriptor();
        // Both streams print bytes of names and strings that are not valid UTF-8 as those bytes (RawByteUtf8Encoding), not as U+FFFD.
        using StreamWriter? owned = output is null ? null : new StreamWriter(output, Rendering.RawByteUtf8Encoding.Instance, 16 * 1024, leaveOpen: true);
        TextWriter text = owned ?? Console.Out;
        Stream errorStream = OperatingSystem.IsWindows() ? Console.OpenStandardError() : new DescriptorStream(2, ignoreClosedPipe: true);
        using var error = new StreamWriter(errorStream, Rendering.RawByteUtf8Encoding.Instance, 4096, leaveOpen: true) { AutoFlush = true };
        var streams = new StandardStreams(Console.OpenStandardInput, () => output ?? Console.OpenStandardOutput(), !Console.IsOutputRedirected);
        int exit = CliApp.Run(args, text, error, streams: streams);
        try
        {
            text.Flush();
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {StandardStreams.OutputName}: {e.Message}");
            return exit == CliApp.Ok ? CliApp.BadInput : exit;
        }

        return exit;
    }

    private static Stream? OpenOutputDescriptor()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            if (stream.CanSeek)
            {
                // A file (or /dev/null): FileStream writes at a position of its own and would not move the descriptor's
                // offset, which a shell's other commands writing to the same file share; plain writes do. Buffered
                // below like a pipe (Console.Out would flush every line, one write each, and print raw bytes as U+FFFD).
                stream.Dispose();
                return new DescriptorStream(1, ignoreClosedPipe: false);
            }

            return stream;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null; // descriptor 1 closed or unusable: Console.Out copes
        }
    }
}
