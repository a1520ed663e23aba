namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Which files <c>/include/</c> and <c>/incbin/</c> may read (<see cref="DtsReaderOptions.FileAccess"/>). Whatever the
/// mode, only regular files are read (never devices, FIFOs, sockets or directories), each within
/// <see cref="DtsReaderOptions.MaxTotalSize"/>.
/// </summary>
public enum DtsFileAccess
{
    /// <summary>
    /// No file is read: any <c>/include/</c> or <c>/incbin/</c> is a <see cref="DtsSyntaxException"/>. The mode for
    /// text from a source you do not trust (see <see cref="DtsReaderOptions.Untrusted"/>).
    /// </summary>
    None = 0,

    /// <summary>
    /// Only files inside the search directories: the directory of the file given to <see cref="DtsReader.ParseFile"/>
    /// (or <see cref="DtsReaderOptions.BaseDirectory"/> for <see cref="DtsReader.Parse"/>; text without one has no
    /// directory of its own) and <see cref="DtsReaderOptions.IncludeDirectories"/>. Absolute names, names whose
    /// <c>..</c> lead out of those directories, and paths that are or pass through a symbolic link (or junction)
    /// below them are refused. For source you mostly trust, such as a checked-out board tree.
    /// </summary>
    SearchDirectoriesOnly = 1,

    /// <summary>
    /// Any file the process can read, including absolute paths, as dtc does. The default, for your own sources;
    /// never for text from elsewhere, which could then read any file of the machine into the tree.
    /// </summary>
    Unrestricted = 2,
}
