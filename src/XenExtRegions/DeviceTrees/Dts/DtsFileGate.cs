using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The only way the DTS reader reaches the file system: finds <c>/include/</c> and <c>/incbin/</c> files under
/// <see cref="DtsReaderOptions.FileAccess"/>, refuses anything but regular files, and reads within
/// <see cref="DtsReaderOptions.MaxTotalSize"/>, which it charges for the source text too.
/// </summary>
internal sealed class DtsFileGate
{
    private static readonly StringComparison PathComparison =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly DtsReaderOptions _options;
    private readonly List<string> _roots = new();
    private long _total;

    /// <param name="options">Validated options.</param>
    /// <param name="topDirectory">The directory of the top-level source, if it has one.</param>
    public DtsFileGate(DtsReaderOptions options, string? topDirectory)
    {
        _options = options;
        if (options.FileAccess == DtsFileAccess.SearchDirectoriesOnly)
        {
            if (topDirectory is not null)
            {
                _roots.Add(AsDirectory(Path.GetFullPath(topDirectory)));
            }

            foreach (string dir in options.IncludeDirectories)
            {
                _roots.Add(AsDirectory(Path.GetFullPath(dir)));
            }
        }
    }

    /// <summary>Counts <paramref name="bytes"/> read against <see cref="DtsReaderOptions.MaxTotalSize"/>.</summary>
    public void Charge(long bytes, DtsSourceLocation at)
    {
        if (bytes > _options.MaxTotalSize - _total)
        {
            throw at.Error(FormattableString.Invariant(
                $"The source text, included files and /incbin/ data come to more than {_options.MaxTotalSize} bytes (DtsReaderOptions.MaxTotalSize)."));
        }

        _total += bytes;
    }

    /// <summary>
    /// Finds the file an <c>/include/</c> or <c>/incbin/</c> names: next to the including file, then in the include
    /// directories; returns its full path. Throws when the mode forbids it or it is not a regular file.
    /// </summary>
    /// <param name="name">The file name as written.</param>
    /// <param name="directory">The including file's directory; null when the text has none.</param>
    /// <param name="directive">"/include/" or "/incbin/", for messages.</param>
    /// <param name="at">Where the directive is.</param>
    public string Resolve(string name, string? directory, string directive, DtsSourceLocation at)
    {
        if (_options.FileAccess == DtsFileAccess.None)
        {
            throw at.Error($"'{directive}' of '{Printable(name)}' refused: file access is disabled by DtsReaderOptions.FileAccess.");
        }

        if (name.Length == 0)
        {
            throw at.Error("The file name is empty.");
        }

        // File APIs throw ArgumentException for such names; the source is at fault, so say it as a syntax error.
        if (name.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || name.IndexOf('\0') >= 0)
        {
            throw at.Error($"The file name '{Printable(name)}' contains a NUL or another character no file name can hold.");
        }

        bool confined = _options.FileAccess == DtsFileAccess.SearchDirectoriesOnly;
        if (confined && Path.IsPathRooted(name))
        {
            throw at.Error($"'{directive}' of '{name}' refused: absolute paths are not allowed with DtsReaderOptions.FileAccess = SearchDirectoriesOnly.");
        }

        string? found = null;
        string? root = null;
        foreach (string candidate in Candidates(name, directory, confined))
        {
            string full = Path.GetFullPath(candidate);
            if (confined)
            {
                // Checked on the name alone, before looking at the disk, so a refusal does not tell whether the file exists.
                root = RootOf(full) ?? throw at.Error(
                    $"'{directive}' of '{name}' refused: it leads outside the search directories (DtsReaderOptions.FileAccess = SearchDirectoriesOnly).");
            }

            if (File.Exists(full))
            {
                found = full;
                break;
            }
        }

        if (found is null)
        {
            throw at.Error(FormattableString.Invariant(
                $"File '{name}' not found (looked next to the including file and in {_options.IncludeDirectories.Count} include directories)."));
        }

        if (root is not null && PassesThroughLinkOrFails(found, root))
        {
            throw at.Error($"'{directive}' of '{name}' refused: the path is or passes through a symbolic link (DtsReaderOptions.FileAccess = SearchDirectoriesOnly).");
        }

        EnsureRegular(found, name, at);
        return found;
    }

