using System;
using System.IO;
using System.Runtime.InteropServices;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// A write-only stream over a Unix file descriptor (1 or 2) that writes with plain <c>write</c> calls at the
/// descriptor's own offset, as Console's streams do, but without setting up the terminal: Console's first write
/// starts a signal-handling thread and creates <see cref="Console.Out"/>, which a tool that exits a few
/// milliseconds later does not need.
/// </summary>
internal sealed class DescriptorStream : Stream
{
    // errno values: EPIPE is 32 on every Unix .NET runs on; EAGAIN is 11 on Linux, 35 on macOS and the BSDs.
    private const int BrokenPipe = 32;

    private static readonly int WouldBlock = OperatingSystem.IsLinux() ? 11 : 35;

    private readonly int _descriptor;
    private readonly bool _ignoreClosedPipe;

    /// <param name="descriptor">The descriptor: 1 or 2.</param>
    /// <param name="ignoreClosedPipe">True to drop writes to a closed pipe silently, as Console's streams do (standard error);
    /// false to report them as an <see cref="IOException"/>.</param>
    public DescriptorStream(int descriptor, bool ignoreClosedPipe)
    {
        _descriptor = descriptor;
        _ignoreClosedPipe = ignoreClosedPipe;
    }

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int written = NativeMethods.SystemNativeWrite(_descriptor, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (written < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == BrokenPipe && _ignoreClosedPipe)
                {
                    return;
                }

                if (errno == WouldBlock)
                {
                    // A descriptor someone made non-blocking: wait for room, as Console's streams do.
                    System.Threading.Thread.Sleep(1);
                    continue;
                }

                // The message Console's and FileStream's exceptions carry: the system's text for errno.
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }

            buffer = buffer[written..];
        }
    }

    private static class NativeMethods
    {
        // The runtime's own shim (retries on EINTR); NativeAOT links it in, the JIT runtime ships it.
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Write", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SystemNativeWrite(nint fd, ref byte buffer, int bufferSize);
    }
}
