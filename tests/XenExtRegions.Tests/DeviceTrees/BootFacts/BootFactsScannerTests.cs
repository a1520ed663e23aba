using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;
using Reservation = XenExtRegions.DeviceTrees.MemoryReservation;

namespace XenExtRegions.Tests.DeviceTrees.BootFacts;

public sealed class BootFactsScannerTests
{
    private static XenExtRegions.DeviceTrees.BootFacts Scan(DeviceTree tree, int minor = 22, int? maxBanks = null)
    {
        BootScanOptions options = BootScanOptions.ForRelease(4, minor);
        if (maxBanks is int max)
        {
            options = new BootScanOptions
            {
                MemoryNodes = options.MemoryNodes,
                SkipDisabledNodes = options.SkipDisabledNodes,
                MemoryReservationsAreReserved = options.MemoryReservationsAreReserved,
                RejectReservedOverlaps = options.RejectReservedOverlaps,
                AllowOverlapInsideMemoryReservation = options.AllowOverlapInsideMemoryReservation,
                MaxMemoryBanks = max,
            };
        }

        return new BootFactsScanner(options).Scan(tree);
    }

    private static DeviceTreeNode Memory(string name, params uint[] reg) => N(name, Str("device_type", "memory"), Reg(reg));

    private static (ulong, ulong, MemoryBankKind, string?) B(MemoryBank b) => (b.Start, b.Size, b.Kind, b.Source);

