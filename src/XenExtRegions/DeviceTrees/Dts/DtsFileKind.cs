using System;
using System.IO;
using System.Runtime.InteropServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Tells regular files from devices, FIFOs, sockets and directories before one is opened: opening a FIFO blocks until
/// a writer comes, and a device such as <c>/dev/zero</c> never ends. .NET's <see cref="FileAttributes"/> say
/// <c>Normal</c> for all of these on Unix, so there the file type comes from <c>stat</c> through the runtime's own
/// native shim (libSystem.Native, whose <c>FileStatus</c> has held <c>Mode</c> at offset 4 since .NET Core 1.0).
/// </summary>
internal static class DtsFileKind
{
    private const int TypeMask = 0xF000; // S_IFMT: the POSIX type bits, which the shim passes through unchanged.
    private const int RegularType = 0x8000; // S_IFREG

    private static bool _shimMissing;

    /// <summary>
    /// True when <paramref name="fullPath"/> (links followed) is a regular file; false when it is something else;
    /// null when this runtime cannot tell (no shim, e.g. Mono), and then only the bounded read protects.
    /// </summary>
    public static bool? IsRegularFile(string fullPath)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // \\.\ names devices (CON, PhysicalDrive0, pipes); the Device attribute marks the rest.
            if (fullPath.StartsWith(@"\\.\", StringComparison.Ordinal))
            {
                return false;
            }

            FileAttributes attributes = File.GetAttributes(fullPath);
            return (attributes & (FileAttributes.Device | FileAttributes.Directory)) == 0;
        }

        if (_shimMissing)
        {
            return null;
        }

        byte[] path = System.Text.Encoding.UTF8.GetBytes(fullPath + "\0");
        int[] status = new int[64]; // Larger than any FileStatus the shim has had (about 130 bytes).
        try
        {
            if (NativeMethods.SystemNativeStat(path, status) != 0)
            {
                // Missing or unreadable: opening it reports the real error.
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _shimMissing = true;
            return null;
        }

        return (status[1] & TypeMask) == RegularType;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SystemNativeStat(byte[] path, [Out] int[] status);
    }
}
