using System;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using static XenExtRegions.Tests.DeviceTrees.TreeBuilder;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Xen has one reserved list; the input has two, and filling both with it must not pass silently.</summary>
public sealed class ReservedListContractTests
{
    private static readonly MemoryBank Reservation = new(0x90000000, 0x4000000, MemoryBankKind.MemoryReservation, "/memreserve/");

    private static ExtendedRegionsInput Input(string release, MemoryBank[] reserved, MemoryBank[] reservations) => new()
    {
        Release = XenRelease.Parse(release), IpaBits = 40,
        HostRam = [new MemoryBank(0x40000000, 0x80000000, MemoryBankKind.HostRam)],
        ReservedMemory = reserved, MemoryReservations = reservations,
    };

    [Theory]
    [InlineData("4.17")]
    [InlineData("4.22")]
    public void A_memreserve_bank_in_both_lists_is_refused_naming_both(string release)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            new ExtendedRegionsEngine().Compute(Input(release, [Reservation], [Reservation])));
        Assert.Contains("ReservedMemory[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("MemoryReservations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unspecified_bank_repeating_a_memreserve_entry_is_refused()
    {
        var copy = new MemoryBank(Reservation.Start, Reservation.Size);
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            new ExtendedRegionsEngine().Compute(Input("4.20", [new MemoryBank(0x50000000, 0x1000), copy], [Reservation])));
        Assert.Contains("ReservedMemory[1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("MemoryReservations[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xen_s_list_given_once_in_ReservedMemory_alone_is_accepted() =>
        Assert.Equal(ExtendedRegionsOutcome.Found, new ExtendedRegionsEngine().Compute(Input("4.22", [Reservation], [])).Outcome);

    [Theory]
    [InlineData("4.17")]
    [InlineData("4.22")]
    public void A_reserved_memory_child_that_repeats_a_memreserve_entry_is_accepted(string release)
    {
        // skiboot-style firmware writes every reservation in both places; 4.19.2+ boots with it (spec §6).
        var child = new MemoryBank(Reservation.Start, Reservation.Size, MemoryBankKind.ReservedMemory, "/reserved-memory/r@90000000");
        ExtendedRegionsResult both = new ExtendedRegionsEngine().Compute(Input(release, [child], [Reservation]));
        ExtendedRegionsResult childOnly = new ExtendedRegionsEngine().Compute(Input(release, [child], []));
        Assert.Equal(childOnly.Regions, both.Regions);
    }

    [Fact]
    public void An_input_built_from_a_tree_with_both_forms_passes_the_check()
    {
        DeviceTree tree = Tree(new[] { new XenExtRegions.DeviceTrees.MemoryReservation(0x90000000, 0x4000000) }, new object[]
        {
            Ac(1), Sc(1), N("memory@40000000", Str("device_type", "memory"), Reg(0x40000000, 0x80000000)),
            N("reserved-memory", Ac(1), Sc(1), Rng(), N("r@90000000", Reg(0x90000000, 0x4000000))),
        });
        ExtendedRegionsInput input = new ExtendedRegionsInput { Release = XenRelease.V422 }.WithHostDeviceTree(tree);
        Assert.Single(input.MemoryReservations);
        Assert.Single(input.ReservedMemory);
        ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
        Assert.DoesNotContain(result.Regions, r => r.Start < 0x94000000 && r.Start + r.Size > 0x90000000);
    }
}
