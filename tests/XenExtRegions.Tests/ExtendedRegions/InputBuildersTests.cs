using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// The input builders that turn a scanned host tree or a dom0less domain node into engine input, and the reader of a
/// tree's described windows: what each copies, which list a bank lands in, and the limits a domain node must keep.
/// </summary>
public sealed class InputBuildersTests
{
    private static readonly MemoryBank Carveout = new(0xa0000000, 0x8000000, MemoryBankKind.ReservedMemory);
    private static readonly MemoryBank Memreserve = new(0x50000000, 0x10000000, MemoryBankKind.MemoryReservation);
    private static readonly MemoryBank ReservedShm = new(0xb0000000, 0x1000000, MemoryBankKind.StaticSharedMemory);

    private static BootFacts Facts(MemoryBank[] sharedMemoryHostBanks) => new(
        BootScanOptions.Latest, BootScanOutcome.Completed, [new MemoryBank(0x40000000, 0x80000000, MemoryBankKind.HostRam)],
        [Memreserve, Carveout, ReservedShm], [Memreserve], sharedMemoryHostBanks, [], [], [], []);

    private static DomainNodeFacts Node(ulong? memoryKiB, bool directMap, params MemoryBank[] staticMemory) =>
        new("/chosen/domU1", "enabled", true, true, memoryKiB, directMap, 1, staticMemory, [], []);

    [Fact]
    public void Null_arguments_are_refused_by_name()
    {
        var input = new ExtendedRegionsInput();
        DeviceTree tree = DtsReader.Parse("/dts-v1/; / { };");
        Assert.Equal("tree", Assert.Throws<ArgumentNullException>(() => input.WithHostDeviceTree(null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => input.WithHostDeviceTree(tree, null!)).ParamName);
        Assert.Equal("facts", Assert.Throws<ArgumentNullException>(() => input.WithBootFacts(null!)).ParamName);
        Assert.Equal("domain", Assert.Throws<ArgumentNullException>(() => input.WithDomainNode(null!)).ParamName);
        Assert.Equal("tree", Assert.Throws<ArgumentNullException>(() => DescribedWindowReader.Read(null!)).ParamName);
    }

    [Fact]
    public void Boot_facts_keep_memreserve_and_shared_memory_out_of_the_reserved_list()
    {
        // 4.17-4.18 name the shm host banks on their own; other releases leave them among the reserved banks.
        MemoryBank hostBank = new(0xc0000000, 0x2000000, MemoryBankKind.StaticSharedMemory);
        ExtendedRegionsInput own = new ExtendedRegionsInput().WithBootFacts(Facts([hostBank]));
        Assert.Equal(new[] { Carveout }, own.ReservedMemory);
        Assert.Equal(new[] { Memreserve }, own.MemoryReservations);
        Assert.Equal(new[] { hostBank }, own.HostSharedMemory);

        ExtendedRegionsInput mixed = new ExtendedRegionsInput().WithBootFacts(Facts([]));
        Assert.Equal(new[] { Carveout }, mixed.ReservedMemory);
        Assert.Equal(new[] { ReservedShm }, mixed.HostSharedMemory);
    }

    [Fact]
    public void A_domain_node_with_exactly_both_guest_RAM_banks_of_memory_is_built()
    {
        const ulong All = XenConstants.GuestRam0Size + XenConstants.GuestRam1Size;
        ExtendedRegionsInput input = new ExtendedRegionsInput { DomainName = "d1" }.WithDomainNode(Node(All / 1024, directMap: false));
        Assert.Equal(new[] { XenConstants.GuestRam0Size, XenConstants.GuestRam1Size }, input.GuestRamBankSizes);
        Assert.Throws<DeviceTreeFormatException>(() => new ExtendedRegionsInput { DomainName = "d1" }.WithDomainNode(Node((All / 1024) + 1, directMap: false)));
    }

    [Fact]
    public void A_direct_mapped_node_brings_its_static_memory_as_domain_RAM_and_a_guest_layout_node_keeps_the_input_s()
    {
        MemoryBank staticBank = new(0x60000000, 0x10000000, MemoryBankKind.StaticMemory);
        MemoryBank given = new(0x70000000, 0x1000000, MemoryBankKind.DomainRam);
        var host = new ExtendedRegionsInput { DomainName = "d1", DomainRam = [given] };

        ExtendedRegionsInput direct = host.WithDomainNode(Node(0x40000, directMap: true, staticBank));
        Assert.Equal(DomainKind.DirectMappedDomU, direct.Kind);
        Assert.Equal(new[] { staticBank }, direct.DomainRam);

        ExtendedRegionsInput guest = host.WithDomainNode(Node(0x40000, directMap: false, staticBank));
        Assert.Equal(DomainKind.Dom0lessDomU, guest.Kind);
        Assert.Equal(new[] { given }, guest.DomainRam);
    }

    [Fact]
    public void A_translated_PCI_aperture_is_read_as_a_PCI_range_and_a_given_decoder_is_used()
    {
        const string Dts = """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                pcie@10000000 {
                    device_type = "pci";
                    #address-cells = <3>;
                    #size-cells = <2>;
                    reg = <0x0 0x10000000 0x0 0x10000>;
                    ranges = <0x02000000 0x0 0x20000000 0x0 0x20000000 0x0 0x10000000>;
                };
            };
            """;
        DescribedWindow[] windows = DescribedWindowReader.Read(DtsReader.Parse(Dts)).ToArray();
        Assert.Equal(
            new[] { DescribedWindow.Reg("/pcie@10000000", 0, 0x10000000, 0x10000), DescribedWindow.PciRange("/pcie@10000000", 0, 0x20000000, 0x10000000) },
            windows);

        // Without #address-cells Xen's decoder assumes 2 cells and Linux's 1: the caller's decoder decides.
        DeviceTree bare = DtsReader.Parse("/dts-v1/; / { #size-cells = <1>; dev@0 { reg = <0x1 0x0 0x1000>; }; };");
        Assert.Equal(0x100000000UL, DescribedWindowReader.Read(bare)[0].Address);
        Assert.Equal(1UL, DescribedWindowReader.Read(bare, new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Linux))[0].Address);
    }
}
