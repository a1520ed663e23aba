using System;
using System.IO;
using System.Runtime.InteropServices;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The C peers of bench/peer/fdtpeer.c (libfdt walks and a plain validating loop), loaded from the path in
/// <c>XER_FDT_PEER</c> (set by bench/side-by-side.sh). Nothing is loaded until a peer is first called, so the
/// benchmark project builds and runs its other modes without libfdt.
/// </summary>
internal static class NativePeer
{
    /// <summary>The environment variable holding the shared library's path.</summary>
    public const string PathVariable = "XER_FDT_PEER";

    private const string LibraryName = "xerfdtpeer";

    /// <summary>Points P/Invoke at <paramref name="path"/> for this assembly's <c>xerfdtpeer</c> imports.</summary>
    /// <param name="path">The built shared library.</param>
    public static void Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The C peer library '{path}' does not exist (bench/side-by-side.sh builds it; {PathVariable} names it).", path);
        }

        IntPtr handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(
            typeof(NativePeer).Assembly,
            (name, _, _) => name == LibraryName ? handle : IntPtr.Zero);
    }

    /// <summary>libfdt's <c>fdt_next_tag</c> over every token, names and values read through libfdt.</summary>
    public static long LibfdtTagWalk(byte[] blob) => Check(NativeMethods.xer_libfdt_tag_walk(blob, blob.Length), "xer_libfdt_tag_walk");

    /// <summary>The plain validating C loop over the tokens.</summary>
    public static long PlainWalk(byte[] blob) => Check(NativeMethods.xer_plain_walk(blob, blob.Length), "xer_plain_walk");

    /// <summary>libfdt's node walk with every property's name and value.</summary>
    public static long LibfdtFullWalk(byte[] blob) => Check(NativeMethods.xer_libfdt_full_walk(blob, blob.Length), "xer_libfdt_full_walk");

    private static long Check(long result, string function) =>
        result >= 0 ? result : throw new InvalidDataException(FormattableString.Invariant($"{function} rejected the blob ({result})."));

    private static class NativeMethods
    {
        [DllImport(LibraryName)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long xer_libfdt_tag_walk(byte[] blob, nint size);

        [DllImport(LibraryName)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long xer_plain_walk(byte[] blob, nint size);

        [DllImport(LibraryName)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long xer_libfdt_full_walk(byte[] blob, nint size);
    }
}
