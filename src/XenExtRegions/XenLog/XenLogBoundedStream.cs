using System;
using System.IO;

namespace XenExtRegions.XenLog;

/// <summary>A read-only view of a stream that refuses to give more than a limit: a file that grows while it is read cannot exhaust memory.</summary>
internal sealed class XenLogBoundedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly string _name;
    private long _read;

    public XenLogBoundedStream(Stream inner, long limit, string name)
    {
        _inner = inner;
        _limit = limit;
        _name = name;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        // A read is at most count bytes, so the check after it bounds memory; a file exactly at the limit reads whole.
        int n = _inner.Read(buffer, offset, count);
        _read += n;
        if (_read > _limit)
        {
            throw new IOException(FormattableString.Invariant(
                $"'{_name}' grew past {_limit} bytes while being read (XenBootLogOptions.MaxLogBytes)."));
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
