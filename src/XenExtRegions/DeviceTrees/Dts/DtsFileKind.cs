using XenExtRegions.IO;

namespace XenExtRegions.DeviceTrees;

/// <summary>The DTS reader's question to <see cref="FileTypeProbe"/>: may this file be opened and read whole?</summary>
internal static class DtsFileKind
{
    /// <summary>
    /// True when <paramref name="fullPath"/> (links followed) is a regular file, or is missing (opening it then reports
    /// the real error); false when it is something else; null when this runtime cannot tell (no shim, e.g. Mono), and
    /// then only the bounded read protects.
    /// </summary>
    public static bool? IsRegularFile(string fullPath) => FileTypeProbe.Probe(fullPath) switch
    {
        FileType.Regular or FileType.Missing => true,
        FileType.Unknown => null,
        _ => false,
    };
}
