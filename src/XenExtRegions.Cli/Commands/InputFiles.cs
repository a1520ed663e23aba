using System;
using System.IO;

namespace XenExtRegions.Cli.Commands;

/// <summary>Reads user files, turning every I/O failure into a message that names the option and file (exit 2).</summary>
internal static class InputFiles
{
    // Far above any real DTB or boot log; refuses to load a disk image by mistake.
    private const long MaxBytes = 256L * 1024 * 1024;

    public static byte[] ReadBytes(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliInputException($"{what}: file '{path}' does not exist");
            }

            if (info.Length > MaxBytes)
            {
                throw new CliInputException($"{what}: file '{path}' is {info.Length} bytes, larger than the {MaxBytes} bytes accepted");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliInputException($"{what}: cannot read '{path}': {e.Message}", e);
        }
    }

    public static string ReadText(string path, string what) =>
        System.Text.Encoding.UTF8.GetString(ReadBytes(path, what));
}
