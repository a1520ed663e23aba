using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Cli;

/// <summary>dt regs lists every node that has reg: decoded, untranslatable, or not a CPU address with the reason.</summary>
public sealed class DtRegsCommandTests : IDisposable
{
    private const string Source = """
        /dts-v1/;
        / {
            #address-cells = <1>; #size-cells = <1>;
            reg = <0x0 0x1000>;
            cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { reg = <0>; }; };
            soc { #address-cells = <1>; #size-cells = <0>; ranges; dev@1 { reg = <1>; }; };
            i2c@1000 { #address-cells = <1>; #size-cells = <0>; reg = <0x1000 0x100>; rtc@68 { reg = <0x68>; }; };
            empty@0 { reg; };
            odd@2000 { reg = <0x2000 0x10 0x5>; };
            pcie@10000000 { device_type = "pci"; #address-cells = <3>; #size-cells = <2>; ranges;
                reg = <0x10000000 0x1000>; dev@0,0 { reg = <0 0 0 0 0>; }; };
            bus { #address-cells = <1>; #size-cells = <1>; ranges = <0x0 0x10000000 0x1000>; dev@5000 { reg = <0x5000 0x100>; }; };
        };
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("xer-regs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write()
    {
        string path = Path.Combine(_dir, "odd.dts");
        File.WriteAllText(path, Source);
        return path;
    }

    [Fact]
    public void Json_names_every_node_with_reg_and_the_reason_for_those_without_a_cpu_address()
    {
        CliResult result = CliRunner.Run("dt", "regs", Write(), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(result.Out);
        string[] Paths(string section) => doc.RootElement.GetProperty(section).EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        var notes = doc.RootElement.GetProperty("notAddresses").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => (Id: e.GetProperty("id").GetString(), Reason: e.GetProperty("reason").GetString()!));

        Assert.Equal("RootReg", notes["/"].Id);
        Assert.Equal("NotOnABus", notes["/cpus/cpu@0"].Id);
        Assert.Equal("InvalidCellCountNoAddresses", notes["/soc/dev@1"].Id);
        Assert.Equal("NotOnABus", notes["/i2c@1000/rtc@68"].Id);
        Assert.Equal("EmptyAddressProperty", notes["/empty@0"].Id);
        Assert.Equal("TrailingPartialTuple", notes["/odd@2000"].Id);
        Assert.Equal("RegUnderPciBus", notes["/pcie@10000000/dev@0,0"].Id);
        Assert.All(notes.Values, n => Assert.False(string.IsNullOrWhiteSpace(n.Reason)));
        Assert.Contains("/i2c@1000", Paths("regs"));
        Assert.Contains("/odd@2000", Paths("regs")); // its whole tuple is listed, the partial one noted
        Assert.Equal(new[] { "/bus/dev@5000" }, Paths("errors"));

        // Nothing with reg is left out.
        DeviceTree tree = DtsReader.Parse(Source, "odd.dts");
        var listed = Paths("regs").Concat(Paths("errors")).Concat(notes.Keys).ToHashSet(StringComparer.Ordinal);
        Assert.All(tree.Nodes.Where(n => n.HasProperty("reg")), n => Assert.Contains(n.Path, listed));
    }

    [Fact]
    public void Table_has_a_section_for_reg_that_is_not_a_cpu_address()
    {
        CliResult result = CliRunner.Run("dt", "regs", Write());

        Assert.True(result.ExitCode == 0, result.ToString());
        string section = result.Out[result.Out.IndexOf("reg not read as CPU addresses", StringComparison.Ordinal)..];
        string rtc = Assert.Single(section.Split('\n'), l => l.StartsWith("/i2c@1000/rtc@68 ", StringComparison.Ordinal));
        Assert.Contains("reg ignored because /i2c@1000 is not a bus", rtc, StringComparison.Ordinal);
        Assert.Contains("/pcie@10000000/dev@0,0", section, StringComparison.Ordinal);
        Assert.Contains("assigned-addresses", section, StringComparison.Ordinal);
    }
}
