using System;
using System.IO;

namespace XenExtRegions.Tests.Cli;

public sealed class MemreserveCliTests
{
    [Theory]
    [InlineData("4.17")]
    [InlineData("4.22")]
    public void A_tree_with_memreserve_gives_the_entries_to_the_engine_once(string release)
    {
        string path = Path.Combine(Path.GetTempPath(), $"memreserve-{Guid.NewGuid():N}.dts");
        File.WriteAllText(path, """
            /dts-v1/;
            /memreserve/ 0x90000000 0x4000000;
            / {
                #address-cells = <1>;
                #size-cells = <1>;
                memory@40000000 { device_type = "memory"; reg = <0x40000000 0x80000000>; };
            };
            """);
        try
        {
            CliResult result = CliRunner.Run("dom0", "--dtb", path, "--dom0-bank", "0x40000000:0x10000000", "--gnttab", "0x48000000:0x40000",
                "--xen-version", release, "--format", "json");
            Assert.True(result.ExitCode == 0, result.ToString());

            // 4.19+ cut the /memreserve/ entry out of Dom0's regions; 4.16-4.18 do not.
            bool removed = result.Out.Contains("\"start\": \"0x94000000\"", StringComparison.Ordinal);
            Assert.Equal(release == "4.22", removed);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
