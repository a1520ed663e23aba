using System;
using System.IO;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.DeviceTrees.BootFacts;

public sealed class BootFactsScannerFixtureTests
{
    private static DeviceTree Load() =>
        DtsReader.ParseFile(Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "BootFacts", "Fixtures", "boot-facts.dts"));

    [Fact]
    public void Fixture_gives_ram_reserved_modules_and_domains()
    {
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(4, 21)).Scan(Load());

        Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
        Assert.Equal(new[] { 0x48000000UL, 0x5_00000000UL, 0x6_00000000UL, 0x7_00000000UL }, facts.HostRam.Select(b => b.Start).ToArray());
        Assert.Equal(
            new[] { (MemoryBankKind.MemoryReservation, 0x78000000UL, "/memreserve/"), (MemoryBankKind.StaticHeap, 0x30000000UL, "/chosen"), (MemoryBankKind.ReservedMemory, 0x54000000UL, "/reserved-memory/lossy@54000000") },
            facts.ReservedMemory.Select(b => (b.Kind, b.Start, b.Source!)).ToArray());
        Assert.Equal(
            new[] { (BootModuleKind.Kernel, 0xa0000000UL), (BootModuleKind.Ramdisk, 0xa2000000UL), (BootModuleKind.Kernel, 0xb0000000UL) },
            facts.Modules.Select(m => (m.Kind, m.Start)).ToArray());
        DomainNodeFacts domain = Assert.Single(facts.Domains);
        Assert.True(domain.IsEnhanced);
        Assert.Equal(0x80000UL, domain.MemoryKiB);
        Assert.Equal(0xb0000000UL, Assert.Single(domain.Modules).Start);
    }

    [Fact]
    public void Fixture_under_4_18_only_reports_memreserve()
    {
        var facts = new BootFactsScanner(BootScanOptions.ForRelease(4, 18)).Scan(Load());

        Assert.Equal(new[] { MemoryBankKind.StaticHeap, MemoryBankKind.ReservedMemory }, facts.ReservedMemory.Select(b => b.Kind).ToArray());
        Assert.Single(facts.MemoryReservations);
    }

    [Fact]
    public void Dtc_compiled_fixture_keeps_the_memreserve_block_and_the_same_facts()
    {
        DtcTool.SkipUnlessInstalled("dtc");
        byte[] blob = DtcTool.RunDtc("-I", "dts", "-O", "dtb",
            Path.Combine(AppContext.BaseDirectory, "DeviceTrees", "BootFacts", "Fixtures", "boot-facts.dts"));

        var fromDtb = new BootFactsScanner(BootScanOptions.ForRelease(4, 21)).Scan(DtbReader.Read(blob));
        var fromDts = new BootFactsScanner(BootScanOptions.ForRelease(4, 21)).Scan(Load());

        Assert.Equal(fromDts.HostRam.ToArray(), fromDtb.HostRam.ToArray());
        Assert.Equal(fromDts.ReservedMemory.ToArray(), fromDtb.ReservedMemory.ToArray());
        Assert.Equal(fromDts.Modules.ToArray(), fromDtb.Modules.ToArray());
        Assert.Equal(0x78000000UL, fromDtb.ReservedMemory[0].Start);
    }
}
