using System;
using System.IO;
using System.Reflection;
using XenExtRegions.IO;

namespace XenExtRegions.Tests.IO;

/// <summary>
/// The Windows half of the probe (file attributes, <c>\\.\</c> device names) runs only on Windows; its rules are plain
/// .NET calls that behave the same here, so it is called directly to keep them guarded on every CI machine.
/// </summary>
public sealed class FileTypeProbeWindowsRulesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xer-win-" + Guid.NewGuid().ToString("N"));

    public FileTypeProbeWindowsRulesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FileType ProbeWindows(string path) => (FileType)typeof(FileTypeProbe)
        .GetMethod("ProbeWindows", BindingFlags.NonPublic | BindingFlags.Static)!
        .Invoke(null, [path])!;

    [Fact]
    public void Device_namespace_paths_are_devices_without_looking()
    {
        Assert.Equal(FileType.Device, ProbeWindows(@"\\.\PhysicalDrive0"));
        Assert.Equal(FileType.Device, ProbeWindows(@"\\.\pipe\x"));
    }

    [Fact]
    public void Attributes_tell_directories_from_regular_files()
    {
        string file = Path.Combine(_dir, "a.dtb");
        File.WriteAllBytes(file, [1]);
        Assert.Equal(FileType.Regular, ProbeWindows(file));
        Assert.Equal(FileType.Directory, ProbeWindows(_dir));
    }

    [Fact]
    public void A_missing_file_or_folder_on_the_way_is_missing_and_an_unusable_path_unknown()
    {
        Assert.Equal(FileType.Missing, ProbeWindows(Path.Combine(_dir, "none")));
        Assert.Equal(FileType.Missing, ProbeWindows(Path.Combine(_dir, "none", "deeper")));
        Assert.Equal(FileType.Unknown, ProbeWindows(string.Empty));
    }
}
