using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.ExtendedRegions.Examples;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Each difference of spec §11 shown on a minimal input.</summary>
public sealed class CrossReleaseTests
{
    private static ExtendedRegionsInput OneGiB(string release) => new()
    {
        Release = XenRelease.Parse(release), IpaBits = 40, HostRam = [Incl(0x40000000, 0x7FFFFFFF, MemoryBankKind.HostRam)],
    };

    private static ExtendedRegionsInput With(ExtendedRegionsInput i, MemoryBank? grant = null, MemoryBank[]? shm = null, MemoryBank[]? memreserve = null, MemoryBank[]? xenReg = null, bool grantTables = true, DomainKind kind = DomainKind.HardwareDomain) => new()
    {
        Release = i.Release, IpaBits = i.IpaBits, HostRam = i.HostRam, GrantWindow = grant, HostSharedMemory = shm ?? [],
        MemoryReservations = memreserve ?? [], XenReg = xenReg ?? [], GrantTablesCompiledIn = grantTables, Kind = kind,
    };

    [Theory]
    [InlineData("4.16.0", 128)]
    [InlineData("4.16.1", 256)]
    [InlineData("4.17", 256)]
    [InlineData("latest", 256)]
    public void Capacity_is_128_only_in_4_16_0(string release, int capacity) =>
        Assert.Equal(capacity, XenRelease.Parse(release).Profile.Capacity);

    [Theory]
    [InlineData("4.16.5", "0x40000000->0x80000000")]
    [InlineData("4.17", "0x40000000->0x80000000")]
    [InlineData("4.18", "0x40000000->0x7fe00000")]
    [InlineData("4.20.2", "0x40000000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x80000000")]
    public void Normaliser_loses_2_MiB_on_an_aligned_end_in_4_18_to_4_20(string release, string expected) =>
        Assert.Equal(expected, Format(Run(OneGiB(release))));

    [Theory]
    [InlineData("4.16.0", "0x40000000->0x50000000, 0x50200000->0x80000000")]
    [InlineData("4.17", "0x40000000->0x50000000, 0x50200000->0x80000000")]
    [InlineData("4.18", "0x40000000->0x7fe00000")]
    [InlineData("4.19.4", "0x40000000->0x7fe00000")]
    [InlineData("4.20.0", "0x40000000->0x50000000, 0x50200000->0x7fe00000")]
    [InlineData("4.20.1", "0x40000000->0x50000000, 0x50200000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x50000000, 0x50200000->0x80000000")]
    public void Zero_size_grant_window_handling(string release, string expected)
    {
        ExtendedRegionsResult result = Run(With(OneGiB(release), grant: Bank(0x50100000, 0, MemoryBankKind.GrantTable)));
        Assert.Equal(expected, Format(result));
        Assert.Equal(expected.Contains("0x50200000", System.StringComparison.Ordinal), result.Diagnostics.Any(d => d.Id == EngineDiagnosticId.ZeroSizeRange));
    }

    [Fact]
    public void Grant_window_is_not_removed_in_4_21_without_grant_tables() =>
        Assert.Equal("0x40000000->0x80000000", Format(Run(With(OneGiB("4.21"), grant: Bank(0x50100000, 0), grantTables: false))));

    [Theory]
    [InlineData("4.16.1", "0x40000000->0x80000000")]
    [InlineData("4.17", "0x40000000->0x50000000, 0x60000000->0x80000000")]
    [InlineData("4.18", "0x40000000->0x4fe00000, 0x60000000->0x7fe00000")]
    [InlineData("4.19.0", "0x40000000->0x4fe00000, 0x60000000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x50000000, 0x60000000->0x80000000")]
    public void Static_shared_memory_is_excluded_by_P1_from_4_17(string release, string expected) =>
        Assert.Equal(expected, Format(Run(With(OneGiB(release), shm: [Bank(0x50000000, 0x10000000, MemoryBankKind.StaticSharedMemory)]))));

    [Fact]
    public void Static_shared_memory_with_a_host_address_chosen_by_Xen_is_skipped_from_4_19() =>
        Assert.Equal("0x40000000->0x80000000", Format(Run(With(OneGiB("4.21"), shm: [Bank(XenConstants.InvalidPaddr, 0x10000000)]))));

