using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Tests.DeviceTrees;

namespace XenExtRegions.Tests.Boot;

/// <summary>
/// Every recorded real Xen boot (Boot/Fixtures/real/&lt;xen&gt;-&lt;case&gt;/, recorded by
/// Boot/recording/record-boots.sh) is complete and consistent, so a broken or half-copied fixture fails CI before
/// the replay tests read it. Uses library APIs only: this file also compiles in XenExtRegions.Tests.NetStandard.
/// </summary>
public sealed class RealBootFixtureTests
{
    private const int MaxFixtureBytes = 200 * 1024;

    private static readonly string[] RequiredFiles = ["host.dts", "host.dtb", "serial.log", "case.json"];

    private static readonly string[] CaseKeys = ["xen", "qemu", "command", "bootargs", "expect"];

    private static readonly Regex Banner = new(@"\(XEN\) Xen version (\d+\.\d+)\S* .*?\(pkg-xen", RegexOptions.CultureInvariant);

    private static readonly Regex RegionOutcome = new(
        @"\(XEN\) d\d+: (extended region \d+: 0x[0-9a-f]+->0x[0-9a-f]+|extended regions support is disabled)\r?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static string Root => Path.Combine(AppContext.BaseDirectory, "Boot", "Fixtures", "real");

    public static TheoryData<string> Fixtures
    {
        get
        {
            var data = new TheoryData<string>();
            if (Directory.Exists(Root))
            {
                foreach (string dir in Directory.GetDirectories(Root).OrderBy(d => d, StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(dir));
                }
            }

            return data;
        }
    }

    [Fact]
    public void Fixtures_are_copied_to_the_test_output_for_both_xen_lines()
    {
        string[] names = Directory.Exists(Root) ? Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).ToArray() : [];
        Assert.Contains(names, n => n.StartsWith("4.17-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("4.20-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_has_every_file_and_stays_small(string fixture)
    {
        string dir = Path.Combine(Root, fixture);
        foreach (string file in RequiredFiles)
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{fixture}: {file} is missing");
        }

        long total = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
        Assert.True(total <= MaxFixtureBytes, $"{fixture}: {total} bytes, more than {MaxFixtureBytes}");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Serial_log_has_the_banner_of_the_folder_s_xen_line_and_a_region_outcome(string fixture)
    {
        string serial = Read(fixture, "serial.log");
        Match banner = Banner.Match(serial);
        Assert.True(banner.Success, $"{fixture}: serial.log has no 'Xen version' banner");
        Assert.StartsWith(banner.Groups[1].Value + "-", fixture, StringComparison.Ordinal);
        Assert.True(RegionOutcome.IsMatch(serial), $"{fixture}: serial.log has no 'extended region' or 'extended regions support is disabled' line");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Host_dtb_reads_and_carries_the_case_s_xen_command_line(string fixture)
    {
        DeviceTree tree = DtbReader.ReadFile(Path.Combine(Root, fixture, "host.dtb"));
        DeviceTreeNode chosen = tree.FindNode("/chosen") ?? throw new InvalidOperationException($"{fixture}: host.dtb has no /chosen");
        string? bootargs = null;
        Assert.True(chosen.GetProperty("xen,xen-bootargs")?.TryGetString(out bootargs) == true, $"{fixture}: no xen,xen-bootargs");
        Assert.NotEmpty(tree.FindCompatible("multiboot,module"));

        using JsonDocument json = JsonDocument.Parse(Read(fixture, "case.json"));
        foreach (string key in CaseKeys)
        {
            Assert.True(json.RootElement.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String, $"{fixture}: case.json lacks \"{key}\"");
        }

        Assert.Equal(bootargs, json.RootElement.GetProperty("bootargs").GetString());
        Assert.StartsWith(fixture.Substring(0, 4), json.RootElement.GetProperty("xen").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Ring_log_when_present_holds_the_early_lines_and_the_same_command_line(string fixture)
    {
        string path = Path.Combine(Root, fixture, "ring.log");
        if (!File.Exists(path))
        {
            return;
        }

        string ring = Read(fixture, "ring.log");
        Assert.DoesNotContain("\0", ring, StringComparison.Ordinal);
        Assert.Contains("(XEN) RAM: ", ring, StringComparison.Ordinal);
        Assert.True(Banner.IsMatch(ring), $"{fixture}: ring.log has no banner");
        string? commandLine = ring.Split('\n').FirstOrDefault(l => l.StartsWith("(XEN) Command line: ", StringComparison.Ordinal));
        Assert.NotNull(commandLine);
        using JsonDocument json = JsonDocument.Parse(Read(fixture, "case.json"));
        Assert.Equal(json.RootElement.GetProperty("bootargs").GetString(), commandLine.Substring("(XEN) Command line: ".Length));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Host_dts_compiles_to_the_committed_host_dtb(string fixture)
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] compiled = DtcTool.RunDtc("-q", "-I", "dts", "-O", "dtb", Path.Combine(Root, fixture, "host.dts"));
        DeviceTree committed = DtbReader.ReadFile(Path.Combine(Root, fixture, "host.dtb"));
        DeviceTreeDifference? difference = DeviceTreeComparer.FindFirstDifference(DtbReader.Read(compiled), committed);
        Assert.True(difference is null, $"{fixture}: host.dts and host.dtb differ: {difference}");
    }

    private static string Read(string fixture, string file) =>
        Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Root, fixture, file)));
}
