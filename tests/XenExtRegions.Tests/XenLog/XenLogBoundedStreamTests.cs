using System;
using System.IO;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>The read-only view ParseFile reads through: it gives at most MaxLogBytes and names the file when there is more.</summary>
public sealed class XenLogBoundedStreamTests
{
    private static byte[] ReadAll(Stream stream, int chunk)
    {
        using var copy = new MemoryStream();
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            copy.Write(buffer, 0, n);
        }

        return copy.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(4096)]
    public void A_stream_exactly_at_the_limit_reads_whole_in_any_chunk_size(int chunk)
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        using var bounded = new XenLogBoundedStream(new MemoryStream(bytes), 10, "ring.log");
        Assert.Equal(bytes, ReadAll(bounded, chunk));
        Assert.Equal(10, bounded.Position);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(4096)]
    public void A_stream_past_the_limit_is_refused_naming_the_file(int chunk)
    {
        using var bounded = new XenLogBoundedStream(new MemoryStream(new byte[11]), 10, "ring.log");
        IOException ex = Assert.Throws<IOException>(() => ReadAll(bounded, chunk));
        Assert.Equal("'ring.log' grew past 10 bytes while being read (XenBootLogOptions.MaxLogBytes).", ex.Message);
    }

    [Fact]
    public void Reads_below_the_limit_give_what_was_asked()
    {
        using var bounded = new XenLogBoundedStream(new MemoryStream(new byte[100]), 10, "x");
        byte[] buffer = new byte[8];
        Assert.Equal(4, bounded.Read(buffer, 2, 4));
        Assert.Equal(4, bounded.Position);
        Assert.Equal(6, bounded.Read(buffer, 0, 6));
        Assert.Equal(10, bounded.Position);
    }

    [Fact]
    public void It_is_read_only_and_cannot_seek()
    {
        using var bounded = new XenLogBoundedStream(new MemoryStream(new byte[4]), 10, "x");
        Assert.True(bounded.CanRead);
        Assert.False(bounded.CanSeek);
        Assert.False(bounded.CanWrite);
        Assert.Throws<NotSupportedException>(() => bounded.Length);
        Assert.Throws<NotSupportedException>(() => bounded.Position = 0);
        Assert.Throws<NotSupportedException>(() => bounded.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => bounded.SetLength(1));
        Assert.Throws<NotSupportedException>(() => bounded.Write(new byte[1], 0, 1));
        bounded.Flush();
    }
}
