using System;
using System.IO;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Cli.Shared;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// Reads user files whole: <c>-</c> is standard input; only regular files are opened (a device, FIFO, socket or
/// directory is refused before opening, since a FIFO blocks and <c>/dev/zero</c> never ends); every read is bounded.
/// Every failure is a <see cref="CliInputException"/> (exit 2) whose message starts with the option or argument name.
/// </summary>
internal static class InputFiles
{
    /// <summary>The most a device tree (DTB or DTS) may have: the DTB and DTS readers' own default limit.</summary>
    public const long MaxTreeBytes = DtbReaderOptions.DefaultMaxTotalSize;

    /// <summary>The most a Xen boot log may have: real ones are a few hundred KiB.</summary>
    public const long MaxLogBytes = 64L * 1024 * 1024;

    /// <summary>Reads a device tree (DTB or DTS), at most <see cref="MaxTreeBytes"/>.</summary>
    /// <param name="path">The path as given; <c>-</c> for standard input.</param>
    /// <param name="what">The option or argument that gave it (<c>--dtb</c>, <c>FILE</c>), for messages.</param>
    public static byte[] ReadBytes(string path, string what) => ReadBytes(path, what, MaxTreeBytes);

    /// <summary>Reads a file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="path">The path as given; <c>-</c> for standard input.</param>
    /// <param name="what">The option or argument that gave it, for messages.</param>
    /// <param name="maxBytes">The most accepted.</param>
    public static byte[] ReadBytes(string path, string what, long maxBytes)
    {
        if (StandardStreams.IsStandard(path))
        {
            byte[] input = StandardStreams.Current.ReadInput(what, maxBytes);
            CliDiagnostics.Current.Debug($"{what}: read {input.Length} bytes from {StandardStreams.InputName}");
            return input;
        }

        string? refusal = FileTypeProbe.Probe(path) switch
        {
            FileType.Missing => "does not exist",
            FileType.Directory => "is a directory",
            FileType.Device => "is a device, not a regular file",
            FileType.Fifo => "is a FIFO, not a regular file",
            FileType.Socket => "is a socket, not a regular file",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new CliInputException($"{what}: {path} {refusal}");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            long length = stream.CanSeek ? stream.Length : 0;
            if (length > maxBytes)
            {
                throw TooLarge(path, what, length.ToString(System.Globalization.CultureInfo.InvariantCulture), maxBytes);
            }

            // Bounded even when the length said less: the file may grow, or be something the probe could not tell.
            byte[] bytes = BoundedRead.ReadAll(stream, maxBytes) ?? throw TooLarge(path, what, "more than " + maxBytes, maxBytes);
            CliDiagnostics.Current.Debug($"{what}: read {bytes.Length} bytes from {path}");
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliInputException($"{what}: {path} does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliInputException($"{what}: {path}: permission denied", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"{what}: cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a text file (UTF-8) of at most <paramref name="maxBytes"/>, by default <see cref="MaxLogBytes"/>.</summary>
    /// <param name="path">The path as given; <c>-</c> for standard input.</param>
    /// <param name="what">The option or argument that gave it, for messages.</param>
    /// <param name="maxBytes">The most accepted.</param>
    public static string ReadText(string path, string what, long maxBytes = MaxLogBytes) =>
        new System.Text.UTF8Encoding(false).GetString(ReadBytes(path, what, maxBytes)).TrimStart('\uFEFF');

    /// <summary>The name to show for <paramref name="path"/> in messages and reports: <c>&lt;stdin&gt;</c> for <c>-</c>.</summary>
    public static string DisplayName(string path) => StandardStreams.IsStandard(path) ? StandardStreams.InputName : path;

    private static CliInputException TooLarge(string path, string what, string size, long maxBytes) =>
        new($"{what}: {path} is {size} bytes, more than the {maxBytes} bytes ({BoundedRead.Describe(maxBytes)}) accepted here");
}
