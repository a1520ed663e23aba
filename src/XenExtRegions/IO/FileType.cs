// The tool compiles this file in as well (XenExtRegions.Cli.csproj); its own namespace keeps the two copies apart
// where both assemblies show their internals (the tests).
#if XER_CLI
namespace XenExtRegions.Cli.Shared;
#else
namespace XenExtRegions.IO;
#endif

/// <summary>What a path names, as far as reading it whole is concerned.</summary>
internal enum FileType
{
    /// <summary>This runtime cannot tell (no stat shim), or the path cannot be examined: opening it reports why.</summary>
    Unknown,

    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A regular file: the only kind read whole.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A character or block device (<c>/dev/zero</c>, a disk).</summary>
    Device,

    /// <summary>A named pipe: opening it blocks until a writer comes.</summary>
    Fifo,

    /// <summary>A Unix socket.</summary>
    Socket,
}
