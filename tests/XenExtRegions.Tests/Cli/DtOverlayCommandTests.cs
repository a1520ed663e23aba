using System;
using System.IO;
using XenExtRegions.DeviceTrees;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.Cli;

/// <summary><c>dt overlay BASE OVERLAY... -o OUT</c>: fdtoverlay's command line on our library.</summary>
public sealed class DtOverlayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xer-dt-overlay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Overlays_are_applied_in_order_and_the_extension_picks_the_output_form()
    {
        string basePath = Write("base.dtb", Tree(N("soc", Cells("phandle", 1)), N("__symbols__", Str("soc", "/soc"))));
        string first = Write("first.dtbo", Tree(
            N("fragment@0", Cells("target", 0xffffffff), N("__overlay__", N("uart", Str("status", "okay")))),
            N("__fixups__", Str("soc", "/fragment@0:target:0"))));
        string second = Write("second.dtbo", Tree(N("fragment@0", Str("target-path", "/soc/uart"), N("__overlay__", Str("status", "disabled")))));
        string dtb = Path.Combine(_dir, "out.dtb");
        string dts = Path.Combine(_dir, "out.dts");

        CliResult binary = CliRunner.Run("dt", "overlay", basePath, first, second, "-o", dtb);
        CliResult source = CliRunner.Run("dt", "overlay", basePath, first, second, "-o", dts);

        Assert.True(binary.ExitCode == 0, binary.ToString());
        Assert.True(source.ExitCode == 0, source.ToString());
        Assert.Equal("disabled", DtbReader.Read(File.ReadAllBytes(dtb)).Find("/soc/uart").GetProperty("status")!.GetString());
        Assert.Contains("status = \"disabled\";", File.ReadAllText(dts), StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_writes_the_blob_to_standard_output()
    {
        byte[] baseBlob = DtbWriter.Write(Tree(N("soc")));
        string overlay = Write("o.dtbo", Tree(N("fragment@0", Str("target-path", "/soc"), N("__overlay__", Flag("marked")))));

        CliResult result = CliRunner.RunPiped(baseBlob, false, "dt", "overlay", "-", overlay, "-o", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(DtbReader.Read(result.Binary).Find("/soc").HasProperty("marked"));
    }

    [Fact]
    public void A_refused_overlay_exits_2_naming_the_overlay_file_and_the_cause()
    {
        string basePath = Write("nosym.dtb", Tree(N("soc", Cells("phandle", 1))));
        string overlay = Write("needs-labels.dtbo", Tree(
            N("fragment@0", Cells("target", 0xffffffff), N("__overlay__", Flag("x"))),
            N("__fixups__", Str("soc", "/fragment@0:target:0"))));

        CliResult result = CliRunner.Run("dt", "overlay", basePath, overlay, "-o", Path.Combine(_dir, "x.dtb"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs-labels.dtbo", result.Error, StringComparison.Ordinal);
        Assert.Contains("compile it with dtc -@", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_name_without_a_known_extension_is_refused()
    {
        string basePath = Write("b.dtb", Tree());
        CliResult result = CliRunner.Run("dt", "overlay", basePath, basePath, "-o", Path.Combine(_dir, "out.bin"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("out.bin", result.Error, StringComparison.Ordinal);
    }

    private string Write(string name, DeviceTree tree)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, DtbWriter.Write(tree));
        return path;
    }
}
