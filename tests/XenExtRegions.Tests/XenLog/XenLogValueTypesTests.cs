using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Tests.XenLog;

/// <summary>The log's small value types: equality over every field, hashes that follow it, Xen's wording in ToString.</summary>
public sealed class XenLogValueTypesTests
{
    [Fact]
    public void A_diagnostic_equals_another_only_when_line_number_text_and_message_all_match()
    {
        var d = new XenLogDiagnostic(3, "RAM: zz - 1", "RAM line with an unreadable or inverted range");
        Assert.True(d == new XenLogDiagnostic(3, "RAM: zz - 1", "RAM line with an unreadable or inverted range"));
        Assert.False(d != new XenLogDiagnostic(3, "RAM: zz - 1", "RAM line with an unreadable or inverted range"));
        Assert.True(d.Equals((object)new XenLogDiagnostic(3, "RAM: zz - 1", "RAM line with an unreadable or inverted range")));
        Assert.False(d.Equals((object)"line 3"));
        Assert.True(d != new XenLogDiagnostic(4, "RAM: zz - 1", "RAM line with an unreadable or inverted range"));
        Assert.True(d != new XenLogDiagnostic(3, "RAM: ZZ - 1", "RAM line with an unreadable or inverted range"));
        Assert.True(d != new XenLogDiagnostic(3, "RAM: zz - 1", "ram line with an unreadable or inverted range"));
        Assert.False(d == new XenLogDiagnostic(3, "RAM: zz - 1", "other"));
    }

    [Fact]
    public void A_diagnostic_hash_follows_its_line_number_and_message_and_null_texts_read_as_empty()
    {
        int hash = new XenLogDiagnostic(3, "a", "m").GetHashCode();
        Assert.Equal(hash, new XenLogDiagnostic(3, "b", "m").GetHashCode());
        Assert.NotEqual(hash, new XenLogDiagnostic(4, "a", "m").GetHashCode());
        Assert.NotEqual(hash, new XenLogDiagnostic(3, "a", "n").GetHashCode());
        var empty = new XenLogDiagnostic(0, null!, null!);
        Assert.Equal(string.Empty, empty.Line);
        Assert.Equal(string.Empty, empty.Message);
        Assert.Equal(new XenLogDiagnostic(0, string.Empty, string.Empty), empty);
    }

    [Fact]
    public void A_diagnostic_prints_its_line_number_unless_it_is_about_the_whole_log()
    {
        Assert.Equal("line 12: P2M IPA width out of range", new XenLogDiagnostic(12, "P2M: 99-bit IPA", "P2M IPA width out of range").ToString());
        Assert.Equal("no 'Xen version' banner", new XenLogDiagnostic(0, string.Empty, "no 'Xen version' banner").ToString());
    }

