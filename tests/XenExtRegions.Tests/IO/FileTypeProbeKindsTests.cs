using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using XenExtRegions.IO;

namespace XenExtRegions.Tests.IO;

/// <summary>
/// Every kind of Unix file the probe tells apart, made for real in a scratch folder: a FIFO and a socket must never be
/// taken for a regular file (opening a FIFO blocks until a writer comes), and a link is followed to what it names.
/// </summary>
public sealed class FileTypeProbeKindsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-kinds-" + Guid.NewGuid().ToString("N"));

    public FileTypeProbeKindsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static bool IsUnix => Path.DirectorySeparatorChar == '/' && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    [Fact]
    public void A_named_pipe_is_a_fifo()
    {
        if (!IsUnix)
        {
            Assert.Skip("Unix FIFOs");
        }

        string fifo = Path.Combine(_dir, "pipe");
        Assert.Equal(0, NativeMethods.MkFifo(fifo, Convert.ToUInt32("600", 8)));
        Assert.Equal(FileType.Fifo, FileTypeProbe.Probe(fifo));
    }

    [Fact]
    public void A_unix_socket_is_a_socket()
    {
        if (!IsUnix)
        {
            Assert.Skip("Unix sockets");
        }

        string path = Path.Combine(_dir, "sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal(FileType.Socket, FileTypeProbe.Probe(path));
    }

    [Fact]
    public void A_block_device_is_a_device()
    {
        if (!IsUnix || !File.Exists("/dev/loop0"))
        {
            Assert.Skip("needs the block device /dev/loop0");
        }

        Assert.Equal(FileType.Device, FileTypeProbe.Probe("/dev/loop0"));
    }

    [Fact]
    public void Links_are_followed_and_a_dangling_link_is_not_called_missing()
    {
        if (!IsUnix)
        {
            Assert.Skip("Unix links");
        }

        string file = Path.Combine(_dir, "a.dtb");
        File.WriteAllBytes(file, [0xd0, 0x0d, 0xfe, 0xed]);
        string toFile = Path.Combine(_dir, "to-file");
        File.CreateSymbolicLink(toFile, file);
        string toDir = Path.Combine(_dir, "to-dir");
        File.CreateSymbolicLink(toDir, _dir);
        Assert.Equal(FileType.Regular, FileTypeProbe.Probe(toFile));
        Assert.Equal(FileType.Directory, FileTypeProbe.Probe(toDir));

        // stat fails, yet there is something at the path: opening it is what can say why, so the type is unknown.
        string dangling = Path.Combine(_dir, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "gone"));
        Assert.Equal(FileType.Unknown, FileTypeProbe.Probe(dangling));
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
    }
}
