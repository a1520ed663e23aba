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
        long total = 0;
        if (stream.CanSeek && stream.Length - stream.Position is long expected and > 0 && expected <= maxBytes)
        {
            // A file that says its length: read it into an array of that size (no chunk, no copies), then make sure
            // it has really ended there; a file that grew meanwhile goes on below like a pipe.
            byte[] whole = new byte[expected];
            int got = ReadFully(stream, whole);
            if (got < whole.Length)
            {
                return whole.AsSpan(0, got).ToArray(); // it shrank: what is there is all there is
            }

            int next = stream.ReadByte();
            if (next < 0)
            {
                return whole;
            }

            buffer.Write(whole, 0, got);
            buffer.WriteByte((byte)next);
            total = got + 1L;
            if (total > maxBytes)
            {
                return null;
            }
        }

        byte[] chunk = new byte[81920];
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

    private static int ReadFully(Stream stream, byte[] into)
    {
        int at = 0;
        while (at < into.Length)
        {
            int read = stream.Read(into, at, into.Length - at);
            if (read <= 0)
            {
                break;
            }

            at += read;
        }

        return at;
    }

    /// <summary>A limit for messages: "64 MiB".</summary>
    public static string Describe(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} bytes";
}