    [Theory]
    [InlineData("4.18", "0x40000000->0x7fe00000")]
    [InlineData("4.19.0", "0x40000000->0x4fe00000, 0x60000000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x50000000, 0x60000000->0x80000000")]
    public void Memreserve_entries_are_excluded_by_P1_from_4_19(string release, string expected) =>
        Assert.Equal(expected, Format(Run(With(OneGiB(release), memreserve: [Bank(0x50000000, 0x10000000, MemoryBankKind.MemoryReservation)]))));

    [Theory]
    [InlineData("4.20.1", "0x40000000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x50000000, 0x50200000->0x80000000")]
    public void Xen_reg_is_excluded_by_P1_from_4_21(string release, string expected) =>
        Assert.Equal(expected, Format(Run(With(OneGiB(release), xenReg: [Bank(0x50000000, 0x1000, MemoryBankKind.XenReg)], kind: DomainKind.DirectMappedDomU))));

    [Theory]
    [InlineData("4.18", "0x40000000->0x7fe00000")]
    [InlineData("4.19.0", "0x40000000->0x4fe00000, 0x60000000->0x7fe00000")]
    [InlineData("4.21", "0x40000000->0x50000000, 0x60000000->0x80000000")]
    public void Domain_shared_memory_is_excluded_by_P2_from_4_19(string release, string expected)
    {
        ExtendedRegionsResult result = Run(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release), IommuEnabled = true, IpaBits = 31,
            DescribedWindows = [DescribedWindow.Reg("/low", 0, 0, 0x40000000)],
            DomainSharedMemory = [Bank(0x50000000, 0x10000000, MemoryBankKind.StaticSharedMemory)],
        });
        Assert.Equal(expected, Format(result));
    }

    [Theory]
    [InlineData("4.16.0", ProducerKind.HostUnallocatedMemory)]
    [InlineData("4.19.3", ProducerKind.DomUHoles)]
    [InlineData("4.20.1", ProducerKind.HostUnallocatedMemory)]
    [InlineData("latest", ProducerKind.HostUnallocatedMemory)]
    public void A_coloured_hardware_domain_uses_the_host_layout_from_4_20(string release, ProducerKind producer)
    {
        ExtendedRegionsResult result = Run(With(OneGiB(release), kind: DomainKind.ColouredHardwareDomain));
        Assert.Equal(producer, result.Producer);
        Assert.Equal(producer == ProducerKind.DomUHoles, result.Diagnostics.Any(d => d.Id == EngineDiagnosticId.ColouredHardwareDomainBefore420));
    }

    [Theory]
    [InlineData("4.16.0", ProducerKind.None)]
    [InlineData("4.17", ProducerKind.HostUnallocatedMemory)]
    [InlineData("latest", ProducerKind.HostUnallocatedMemory)]
    public void Direct_mapped_domUs_get_regions_from_4_17(string release, ProducerKind producer) =>
        Assert.Equal(producer, Run(With(OneGiB(release), kind: DomainKind.DirectMappedDomU)).Producer);

    [Theory]
    [InlineData("4.20.1", 3)]
    [InlineData("4.21", 257)]
    public void Libxl_placeholder_size(string release, int entries) =>
        Assert.Equal(entries, XenRelease.Parse(release).Profile.LibxlPlaceholderEntries);

    [Theory]
    [InlineData("4.16.0", RangesetUnit.Bytes, true)]
    [InlineData("4.17.7", RangesetUnit.Bytes, true)]
    [InlineData("4.18.3", RangesetUnit.Frames, true)]
    [InlineData("4.19.2", RangesetUnit.Frames, true)]
    [InlineData("4.19.3", RangesetUnit.Frames, false)]
    [InlineData("4.20.0", RangesetUnit.Frames, true)]
    [InlineData("4.20.1", RangesetUnit.Frames, false)]
    [InlineData("4.21.0", RangesetUnit.Frames, false)]
    public void Rangeset_unit_and_subtraction_per_release(string release, RangesetUnit unit, bool legacy)
    {
        ReleaseProfile profile = XenRelease.Parse(release).Profile;
        Assert.Equal(unit, profile.Unit);
        Assert.Equal(legacy, profile.HasLegacySubtraction);
    }

    [Fact]
    public void Ipa_bits_64_yields_nothing()
    {
        ExtendedRegionsResult result = Run(new ExtendedRegionsInput { IpaBits = 64, HostRam = [Incl(0x40000000, 0x7FFFFFFF)] });
        Assert.Equal(ExtendedRegionsOutcome.NoneFound, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.Id == EngineDiagnosticId.AddressWindowEmpty);
    }
}
