using System.Linq;
using XenExtRegions.Cli.Boards;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Cli;

/// <summary>The library example of README.md ("The library in a few lines"), kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_library_example_gives_the_seven_E1_regions_and_4_20s_short_ones()
    {
        DeviceTree host = DtsReader.Parse(SampleBoard.ReadDts(), "board.dts");
        ExtendedRegionsInput input = new ExtendedRegionsInput
        {
            Release = XenRelease.Parse("4.20"),
            DomainRam = [new MemoryBank(0x60000000, 0x10000000, MemoryBankKind.DomainRam)],
            GrantWindow = new MemoryBank(0x78080000, 0x40000, MemoryBankKind.GrantTable),
        }.WithHostDeviceTree(host);

        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);

        Assert.Equal(7, result.Regions.Count);
        Assert.Equal("d0: extended region 0: 0x48000000->0x53e00000", result.LogLines[0].Text); // spec E1, v18 column
        Assert.NotEmpty(result.Explanation.Select(f => f.ToString()));
        Assert.DoesNotContain(ExtendedRegionAudit.Audit(result), f => f.Severity == AuditSeverity.Unsafe);

        ExtendedRegionsResult latest = new ExtendedRegionsEngine().Compute(input with { Release = XenRelease.Latest });
        Assert.Equal("d0: extended region 0: 0x48000000->0x54000000", latest.LogLines[0].Text);
    }
}