    [Fact]
    public void Ram_banks_come_from_every_reg_entry_of_every_memory_node_sorted_by_start()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            Memory("memory@500000000", 0x5, 0x0, 0x0, 0x80000000, 0x6, 0x0, 0x0, 0x80000000),
            Memory("memory@48000000", 0x0, 0x48000000, 0x0, 0x78000000, 0x0, 0x0, 0x0, 0x0));

        var facts = Scan(tree);

        Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
        Assert.Equal(
            new[] { (0x48000000UL, 0x78000000UL, MemoryBankKind.HostRam, (string?)"/memory@48000000"), (0x5_00000000UL, 0x80000000UL, MemoryBankKind.HostRam, "/memory@500000000"), (0x6_00000000UL, 0x80000000UL, MemoryBankKind.HostRam, "/memory@500000000") },
            facts.HostRam.Select(B).ToArray());
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.EmptyBankIgnored && d.NodePath == "/memory@48000000");
    }

    [Theory]
    [InlineData(19, 3)]
    [InlineData(20, 1)]
    public void Memory_node_matching_differs_by_release(int minor, int expectedBanks)
    {
        // 4.16–4.19: any node named memory[@…] at any depth, no device_type check; 4.20+: depth 1 with device_type.
        DeviceTree tree = Tree(Ac(1), Sc(1),
            Memory("memory@40000000", 0x40000000, 0x10000000),
            N("memory@80000000", Reg(0x80000000, 0x1000000)),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("memory@90000000", Reg(0x90000000, 0x100000))));

        var facts = Scan(tree, minor);

        Assert.Equal(expectedBanks, facts.HostRam.Count);
        Assert.Single(facts.ReservedMemory);
    }

    [Theory]
    [InlineData(18, 2)]
    [InlineData(19, 1)]
    public void Disabled_memory_nodes_are_ignored_from_4_19(int minor, int expectedBanks)
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            Memory("memory@40000000", 0x40000000, 0x10000000),
            N("memory@80000000", Str("device_type", "memory"), Str("status", "disabled"), Reg(0x80000000, 0x1000000)));

        Assert.Equal(expectedBanks, Scan(tree, minor).HostRam.Count);
    }

    [Fact]
    public void Reserved_memory_children_use_that_nodes_cells_and_those_without_reg_are_ignored()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("reserved-memory", Ac(1), Sc(1), Rng(),
                N("linux,cma", Str("compatible", "shared-dma-pool"), Cells("size", 0x0, 0x10000000)),
                N("lossy@54000000", Reg(0x54000000, 0x3000000),
                    N("nested@58000000", Reg(0x58000000, 0x1000)))));

        var facts = Scan(tree);

        Assert.Equal(
            new[] { (0x54000000UL, 0x3000000UL, MemoryBankKind.ReservedMemory, (string?)"/reserved-memory/lossy@54000000"), (0x58000000UL, 0x1000UL, MemoryBankKind.ReservedMemory, "/reserved-memory/lossy@54000000/nested@58000000") },
            facts.ReservedMemory.Select(B).ToArray());
    }

    [Fact]
    public void Reserved_memory_without_cells_restarts_from_two_and_one_not_the_roots()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("reserved-memory", Rng(), N("r@1", Reg(0x1, 0x0, 0x1000))));

        MemoryBank bank = Assert.Single(Scan(tree).ReservedMemory);
        Assert.Equal((0x1_00000000UL, 0x1000UL), (bank.Start, bank.Size));
    }

    [Theory]
    [InlineData(18, false)]
    [InlineData(19, true)]
    public void Memreserve_entries_are_reserved_first_from_4_19(int minor, bool reserved)
    {
        DeviceTree tree = Tree(new[] { new Reservation(0x70000000, 0x100000) }, Ac(1), Sc(1),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("r@60000000", Reg(0x60000000, 0x1000))));

        var facts = Scan(tree, minor);

        Assert.Single(facts.MemoryReservations);
        Assert.Equal(MemoryBankKind.MemoryReservation, facts.MemoryReservations[0].Kind);
        if (reserved)
        {
            Assert.Equal(new[] { MemoryBankKind.MemoryReservation, MemoryBankKind.ReservedMemory }, facts.ReservedMemory.Select(b => b.Kind).ToArray());
        }
        else
        {
            Assert.Equal(new[] { MemoryBankKind.ReservedMemory }, facts.ReservedMemory.Select(b => b.Kind).ToArray());
            Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.MemoryReservationNotReserved);
        }
    }

    [Theory]
    [InlineData(17, BootScanOutcome.Completed, 2)]
    [InlineData(18, BootScanOutcome.Stopped, 1)]
    public void Overlapping_reserved_regions_are_rejected_from_4_18(int minor, BootScanOutcome outcome, int banks)
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("reserved-memory", Ac(1), Sc(1), Rng(),
                N("a@60000000", Reg(0x60000000, 0x2000)),
                N("b@60001000", Reg(0x60001000, 0x2000))));

        var facts = Scan(tree, minor);

        Assert.Equal(outcome, facts.Outcome);
        Assert.Equal(banks, facts.ReservedMemory.Count);
        Assert.Equal(minor >= 18, facts.Diagnostics.Any(d => d.Id == BootScanDiagnosticId.ReservedOverlap && d.NodePath == "/reserved-memory/b@60001000"));
    }

    [Theory]
    [InlineData(19, BootScanOutcome.Stopped)]
    [InlineData(20, BootScanOutcome.Completed)]
    public void A_region_inside_a_memreserve_bank_is_allowed_from_4_20(int minor, BootScanOutcome outcome)
    {
        DeviceTree tree = Tree(new[] { new Reservation(0x60000000, 0x100000) }, Ac(1), Sc(1),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("r@60000000", Reg(0x60000000, 0x1000))));

        Assert.Equal(outcome, Scan(tree, minor).Outcome);
    }

    [Fact]
    public void Ram_bank_limit_warns_and_stops_the_scan()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            Memory("memory@0", 0x0, 0x1000, 0x10000, 0x1000, 0x20000, 0x1000),
            Memory("memory@100000", 0x100000, 0x1000));

        var facts = Scan(tree, maxBanks: 2);

        Assert.Equal(BootScanOutcome.Stopped, facts.Outcome);
        Assert.Equal(2, facts.HostRam.Count);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.RamBankLimitReached);
    }

    [Fact]
    public void Reserved_bank_limit_panics()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("r@0", Reg(0x0, 0x1000, 0x10000, 0x1000, 0x20000, 0x1000))));

        var facts = Scan(tree, maxBanks: 2);

        Assert.Equal(BootScanOutcome.Panicked, facts.Outcome);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.ReservedBankLimitReached);
    }

    [Fact]
    public void Modules_in_chosen_get_their_kinds_and_unnamed_ones_are_guessed()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("chosen", Ac(2), Sc(2),
                N("module@1", Str("compatible", "multiboot,kernel", "multiboot,module"), Reg(0x0, 0x80000000, 0x0, 0x1000000)),
                N("module@2", Str("compatible", "multiboot,ramdisk", "multiboot,module"), Reg(0x0, 0x82000000, 0x0, 0x400000)),
                N("module@3", Str("compatible", "xen,xsm-policy", "multiboot,module"), Reg(0x0, 0x83000000, 0x0, 0x1000)),
                N("module@4", Str("compatible", "multiboot,device-tree", "multiboot,module"), Reg(0x0, 0x84000000, 0x0, 0x1000)),
                N("module@5", Str("compatible", "multiboot,module"), Reg(0x0, 0x85000000, 0x0, 0x1000)),
                N("module@6", Str("compatible", "Xen,Multiboot-Module"), Reg(0x0, 0x86000000, 0x0, 0x1000)),
                N("module@7", Str("compatible", "multiboot,module"), Reg(0x0, 0x87000000, 0x0, 0x1000))),
            N("soc", N("module@9", Str("compatible", "multiboot,module"), Reg(0x0, 0x89000000, 0x0, 0x1000))));

        var facts = Scan(tree);

        Assert.Equal(
            new[] { BootModuleKind.Kernel, BootModuleKind.Ramdisk, BootModuleKind.XsmPolicy, BootModuleKind.GuestDeviceTree, BootModuleKind.Kernel, BootModuleKind.Ramdisk, BootModuleKind.Unknown },
            facts.Modules.Select(m => m.Kind).ToArray());
        Assert.Equal("/chosen/module@1", facts.Modules[0].Source);
        Assert.Equal(0x80000000UL, facts.Modules[0].Start);
        Assert.DoesNotContain(facts.Modules, m => m.Start == 0x89000000UL);
    }

    [Fact]
    public void Module_without_reg_panics()
    {
        DeviceTree tree = Tree(N("chosen", N("module@1", Str("compatible", "multiboot,module"))));

        var facts = Scan(tree);

        Assert.Equal(BootScanOutcome.Panicked, facts.Outcome);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.ModuleWithoutReg && d.NodePath == "/chosen/module@1");
    }

    [Fact]
    public void Initrd_properties_become_a_ramdisk_module_and_bad_limits_stop_the_scan()
    {
        DeviceTree good = Tree(N("chosen", Cells("linux,initrd-start", 0x48000000), Cells("linux,initrd-end", 0x0, 0x48100000)));
        DeviceTree bad = Tree(N("chosen", Cells("linux,initrd-start", 0x48000000), Cells("linux,initrd-end", 0x48000000)));

        BootModule ramdisk = Assert.Single(Scan(good).Modules);
        Assert.Equal((BootModuleKind.Ramdisk, 0x48000000UL, 0x100000UL), (ramdisk.Kind, ramdisk.Start, ramdisk.Size));
        Assert.Equal(BootScanOutcome.Stopped, Scan(bad).Outcome);
    }

    [Fact]
    public void Dom0less_domains_static_memory_heap_and_modules()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("chosen", Ac(2), Sc(2), Cells("xen,static-heap", 0x0, 0x30000000, 0x0, 0x10000000),
                N("domU1", Str("compatible", "xen,domain"), Ac(2), Sc(2), Cells("memory", 0x0, 0x80000), Cells("cpus", 2),
                    Flag("xen,enhanced"), Flag("direct-map"), Cells("xen,static-mem", 0x0, 0x60000000, 0x0, 0x20000000),
                    N("module@1", Str("compatible", "multiboot,kernel", "multiboot,module"), Reg(0x0, 0x90000000, 0x0, 0x1000000))),
                N("domU2", Str("compatible", "xen,domain"), Cells("memory", 0x0, 0x40000), Str("xen,enhanced", "disabled")),
                N("domU3", Str("compatible", "xen,domain"), Cells("memory", 0x0, 0x40000), Str("xen,enhanced", "no-xenstore")),
                N("domU4", Str("compatible", "xen,domain"), Cells("memory", 0x0, 0x40000), Str("xen,enhanced", "legacy"))));

        var facts = Scan(tree, 21);
        var facts20 = Scan(tree, 20);

        Assert.Equal(new[] { MemoryBankKind.StaticHeap, MemoryBankKind.StaticMemory }, facts.ReservedMemory.Select(b => b.Kind).ToArray());
        Assert.Equal("/chosen/domU1", facts.ReservedMemory[1].Source);
        Assert.Equal(4, facts.Domains.Count);
        DomainNodeFacts d1 = facts.Domains[0];
        Assert.Equal(("/chosen/domU1", true, 0x80000UL, 0x20000000UL, true, 2u), (d1.Path, d1.IsEnhanced, d1.MemoryKiB!.Value, d1.MemoryBytes!.Value, d1.DirectMap, d1.Cpus!.Value));
        Assert.Single(d1.StaticMemory);
        Assert.Single(d1.Modules);
        Assert.Equal(new[] { true, false, true, true }, facts.Domains.Select(d => d.IsEnhanced).ToArray());
        Assert.Equal(new[] { true, false, true, false }, facts20.Domains.Select(d => d.IsEnhanced).ToArray());
    }

    [Theory]
    [InlineData(18)]
    [InlineData(19)]
    public void Static_shared_memory_host_banks_move_out_of_reserved_in_4_19(int minor)
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("chosen", Ac(2), Sc(2),
                N("domU1", Str("compatible", "xen,domain"), Ac(2), Sc(2), Cells("memory", 0x0, 0x40000),
                    N("shm@0", Str("compatible", "xen,domain-shared-memory-v1"), Str("xen,shm-id", "s0"), Str("role", "owner"),
                        Cells("xen,shared-mem", 0x0, 0x70000000, 0x0, 0x80000000, 0x0, 0x1000000))),
                N("domU2", Str("compatible", "xen,domain"), Ac(2), Sc(2), Cells("memory", 0x0, 0x40000),
                    N("shm@1", Str("compatible", "xen,domain-shared-memory-v1"), Str("xen,shm-id", "s0"),
                        Cells("xen,shared-mem", 0x0, 0x70000000, 0x0, 0x90000000, 0x0, 0x1000000)))));

        var facts = Scan(tree, minor);

        Assert.Equal(BootScanOutcome.Completed, facts.Outcome);
        Assert.Equal(2, facts.StaticSharedMemory.Count);
        Assert.Equal(new[] { 0x80000000UL, 0x90000000UL }, facts.StaticSharedMemory.Select(s => s.GuestAddress).ToArray());
        var host = minor == 18 ? facts.ReservedMemory : facts.SharedMemoryHostBanks;
        MemoryBank bank = Assert.Single(host);
        Assert.Equal((0x70000000UL, 0x1000000UL, MemoryBankKind.StaticSharedMemory), (bank.Start, bank.Size, bank.Kind));
        Assert.Single(facts.Domains[0].SharedMemory);
    }

    [Fact]
    public void Static_shared_memory_without_host_address_uses_the_invalid_sentinel_from_4_19()
    {
        DeviceTree tree = Tree(Ac(2), Sc(2),
            N("chosen", Ac(2), Sc(2),
                N("shm@0", Str("compatible", "xen,domain-shared-memory-v1"), Str("xen,shm-id", "s1"),
                    Cells("xen,shared-mem", 0x0, 0x80000000, 0x0, 0x1000000))));

        var facts = Scan(tree, 19);
        var old = Scan(tree, 18);

        StaticSharedMemoryBank shm = Assert.Single(facts.StaticSharedMemory);
        Assert.False(shm.HasHostAddress);
        Assert.Equal(StaticSharedMemoryBank.InvalidAddress, Assert.Single(facts.SharedMemoryHostBanks).Start);
        Assert.Equal(BootScanOutcome.Stopped, old.Outcome);
    }

    [Fact]
    public void Nodes_nested_too_deep_are_skipped_with_a_warning()
    {
        DeviceTreeNode deepest = Memory("memory@0", 0x0, 0x0, 0x0, 0x1000);
        DeviceTreeNode node = deepest;
        for (int i = 0; i < 17; i++)
        {
            node = N("n" + i, node);
        }

        var facts = Scan(Tree(node), 22);

        Assert.Empty(facts.HostRam);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.NestedTooDeep);
    }

    [Fact]
    public void Uefi_boot_skips_memory_nodes()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1), Memory("memory@40000000", 0x40000000, 0x10000000));

        var facts = new BootFactsScanner(new BootScanOptions { BootedViaUefi = true }).Scan(tree);

        Assert.Empty(facts.HostRam);
        Assert.Contains(facts.Diagnostics, d => d.Id == BootScanDiagnosticId.MemoryNodesSkippedForUefi);
    }

    [Fact]
    public void Memory_node_without_reg_stops_the_scan()
    {
        DeviceTree tree = Tree(Ac(1), Sc(1), N("memory@0", Str("device_type", "memory")), Memory("memory@40000000", 0x40000000, 0x10000000));

        var facts = Scan(tree);

        Assert.Equal(BootScanOutcome.Stopped, facts.Outcome);
        Assert.Empty(facts.HostRam);
    }

    [Theory]
    [InlineData(16, 0x1_00000010UL)]
    [InlineData(17, 0x1UL)]
    public void Static_memory_cells_come_from_xen_properties_in_4_16(int minor, ulong expectedStart)
    {
        // 4.16 reads #xen,static-mem-address-cells (2 here); 4.17+ the node's normal (inherited) cells (1 here).
        DeviceTree tree = Tree(Ac(1), Sc(1),
            N("chosen",
                N("domU1", Str("compatible", "xen,domain"), Cells("#xen,static-mem-address-cells", 2), Cells("#xen,static-mem-size-cells", 1),
                    Cells("memory", 0x0, 0x40000), Cells("xen,static-mem", 0x1, 0x10, 0x10000000, 0x20))));

        var facts = Scan(tree, minor);

        Assert.Equal(expectedStart, facts.ReservedMemory[0].Start);
        Assert.Equal(MemoryBankKind.StaticMemory, facts.ReservedMemory[0].Kind);
    }
}
