using System;
using System.IO;
using System.Runtime.InteropServices;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// The tool reads the user's own DTS files as dtc does: includes relative to the file, anywhere the user can read,
/// but never a device (which would hang the tool or fill its memory).
/// </summary>
public sealed class CliDtsIncludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-cli-dts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Includes_resolve_next_to_the_file_and_may_climb_out_of_its_directory()
    {
        Write("common/memory.dtsi", "/ { memory@40000000 { device_type = \"memory\"; reg = <0x40000000 0x10000000>; }; };");
        Write("boards/soc.dtsi", "/include/ \"../common/memory.dtsi\"\n/ { soc-marker; };");
        string board = Write("boards/board.dts", "/dts-v1/;\n/include/ \"soc.dtsi\"\n/ { model = \"m\"; };");
        CliResult result = CliRunner.Run("dt", "dump", board);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("soc-marker", result.Out, StringComparison.Ordinal);
        Assert.Contains("memory@40000000", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_of_a_device_exits_2_with_the_place()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Skip("Needs /dev/zero.");
        }

        string board = Write("board.dts", "/dts-v1/;\n/include/ \"/dev/zero\"\n/ { };");
        CliResult result = CliRunner.Run("dt", "dump", board);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(board + ":2:10:", result.Error, StringComparison.Ordinal);
        Assert.Contains("not a regular file", result.Error, StringComparison.Ordinal);
    }
}
