using System.Linq;
using XenExtRegions.Cli.Boards;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Cli;

/// <summary>The library example of docs/cli.md, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_library_example_gives_the_seven_E1_regions()
    {
        DeviceTree host = DtsReader.Parse(SampleBoard.ReadDts(), "board.dts");
        BootFacts facts = new BootFactsScanner(BootScanOptions.ForRelease(4, 22)).Scan(host);
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
        {
            Release = XenRelease.Latest,
            HostRam = facts.HostRam,
            ReservedMemory = facts.ReservedMemory,
            MemoryReservations = facts.MemoryReservations,
            DomainRam = [new MemoryBank(0x60000000, 0x10000000, MemoryBankKind.DomainRam)],
            GrantWindow = new MemoryBank(0x78080000, 0x40000, MemoryBankKind.GrantTable),
        });
        Assert.Equal(7, result.Regions.Count);
        Assert.Equal("d0: extended region 0: 0x48000000->0x54000000", result.LogLines[0].Text);
        Assert.NotEmpty(result.Explanation.Select(f => f.ToString()));
    }
}
