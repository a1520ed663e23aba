using System;
using System.IO;

namespace XenExtRegions.Cli.Commands;

/// <summary>Reads a stream to its end without ever holding more than a limit, whatever its length claims.</summary>
internal static class BoundedRead
{
    /// <summary>All the bytes of <paramref name="stream"/>, or null when it has more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? ReadAll(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        long total = 0;
        while (true)
        {
            int want = (int)Math.Min(chunk.Length, maxBytes + 1 - total);
            int read = stream.Read(chunk, 0, want);
            if (read <= 0)
            {
                return buffer.ToArray();
            }

            total += read;
            if (total > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>A limit for messages: "64 MiB".</summary>
    public static string Describe(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} bytes";
}
