using System;
using System.IO;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary><c>dt convert</c> with dtc's -@ and -b, and <c>dt overlay</c> on DTS bases and overlays.</summary>
public sealed class DtConvertOverlayTests : IDisposable
{
    private const string Base = "/dts-v1/;\n/ { cpus { #address-cells = <1>; #size-cells = <0>; cpu@3 { reg = <3>; }; }; soc { u: uart { status = \"disabled\"; }; }; };\n";
    private const string Overlay = "/dts-v1/;\n/plugin/;\n&u { status = \"okay\"; };\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("xer-dt-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("-@")]
    [InlineData("--symbols")]
    public void Symbols_flag_adds_symbols_and_phandles_as_dtc_does(string flag)
    {
        string output = Path.Combine(_dir, "out.dtb");
        CliResult result = CliRunner.Run("dt", "convert", flag, Write("base.dts", Base), output);
        Assert.True(result.ExitCode == 0, result.ToString());
        DeviceTree tree = DtbReader.Read(File.ReadAllBytes(output));
        Assert.Equal("/soc/uart", tree.FindNode("/__symbols__")!.GetProperty("u")!.GetString());
        Assert.Equal(1u, tree.FindNode("/soc/uart")!.Phandle);
        Assert.Null(DtbReader.Read(Convert(Base)).FindNode("/__symbols__"));
    }

    [Fact]
    public void Boot_cpu_is_guessed_from_cpus_or_set_with_b()
    {
        Assert.Equal(3u, DtbReader.Read(Convert(Base)).BootCpuIdPhys);
        Assert.Equal(0x10u, DtbReader.Read(Convert(Base, "-b", "0x10")).BootCpuIdPhys);
        Assert.Equal(9u, DtbReader.Read(Convert(Base, "--boot-cpu", "9")).BootCpuIdPhys);
    }

    [Fact]
    public void Boot_cpu_also_sets_a_blobs_header()
    {
        string blob = Path.Combine(_dir, "in.dtb");
        File.WriteAllBytes(blob, Convert(Base));
        string output = Path.Combine(_dir, "out.dtb");
        CliResult result = CliRunner.Run("dt", "convert", "-b", "5", blob, output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5u, DtbReader.Read(File.ReadAllBytes(output)).BootCpuIdPhys);
    }

    [Fact]
    public void A_boot_cpu_beyond_32_bits_is_a_usage_error()
    {
        CliResult result = CliRunner.Run("dt", "convert", "-b", "0x100000000", Write("base.dts", Base), Path.Combine(_dir, "out.dtb"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--boot-cpu", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_source_compiles_to_an_overlay_blob()
    {
        DeviceTree tree = DtbReader.Read(Convert(Overlay));
        Assert.Equal("/fragment@0:target:0", tree.FindNode("/__fixups__")!.GetProperty("u")!.GetString());
    }

    [Fact]
    public void Overlay_takes_a_DTS_base_and_a_DTS_overlay()
    {
        string output = Path.Combine(_dir, "merged.dts");
        CliResult result = CliRunner.Run("dt", "overlay", Write("base.dts", Base), Write("ov.dts", Overlay), "-o", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        string text = File.ReadAllText(output);
        Assert.Contains("u: uart {", text, StringComparison.Ordinal);
        Assert.Contains("status = \"okay\";", text, StringComparison.Ordinal);
    }

    private byte[] Convert(string source, params string[] flags)
    {
        string output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".dtb");
        CliResult result = CliRunner.Run(["dt", "convert", .. flags, Write(Guid.NewGuid().ToString("N") + ".dts", source), output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(output);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
