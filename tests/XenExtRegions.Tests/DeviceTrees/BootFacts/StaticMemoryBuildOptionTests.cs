using System.Linq;
using Microsoft.Extensions.Logging;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.DeviceTrees.BootFacts;

/// <summary>Spec §11 last row: xen,static-mem with CONFIG_STATIC_MEMORY=n panics on master, is reserved before.</summary>
public sealed class StaticMemoryBuildOptionTests
{
    public static TheoryData<string> KnownReleases => new(XenRelease.Known.Select(r => r.ToString()));

    private const string DomainPath = "/chosen/domU1";

    private static DeviceTree StaticMemoryDomain() => Tree(Ac(1), Sc(1),
        N("memory@40000000", Str("device_type", "memory"), Reg(0x40000000, 0x80000000)),
        N("chosen", Ac(1), Sc(1),
            N("domU1", Str("compatible", "xen,domain"), Cells("memory", 0x0, 0x20000), Cells("#xen,static-mem-address-cells", 1),
                Cells("#xen,static-mem-size-cells", 1), Cells("xen,static-mem", 0x60000000, 0x8000000))));

    [Fact]
    public void The_default_is_Xen_s_Kconfig_default_off()
    {
        Assert.False(new BootScanOptions().StaticMemoryCompiledIn);
        Assert.All(XenRelease.Known, r => Assert.False(BootScanOptions.ForRelease(r).StaticMemoryCompiledIn));
    }

    [Theory]
    [MemberData(nameof(KnownReleases))]
    public void Without_CONFIG_STATIC_MEMORY_master_panics_and_earlier_releases_reserve_the_banks(string release)
    {
        XenRelease r = XenRelease.Parse(release);
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(r)).Scan(StaticMemoryDomain());

        BootScanDiagnostic d = Assert.Single(facts.Diagnostics, x => x.Id == BootScanDiagnosticId.StaticMemoryNotCompiledIn);
        Assert.Equal(DomainPath, d.NodePath);
        bool reserved = facts.ReservedMemory.Any(b => b.Kind == MemoryBankKind.StaticMemory && b.Start == 0x60000000 && b.Size == 0x8000000);
        if (r == XenRelease.Master)
        {
            Assert.Equal(BootScanOutcome.Stopped, facts.Outcome);
            Assert.Equal(LogLevel.Critical, d.Level);
            Assert.Contains("Early FDT parsing failed", d.Message);
            Assert.False(reserved);
        }
        else
        {
            Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
            Assert.Equal(LogLevel.Warning, d.Level);
            Assert.True(reserved);
        }
    }

    [Fact]
    public void With_CONFIG_STATIC_MEMORY_master_reserves_the_banks_silently()
    {
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(XenRelease.Master) with { StaticMemoryCompiledIn = true }).Scan(StaticMemoryDomain());

        Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
        Assert.DoesNotContain(facts.Diagnostics, x => x.Id == BootScanDiagnosticId.StaticMemoryNotCompiledIn);
        Assert.Equal(0x60000000UL, Assert.Single(facts.ReservedMemory).Start);
        Assert.Equal(0x60000000UL, Assert.Single(facts.Domains).StaticMemory.Single().Start);
    }

    [Fact]
    public void The_input_can_be_built_with_the_build_option()
    {
        var input = new ExtendedRegionsInput { Release = XenRelease.Master };
        Assert.Empty(input.WithHostDeviceTree(StaticMemoryDomain()).ReservedMemory);
        Assert.Single(input.WithHostDeviceTree(StaticMemoryDomain(), BootScanOptions.ForRelease(XenRelease.Master) with { StaticMemoryCompiledIn = true }).ReservedMemory);
    }
}
