using System;
using System.IO;
using XenExtRegions.IO;

namespace XenExtRegions.Tests.IO;

/// <summary>The file-type probe shared by the DTS reader and the tool: regular files only are read whole.</summary>
public sealed class FileTypeProbeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-probe-" + Guid.NewGuid().ToString("N"));

    public FileTypeProbeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Tells_regular_files_directories_and_missing_paths()
    {
        string file = Path.Combine(_dir, "a.dtb");
        File.WriteAllBytes(file, new byte[] { 1, 2, 3 });
        Assert.Equal(FileType.Regular, FileTypeProbe.Probe(file));
        Assert.Equal(FileType.Directory, FileTypeProbe.Probe(_dir));
        Assert.Equal(FileType.Missing, FileTypeProbe.Probe(Path.Combine(_dir, "none")));
        Assert.Equal(FileType.Missing, FileTypeProbe.Probe(Path.Combine(_dir, "none", "deeper")));
    }

    [Fact]
    public void Tells_devices_on_Unix()
    {
        if (Path.DirectorySeparatorChar != '/' || !File.Exists("/dev/null"))
        {
            Assert.Skip("Unix devices");
        }

        Assert.Equal(FileType.Device, FileTypeProbe.Probe("/dev/zero"));
        Assert.Equal(FileType.Device, FileTypeProbe.Probe("/dev/null"));
    }
}
