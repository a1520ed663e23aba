using System;
using System.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Reads a DTB blob into an immutable <see cref="DeviceTree"/>, checking it as libfdt does (header, blocks,
/// tokens) plus what a tree needs (unique property and node names, limits). Property values slice one copy of the
/// blob, and the tree keeps one small record per node in a single array: node and property objects are made when a
/// caller first reaches them (one per node or property, the same object every time, from any thread), so reading
/// costs one blob copy and a few large blocks, and a walk that looks at few nodes makes few objects.
/// </summary>
public static partial class DtbReader
{
    /// <summary>Reads a blob, taking a private copy of its <c>totalsize</c> bytes.</summary>
    /// <param name="blob">The blob; bytes past <c>totalsize</c> are ignored.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="DeviceTreeFormatException">The blob is malformed or breaks a limit; the exception says where.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds invalid limits.</exception>
    public static DeviceTree Read(ReadOnlySpan<byte> blob, DtbReaderOptions? options = null)
    {
        options ??= DtbReaderOptions.Default;
        options.Validate();
        FdtHeader header = FdtHeader.Read(blob);
        CheckTotalSize(header.TotalSize, options);
        return Build(blob.Slice(0, (int)header.TotalSize).ToArray(), header, options);
    }

    /// <summary>
    /// Reads a blob held in an array, sharing it: node names and property values are read from
    /// <paramref name="blob"/> when first asked for, so the caller must not change the array while the tree is in use
    /// (use <see cref="Read(ReadOnlySpan{byte}, DtbReaderOptions?)"/>, which copies, when that cannot be promised).
    /// </summary>
    /// <param name="blob">The blob; bytes past <c>totalsize</c> are ignored.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="DeviceTreeFormatException">The blob is malformed or breaks a limit; the exception says where.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="blob"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds invalid limits.</exception>
    public static DeviceTree Read(byte[] blob, DtbReaderOptions? options = null)
    {
        if (blob is null)
        {
            throw new ArgumentNullException(nameof(blob));
        }

        options ??= DtbReaderOptions.Default;
        options.Validate();
        FdtHeader header = FdtHeader.Read(blob);
        CheckTotalSize(header.TotalSize, options);
        return Build(blob, header, options);
    }

    /// <summary>Reads a DTB file, refusing files larger than <see cref="DtbReaderOptions.MaxTotalSize"/> before reading them.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="DeviceTreeFormatException">The file is malformed or too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DeviceTree ReadFile(string path, DtbReaderOptions? options = null)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        options ??= DtbReaderOptions.Default;
        options.Validate();
        long length = new FileInfo(path).Length;
        if (length > options.MaxTotalSize)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The file '{path}' is {length} bytes long, more than the limit of {options.MaxTotalSize} bytes (DtbReaderOptions.MaxTotalSize)."));
        }

        return Read(File.ReadAllBytes(path), options);
    }

    /// <summary>Reads a blob (taking a private copy), reporting a malformed blob as false instead of throwing.</summary>
    /// <param name="blob">The blob.</param>
    /// <param name="tree">The tree, on success.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <returns>True when the blob was read.</returns>
    public static bool TryRead(ReadOnlySpan<byte> blob, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceTree? tree, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DeviceTreeFormatException? error, DtbReaderOptions? options = null)
    {
        try
        {
            tree = Read(blob, options);
            error = null;
            return true;
        }
        catch (DeviceTreeFormatException e)
        {
            tree = null;
            error = e;
            return false;
        }
    }

    /// <summary>Reads a blob held in an array (sharing it), reporting a malformed blob as false instead of throwing.</summary>
    /// <param name="blob">The blob.</param>
    /// <param name="tree">The tree, on success.</param>
    /// <param name="error">What is wrong and where, on failure.</param>
    /// <param name="options">Limits; <see cref="DtbReaderOptions.Default"/> when null.</param>
    /// <returns>True when the blob was read.</returns>
    public static bool TryRead(byte[] blob, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceTree? tree, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out DeviceTreeFormatException? error, DtbReaderOptions? options = null)
    {
        try
        {
            tree = Read(blob, options);
            error = null;
            return true;
        }
        catch (DeviceTreeFormatException e)
        {
            tree = null;
            error = e;
            return false;
        }
    }

    private static void CheckTotalSize(uint totalSize, DtbReaderOptions options)
    {
        if (totalSize > (uint)options.MaxTotalSize)
        {
            throw new DeviceTreeFormatException(FormattableString.Invariant($"The blob's totalsize {totalSize} exceeds the limit of {options.MaxTotalSize} bytes (DtbReaderOptions.MaxTotalSize)."), 4);
        }
    }
}