    [Fact]
    public void A_region_equals_another_only_when_every_field_matches()
    {
        var r = new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 37);
        Assert.True(r == new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 37));
        Assert.False(r != new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 37));
        Assert.True(r.Equals((object)new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 37)));
        Assert.False(r.Equals((object)r.ToString()));
        Assert.True(r != new XenLogExtendedRegion("d2", 2, 0x50000000, 0x100000000, 37));
        Assert.True(r != new XenLogExtendedRegion(null, 2, 0x50000000, 0x100000000, 37));
        Assert.True(r != new XenLogExtendedRegion("d1", 3, 0x50000000, 0x100000000, 37));
        Assert.True(r != new XenLogExtendedRegion("d1", 2, 0x50001000, 0x100000000, 37));
        Assert.True(r != new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100001000, 37));
        Assert.True(r != new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 38));
        Assert.False(r == new XenLogExtendedRegion("d1", 2, 0x50000000, 0x100000000, 38));
    }

    [Fact]
    public void A_region_hash_follows_its_range_and_index()
    {
        int hash = new XenLogExtendedRegion("d0", 1, 0x1000, 0x2000, 5).GetHashCode();
        Assert.Equal(hash, new XenLogExtendedRegion("d1", 1, 0x1000, 0x2000, 9).GetHashCode());
        Assert.NotEqual(hash, new XenLogExtendedRegion("d0", 2, 0x1000, 0x2000, 5).GetHashCode());
        Assert.NotEqual(hash, new XenLogExtendedRegion("d0", 1, 0x3000, 0x2000, 5).GetHashCode());
        Assert.NotEqual(hash, new XenLogExtendedRegion("d0", 1, 0x1000, 0x3000, 5).GetHashCode());
    }

    [Fact]
    public void Regions_whose_starts_differ_by_a_few_bytes_hash_apart()
    {
        // A hash that keeps only the start's high bits would put neighbouring regions in one bucket.
        var hashes = new System.Collections.Generic.HashSet<int>();
        for (ulong start = 0; start < 1000; start++)
        {
            hashes.Add(new XenLogExtendedRegion("d0", 0, start, 0x100000, 1).GetHashCode());
        }

        Assert.Equal(1000, hashes.Count);
    }

    [Fact]
    public void A_region_prints_in_the_wording_of_the_release_that_printed_it_with_an_exclusive_end()
    {
        var named = new XenLogExtendedRegion("d0", 0, 0x48000000, 0x54000000, 1);
        Assert.Equal("d0: extended region 0: 0x48000000->0x54000000", named.ToString());
        Assert.Equal("Extended region 3: 0x80000000->0x90000000", new XenLogExtendedRegion(null, 3, 0x80000000, 0x90000000, 1).ToString());
        Assert.Equal(0xc000000UL, named.Size);
        Assert.True(named.IsDom0);
        Assert.False(new XenLogExtendedRegion("d10", 0, 0, 1, 1).IsDom0);
    }

    [Fact]
    public void A_RESVD_line_equals_another_only_when_every_field_matches()
    {
        var l = new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 9);
        Assert.True(l == new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 9));
        Assert.False(l != new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 9));
        Assert.True(l.Equals((object)new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 9)));
        Assert.False(l.Equals((object)l.ToString()));
        Assert.True(l != new XenLogReservedLine(2, 0xa0000000, 0xa0ffffff, 9));
        Assert.True(l != new XenLogReservedLine(1, 0xa0001000, 0xa0ffffff, 9));
        Assert.True(l != new XenLogReservedLine(1, 0xa0000000, 0xa0fffffe, 9));
        Assert.True(l != new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 10));
        Assert.False(l == new XenLogReservedLine(1, 0xa0000000, 0xa0ffffff, 10));
    }

    [Fact]
    public void A_RESVD_line_hash_follows_its_index_and_range()
    {
        int hash = new XenLogReservedLine(1, 0x1000, 0x2000, 5).GetHashCode();
        Assert.Equal(hash, new XenLogReservedLine(1, 0x1000, 0x2000, 6).GetHashCode());
        Assert.NotEqual(hash, new XenLogReservedLine(2, 0x1000, 0x2000, 5).GetHashCode());
        Assert.NotEqual(hash, new XenLogReservedLine(1, 0x3000, 0x2000, 5).GetHashCode());
        Assert.NotEqual(hash, new XenLogReservedLine(1, 0x1000, 0x3000, 5).GetHashCode());
    }

    [Fact]
    public void RESVD_lines_whose_starts_differ_by_a_few_bytes_hash_apart()
    {
        var hashes = new System.Collections.Generic.HashSet<int>();
        for (ulong start = 0; start < 1000; start++)
        {
            hashes.Add(new XenLogReservedLine(0, start, 0x100000, 1).GetHashCode());
        }

        Assert.Equal(1000, hashes.Count);
    }

    [Fact]
    public void A_domain_is_named_and_numbered_as_Xen_prints_it()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) d1234: failed to allocate extended regions\n(XEN) dom07: extended regions support is disabled\n");
        Assert.Equal(new[] { 1234, 7 }, System.Linq.Enumerable.Select(log.Domains, d => d.Id));
        Assert.Equal("d1234", log.Domains[0].ToString());
        Assert.Equal("d7", log.Domains[1].ToString());
    }

    [Fact]
    public void A_domains_regions_become_extended_region_banks_labelled_by_their_log_line()
    {
        XenBootLog log = XenBootLogParser.Parse("(XEN) hello\n(XEN) d2: extended region 0: 0x50000000->0x100000000\n(XEN) d2: extended region 1: 0x200000000->0x10000000000\n");
        XenLogDomain d2 = log.FindDomain("d2")!;
        Assert.Equal(
            new[]
            {
                new MemoryBank(0x50000000, 0xb0000000, MemoryBankKind.ExtendedRegion, "log line 2"),
                new MemoryBank(0x200000000, 0xfe00000000, MemoryBankKind.ExtendedRegion, "log line 3"),
            },
            d2.GetExtendedRegionBanks());
        Assert.Empty(log.GetDom0ExtendedRegions());
        Assert.Throws<System.ArgumentNullException>(() => log.FindDomain(null!));
    }
}
