using System.Collections.Generic;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>
/// The engine's small public values: equality over every field, hashes that follow it and spread neighbouring values,
/// and the text each prints (what a user reads in a report).
/// </summary>
public sealed class ValueTypesTests
{
    [Fact]
    public void A_described_window_equals_another_only_when_every_field_matches()
    {
        DescribedWindow w = DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x1000);
        Assert.True(w == DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x1000));
        Assert.False(w != DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x1000));
        Assert.True(w.Equals((object)DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x1000)));
        Assert.False(w.Equals((object)w.ToString()));
        foreach (DescribedWindow other in new[]
        {
            DescribedWindow.Reg("/soc/uart@9001000", 1, 0x9000000, 0x1000),
            DescribedWindow.Reg("/soc/uart@9000000", 2, 0x9000000, 0x1000),
            DescribedWindow.PciRange("/soc/uart@9000000", 1, 0x9000000, 0x1000),
            DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9001000, 0x1000),
            DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x2000),
        })
        {
            Assert.True(w != other, other.ToString());
            Assert.False(w == other, other.ToString());
        }

        Assert.NotEqual(DescribedWindow.Failed("/a", 0, DescribedWindowKind.Reg, "x"), DescribedWindow.Failed("/a", 0, DescribedWindowKind.Reg, "y"));
        Assert.NotEqual(DescribedWindow.UntranslatedPciRange("/p", 0, 0x100, "x"), DescribedWindow.UntranslatedPciRange("/p", 0, 0x100, "y"));
        Assert.NotEqual(DescribedWindow.UntranslatedPciRange("/p", 0, 0x100, "x"), DescribedWindow.PciRange("/p", 0, ulong.MaxValue, 0x100));
    }

    [Fact]
    public void A_described_window_hash_follows_its_path_address_and_index_and_spreads_neighbours()
    {
        int hash = DescribedWindow.Reg("/a", 0, 0x1000, 0x10).GetHashCode();
        Assert.Equal(hash, DescribedWindow.Reg("/a", 0, 0x1000, 0x20).GetHashCode());
        Assert.NotEqual(hash, DescribedWindow.Reg("/b", 0, 0x1000, 0x10).GetHashCode());
        Assert.NotEqual(hash, DescribedWindow.Reg("/a", 1, 0x1000, 0x10).GetHashCode());
        var hashes = new HashSet<int>();
        for (ulong address = 0; address < 1000; address++)
        {
            hashes.Add(DescribedWindow.Reg("/a", 0, address << 4, 0x10).GetHashCode());
        }

        Assert.Equal(1000, hashes.Count);
    }

    [Fact]
    public void A_described_window_prints_its_node_entry_and_range_or_why_it_has_none()
    {
        Assert.Equal("/soc/uart@9000000 Reg[1]: 0x9000000 size 0x1000", DescribedWindow.Reg("/soc/uart@9000000", 1, 0x9000000, 0x1000).ToString());
        Assert.Equal("/soc/r5f Reg[0]: no translation", DescribedWindow.Failed("/soc/r5f", 0, DescribedWindowKind.Reg, "no translation").ToString());
        Assert.Equal(
            "/pcie PciRange[2]: untranslated (passed on as 0xffffffffffffffff) size 0x100: parent 0x80000000",
            DescribedWindow.UntranslatedPciRange("/pcie", 2, 0x100, "parent 0x80000000").ToString());
    }

    [Fact]
    public void A_PCI_window_ending_at_2_to_the_64_fits_and_one_byte_more_is_ERANGE_from_4_18()
    {
        // handle_pci_range: (~0 - addr) < len is out of range.
        const ulong Address = 0xffff_ffff_ffff_f000;
        Assert.Equal(XenError.None, DescribedWindow.PciRange("/pcie", 0, Address, 0xfff).ErrorFor(XenRelease.V418));
        Assert.Equal(XenError.OutOfRange, DescribedWindow.PciRange("/pcie", 0, Address, 0x1000).ErrorFor(XenRelease.V418));
        Assert.Equal(XenError.None, DescribedWindow.PciRange("/pcie", 0, Address, 0x1000).ErrorFor(XenRelease.V417));
        Assert.Equal(XenError.None, DescribedWindow.Reg("/r", 0, Address, 0x1000).ErrorFor(XenRelease.V418));
    }

    [Fact]
    public void An_iomem_range_equals_another_only_when_both_fields_match_and_hashes_spread()
    {
        var io = new IoMemRange(0x9000, 0x10);
        Assert.True(io == new IoMemRange(0x9000, 0x10));
        Assert.False(io != new IoMemRange(0x9000, 0x10));
        Assert.True(io.Equals((object)new IoMemRange(0x9000, 0x10)));
        Assert.False(io.Equals((object)"gfn"));
        Assert.True(io != new IoMemRange(0x9001, 0x10));
        Assert.True(io != new IoMemRange(0x9000, 0x11));
        Assert.False(io == new IoMemRange(0x9000, 0x11));
        Assert.Equal(io.GetHashCode(), new IoMemRange(0x9000, 0x10).GetHashCode());
        var hashes = new HashSet<int>();
        for (ulong gfn = 0; gfn < 1000; gfn++)
        {
            hashes.Add(new IoMemRange(gfn, 1).GetHashCode());
        }

        Assert.Equal(1000, hashes.Count);
        Assert.Equal("gfn 0x9000 x 0x10", io.ToString());
    }

    [Fact]
    public void An_engine_diagnostic_prints_its_id_and_its_subject_when_it_has_one()
    {
        Assert.Equal("XER5206: full", new EngineDiagnostic(EngineDiagnosticId.RegionListFull, "full").ToString());
        Assert.Equal("XER5215 /pcie: removed", new EngineDiagnostic(EngineDiagnosticId.UntranslatedPciRangeRemoved, "removed", "/pcie").ToString());
    }

    [Fact]
    public void An_errno_Xen_has_no_name_for_here_prints_as_E_and_its_number()
    {
        Assert.Equal(string.Empty, XenError.None.ToSymbol());
        Assert.Equal("E5", ((XenError)5).ToSymbol());
        Assert.Equal(-5, ((XenError)5).ToErrno());
    }

    [Fact]
    public void A_free_range_fate_prints_why_the_range_is_or_is_not_a_region()
    {
        var free = new AddressRange(0x40100000, 0x4fffffff);
        Assert.Equal(
            "free 0x40100000..0x4fffffff: kept as region 0 0x40200000->0x4e000000 (start rounded up by 0x100000, size cut by 0x2000000)",
            new FreeRangeFate(free, FreeRangeFateKind.Kept, 0, 0x40200000, 0xde00000).ToString());
        Assert.Equal(
            "free 0x40100000..0x4fffffff: dropped, nothing left after aligning the start to 2 MiB",
            new FreeRangeFate(free, FreeRangeFateKind.DroppedNothingAfterAlignment, -1, 0x40200000, 0).ToString());
        Assert.Equal(
            "free 0x40100000..0x4fffffff: dropped, 0x1000000 bytes at 0x40200000 after alignment is under 64 MiB",
            new FreeRangeFate(free, FreeRangeFateKind.DroppedTooSmall, -1, 0x40200000, 0x1000000).ToString());
        Assert.Equal("free 0x40100000..0x4fffffff: dropped, the region list was full", new FreeRangeFate(free, FreeRangeFateKind.DroppedListFull, -1, 0, 0).ToString());
    }

    [Fact]
    public void A_free_range_fate_measures_rounding_and_cutting_without_wrapping()
    {
        var free = new AddressRange(0x40100000, 0x4fffffff);
        var kept = new FreeRangeFate(free, FreeRangeFateKind.Kept, 0, 0x40200000, 0xde00000);
        Assert.Equal((0x100000UL, 0x2000000UL), (kept.StartRoundedUpBy, kept.SizeCutBy));

        // A fate that is not a region cuts nothing; a list-full one has no start (0), which rounds nothing.
        var tooSmall = new FreeRangeFate(free, FreeRangeFateKind.DroppedTooSmall, -1, 0x40200000, 0x1000000);
        Assert.Equal((0x100000UL, 0UL), (tooSmall.StartRoundedUpBy, tooSmall.SizeCutBy));
        var full = new FreeRangeFate(free, FreeRangeFateKind.DroppedListFull, -1, 0, 0);
        Assert.Equal((0UL, 0UL), (full.StartRoundedUpBy, full.SizeCutBy));

        // The whole 64-bit space kept from 0: the 2^64 bytes after the start do not fit a ulong, the cut does.
        var whole = new FreeRangeFate(new AddressRange(0, ulong.MaxValue), FreeRangeFateKind.Kept, 0, 0, 0x1000);
        Assert.Equal((0UL, 0xffff_ffff_ffff_f000UL), (whole.StartRoundedUpBy, whole.SizeCutBy));

        // A region reaching the last byte cuts nothing; one past the free range (no such fate is made) cuts nothing either.
        var toTheTop = new FreeRangeFate(new AddressRange(0xffff_0000_0000_0000, ulong.MaxValue), FreeRangeFateKind.Kept, 0, 0xffff_0000_0000_0000, 0x1_0000_0000_0000);
        Assert.Equal(0UL, toTheTop.SizeCutBy);
        Assert.Equal(0UL, new FreeRangeFate(free, FreeRangeFateKind.Kept, 0, 0x50000000, 0x200000).SizeCutBy);
    }
}