    /// <summary>Throws unless <paramref name="fullPath"/> is a regular file (or this runtime cannot tell).</summary>
    public static void EnsureRegular(string fullPath, string name, DtsSourceLocation at)
    {
        bool? regular;
        try
        {
            regular = DtsFileKind.IsRegularFile(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DtsSyntaxException($"Cannot read '{name}': {ex.Message}", at.File, at.Line, at.Column, ex);
        }

        if (regular == false)
        {
            throw at.Error($"'{name}' is not a regular file (a device, FIFO, socket or directory); only regular files are read.");
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes at <paramref name="offset"/> (null: the whole file, which must not grow
    /// while it is read), charging them against <see cref="DtsReaderOptions.MaxTotalSize"/> before allocating;
    /// <c>checkSize</c>, if given, sees the byte count before the buffer is allocated too (for per-property limits).
    /// </summary>
    public byte[] Read(string fullPath, string name, long offset, long? count, DtsSourceLocation at, Action<long>? checkSize = null)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, System.IO.FileAccess.Read, FileShare.Read, bufferSize: 1);
            long length = stream.Length;
            long available = length - Math.Min(offset, length);
            long wanted = count ?? available;
            if (wanted > available)
            {
                throw at.Error(FormattableString.Invariant($"'/incbin/' asks for {wanted} bytes at offset {offset} but '{name}' has only {available} there."));
            }

            checkSize?.Invoke(wanted);
            Charge(wanted, at);
            if (wanted > int.MaxValue - 64)
            {
                throw at.Error($"'{name}' is too large to read (more than 2 GB).");
            }

            var data = new byte[wanted];
            stream.Position = offset;
            int read = 0;
            while (read < wanted)
            {
                int r = stream.Read(data, read, (int)wanted - read);
                if (r <= 0)
                {
                    throw at.Error($"'{name}' ended early while being read (it shrank, or is not a regular file).");
                }

                read += r;
            }

            // A file read whole must end where its length said: one that keeps giving bytes is growing or a device.
            if (count is null && stream.ReadByte() >= 0)
            {
                throw at.Error($"'{name}' grew while being read, or is not a regular file.");
            }

            return data;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DtsSyntaxException($"Cannot read '{name}': {ex.Message}", at.File, at.Line, at.Column, ex);
        }
    }

    private IEnumerable<string> Candidates(string name, string? directory, bool confined)
    {
        if (Path.IsPathRooted(name))
        {
            yield return name;
            yield break;
        }

        // Confined text without a directory of its own (Parse without BaseDirectory) looks in the include directories
        // only: the current directory is ambient state, not something the caller chose to expose.
        if (directory is not null || !confined)
        {
            yield return Path.Combine(directory ?? Directory.GetCurrentDirectory(), name);
        }

        foreach (string dir in _options.IncludeDirectories)
        {
            yield return Path.Combine(dir, name);
        }
    }

    private string? RootOf(string fullPath)
    {
        foreach (string root in _roots)
        {
            if (fullPath.StartsWith(root, PathComparison))
            {
                return root;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the file, or a directory between it and <paramref name="root"/>, is a link (or junction), or when that
    /// cannot be checked. Links are refused rather than followed: netstandard2.0 has no portable way to resolve them.
    /// </summary>
    private static bool PassesThroughLinkOrFails(string fullPath, string root)
    {
        try
        {
            string? path = fullPath;
            while (path is not null && path.Length >= root.Length)
            {
                if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0)
                {
                    return true;
                }

                path = Path.GetDirectoryName(path);
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string AsDirectory(string fullPath) =>
        fullPath.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || fullPath.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? fullPath
            : fullPath + Path.DirectorySeparatorChar;

    private static string Printable(string name) => name.Replace('\0', '?');
}
