using System;
using System.IO;
using System.Runtime.InteropServices;

// The tool compiles this file in as well (XenExtRegions.Cli.csproj); its own namespace keeps the two copies apart
// where both assemblies show their internals (the tests).
#if XER_CLI
namespace XenExtRegions.Cli.Shared;
#else
namespace XenExtRegions.IO;
#endif

/// <summary>
/// Tells regular files from devices, FIFOs, sockets and directories before one is opened: opening a FIFO blocks until
/// a writer comes, and a device such as <c>/dev/zero</c> never ends. .NET's <see cref="FileAttributes"/> say
/// <c>Normal</c> for all of these on Unix, so there the file type comes from <c>stat</c> through the runtime's own
/// native shim (libSystem.Native, whose <c>FileStatus</c> has held <c>Mode</c> at offset 4 since .NET Core 1.0).
/// Shared by the DTS reader's file gate and the command-line tool's input files.
/// </summary>
internal static class FileTypeProbe
{
    // The shim passes the POSIX S_IFMT bits through unchanged (its PAL_S_IF* constants equal Linux's and macOS's).
    private const int TypeMask = 0xF000;
    private const int FifoType = 0x1000;
    private const int CharacterDeviceType = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDeviceType = 0x6000;
    private const int RegularType = 0x8000;
    private const int SocketType = 0xC000;

    private static bool _shimMissing;

    /// <summary>The type of <paramref name="path"/>, links followed.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>The type; <see cref="FileType.Unknown"/> when it cannot be told.</returns>
    public static FileType Probe(string path)
    {
        // Stryker disable all : Windows only, and the tests run on Linux (ProbeWindows itself is tested directly).
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return ProbeWindows(path);
        }

        // Stryker restore all

        if (_shimMissing)
        {
            return Directory.Exists(path) ? FileType.Directory : File.Exists(path) ? FileType.Unknown : FileType.Missing;
        }

        byte[] native = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        int[] status = new int[64]; // Larger than any FileStatus the shim has had (about 130 bytes).
        try
        {
            if (NativeMethods.SystemNativeStat(native, status) != 0)
            {
                // Missing, or a directory on the way cannot be searched: tell the first; opening reports the rest.
                return File.Exists(path) || Directory.Exists(path) ? FileType.Unknown : FileType.Missing;
            }
        }
        // Stryker disable all : entered only on a runtime whose System.Native lacks SystemNative_Stat; every runtime the tests run on has it.
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _shimMissing = true;
            return Probe(path);
        }

        // Stryker restore all

        return (status[1] & TypeMask) switch
        {
            RegularType => FileType.Regular,
            DirectoryType => FileType.Directory,
            CharacterDeviceType or BlockDeviceType => FileType.Device,
            FifoType => FileType.Fifo,
            SocketType => FileType.Socket,
            _ => FileType.Unknown,
        };
    }

    private static FileType ProbeWindows(string path)
    {
        // \\.\ names devices (CON, PhysicalDrive0, pipes); the Device attribute marks the rest.
        if (path.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return FileType.Device;
        }

        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileType.Missing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return FileType.Unknown;
        }

        // Stryker disable once all : Windows alone sets FileAttributes.Device, and the tests run on Linux.
        return (attributes & FileAttributes.Directory) != 0 ? FileType.Directory
            : (attributes & FileAttributes.Device) != 0 ? FileType.Device
            : FileType.Regular;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SystemNativeStat(byte[] path, [Out] int[] status);
    }
}
