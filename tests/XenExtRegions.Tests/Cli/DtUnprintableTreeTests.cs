using System;
using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>`dt convert` and `dt dump` on a blob DTS cannot express: exit 2, the writer's reason, the file's name, no output.</summary>
public sealed class DtUnprintableTreeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-unprintable-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Blob(DeviceTreeNode child)
    {
        string path = Path.Combine(_dir, "evil.dtb");
        File.WriteAllBytes(path, DtbWriter.Write(new DeviceTree(new DeviceTreeNode(string.Empty, null, new[] { child }))));
        return path;
    }

    private static void AssertRefused(CliResult result, string file, string reason)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {file}: cannot be printed as DTS: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void An_injecting_property_name_is_refused_by_convert_and_dump()
    {
        string dtb = Blob(new DeviceTreeNode("soc", new[] { new DeviceTreeProperty("x;/incbin/(\"/etc/hostname\");y", new byte[] { 0, 0, 0, 1 }) }));
        string dts = Path.Combine(_dir, "out.dts");
        AssertRefused(CliRunner.Run("dt", "convert", dtb, dts), dtb, "node /soc, property 'x;/incbin/(\"/etc/hostname\");y'");
        Assert.False(File.Exists(dts));
        AssertRefused(CliRunner.Run("dt", "dump", dtb), dtb, "character ';' (U+003B)");
    }

    [Fact]
    public void A_reserved_phandle_is_refused_by_convert_and_dump()
    {
        string dtb = Blob(new DeviceTreeNode("gic", new[] { new DeviceTreeProperty("phandle", new byte[] { 0xff, 0xff, 0xff, 0xff }) }));
        string dts = Path.Combine(_dir, "out.dts");
        AssertRefused(CliRunner.Run("dt", "convert", dtb, dts), dtb, "Phandle 0xffffffff is reserved");
        Assert.False(File.Exists(dts));
        AssertRefused(CliRunner.Run("dt", "dump", dtb), dtb, "node /gic, property 'phandle'");
    }
}
