using System;
using System.IO;
using System.Reflection;
using XenExtRegions.IO;

namespace XenExtRegions.Tests.IO;

/// <summary>Runs alone: it switches the probe, process-wide, to its no-shim fallback.</summary>
[CollectionDefinition(nameof(FileTypeProbeRunsAlone), DisableParallelization = true)]
public sealed class FileTypeProbeRunsAlone
{
}

/// <summary>
/// On a runtime without libSystem.Native's stat the probe cannot tell a regular file from a FIFO or a device: it must
/// then say Unknown for anything that is not a directory (never Regular, which would let a FIFO be read whole), and
/// Missing only when nothing is there.
/// </summary>
[Collection(nameof(FileTypeProbeRunsAlone))]
public sealed class FileTypeProbeWithoutShimTests : IDisposable
{
    private static readonly FieldInfo ShimMissing =
        typeof(FileTypeProbe).GetField("_shimMissing", BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-noshim-" + Guid.NewGuid().ToString("N"));

    public FileTypeProbeWithoutShimTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Without_the_shim_only_directories_and_missing_paths_are_told()
    {
        string file = Path.Combine(_dir, "a.dtb");
        File.WriteAllBytes(file, [1]);
        bool before = (bool)ShimMissing.GetValue(null)!;
        ShimMissing.SetValue(null, true);
        try
        {
            Assert.Equal(FileType.Directory, FileTypeProbe.Probe(_dir));
            Assert.Equal(FileType.Unknown, FileTypeProbe.Probe(file));
            Assert.Equal(FileType.Missing, FileTypeProbe.Probe(Path.Combine(_dir, "none")));
        }
        finally
        {
            ShimMissing.SetValue(null, before);
        }

        if (Path.DirectorySeparatorChar == '/')
        {
            Assert.Equal(FileType.Regular, FileTypeProbe.Probe(file)); // and back with the shim
        }
    }
}
