using System.Collections.Generic;
using System.Linq;
using CsCheck;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.ExtendedRegions;

/// <summary>Properties of fixed releases over random inputs, against the page-bitmap model.</summary>
public sealed class PropertyTests
{
    private const int IpaBits = 30;
    private const ulong Window = 1UL << IpaBits;

    private static readonly Gen<(ulong Address, ulong Size)> WindowGen =
        Gen.Select(Gen.ULong[0, Window - 1], Gen.ULong[1, 0x6000000], Gen.Bool, (a, s, aligned) => (aligned ? a & ~0xFFFUL : a, s));

    private static readonly Gen<(ulong Address, ulong Size)> RamGen =
        Gen.Select(Gen.ULong[0, Window - 1], Gen.ULong[0x100000, 0x20000000], (a, s) => (a & ~0xFFFFFUL, s));

    public static TheoryData<string> FixedReleases => new(["4.19.3", "4.20.1", "4.21", "latest"]);

    private static ExtendedRegionsResult Holes(string release, IEnumerable<(ulong Address, ulong Size)> used) =>
        new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
        {
            Release = XenRelease.Parse(release),
            IommuEnabled = true,
            IpaBits = IpaBits,
            DescribedWindows = used.Select((w, i) => DescribedWindow.Reg("/n" + i, 0, w.Address, w.Size)).ToArray(),
        });

    private static void AssertWellFormed(IReadOnlyList<MemoryBank> regions, IEnumerable<(ulong Address, ulong Size)> exclusions)
    {
        for (int i = 0; i < regions.Count; i++)
        {
            MemoryBank r = regions[i];
            Assert.Equal(0UL, r.Start % XenConstants.RegionAlignment);
            Assert.Equal(0UL, r.Size % XenConstants.RegionAlignment);
            Assert.True(r.Size >= XenConstants.MinimumRegionSize);
            Assert.True(r.Start + r.Size <= Window);
            if (i > 0)
            {
                Assert.True(regions[i - 1].Start + regions[i - 1].Size <= r.Start, "ascending and disjoint");
            }

            foreach ((ulong a, ulong s) in exclusions)
            {
                Assert.True(a + s <= r.Start || a >= r.Start + r.Size, "disjoint from every exclusion");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixedReleases))]
    public void Device_tree_holes_equal_the_bitmap_model_and_are_well_formed(string release)
    {
        bool shortBug = XenRelease.Parse(release).Profile.Normaliser == NormaliserVariant.FramesTwoMiBShort;
        WindowGen.Array[0, 12].Sample(used =>
        {
            ExtendedRegionsResult result = Holes(release, used);
            AssertWellFormed(result.Regions, used);
            List<(ulong, ulong)> expected = NaiveRegionModel.Holes(IpaBits, used, shortBug);
            Assert.Equal(expected, result.Regions.Select(r => (r.Start, r.Size)).ToList());
            Assert.Equal(expected.Count == 0 ? ExtendedRegionsOutcome.NoneFound : ExtendedRegionsOutcome.Found, result.Outcome);
        }, iter: 150);
    }

    [Theory]
    [MemberData(nameof(FixedReleases))]
    public void Adding_a_described_window_never_enlarges_the_result(string release)
    {
        Gen.Select(WindowGen.Array[0, 10], WindowGen).Sample((used, extra) =>
        {
            List<MemoryBank> before = Holes(release, used).Regions.ToList();
            IReadOnlyList<MemoryBank> after = Holes(release, used.Append(extra)).Regions;
            foreach (MemoryBank r in after)
            {
                Assert.Contains(before, b => b.Start <= r.Start && r.Start + r.Size <= b.Start + b.Size);
            }
        }, iter: 150);
    }

    [Theory]
    [MemberData(nameof(FixedReleases))]
    public void Host_ram_not_given_equals_the_bitmap_model_and_is_well_formed(string release)
    {
        bool shortBug = XenRelease.Parse(release).Profile.Normaliser == NormaliserVariant.FramesTwoMiBShort;
        Gen.Select(RamGen.Array[1, 4], WindowGen.Array[0, 6], WindowGen.Array[0, 3]).Sample((ram, domain, reserved) =>
        {
            var input = new ExtendedRegionsInput
            {
                Release = XenRelease.Parse(release),
                IpaBits = IpaBits,
                HostRam = ram.Select(b => new MemoryBank(b.Address, b.Size, MemoryBankKind.HostRam)).ToArray(),
                DomainRam = domain.Select(b => new MemoryBank(b.Address, b.Size, MemoryBankKind.DomainRam)).ToArray(),
                ReservedMemory = reserved.Select(b => new MemoryBank(b.Address, b.Size, MemoryBankKind.ReservedMemory)).ToArray(),
            };
            ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(input);
            (ulong, ulong)[] exclusions = domain.Concat(reserved).ToArray();
            AssertWellFormed(result.Regions, exclusions);
            Assert.Equal(NaiveRegionModel.HostRam(IpaBits, ram, exclusions, shortBug), result.Regions.Select(r => (r.Start, r.Size)).ToList());
            Assert.DoesNotContain(ExtendedRegionAudit.Audit(result), f => f.Severity == AuditSeverity.Unsafe && f.Kind != AuditFindingKind.NotHostRam);
        }, iter: 150);
    }

    [Fact]
    public void Every_free_range_of_the_explanation_is_accounted_for()
    {
        WindowGen.Array[0, 12].Sample(used =>
        {
            ExtendedRegionsResult result = Holes("latest", used);
            List<FreeRangeFate> kept = result.Explanation.Where(f => f.Kind == FreeRangeFateKind.Kept).ToList();
            Assert.Equal(result.Regions.Count, kept.Count);
            for (int i = 0; i < kept.Count; i++)
            {
                Assert.Equal(i, kept[i].RegionIndex);
                Assert.Equal(result.Regions[i].Start, kept[i].RegionStart);
                Assert.Equal(kept[i].FreeRange.Last - kept[i].FreeRange.First + 1, kept[i].StartRoundedUpBy + kept[i].RegionSize + kept[i].SizeCutBy);
            }
        }, iter: 100);
    }

    [Theory]
    [InlineData("4.21")]
    [InlineData("4.16.1")]
    public void Libxl_regions_avoid_iomem_and_stay_in_the_bank_tails(string release)
    {
        Gen<IoMemRange> io = Gen.Select(Gen.ULong[0x40000, 0x120000], Gen.ULong[1, 0x30000], (g, n) => new IoMemRange(g, n));
        Gen.Select(Gen.ULong[0, 0xC0000000], io.Array[0, 5]).Sample((ram0, iomem) =>
        {
            ExtendedRegionsResult result = new ExtendedRegionsEngine().Compute(new ExtendedRegionsInput
            {
                Release = XenRelease.Parse(release), Kind = DomainKind.ToolstackDomU, IpaBits = 40, GuestRamBankSizes = [ram0 & ~0xFFFUL], IoMem = iomem,
            });
            for (int i = 0; i < result.Regions.Count; i++)
            {
                MemoryBank r = result.Regions[i];
                Assert.Equal(0UL, r.Start % XenConstants.PageSize);
                Assert.True(r.Size >= XenConstants.MinimumRegionSize);
                Assert.True(r.Start >= XenConstants.GuestRam0Base + (ram0 & ~0xFFFUL));
                if (i > 0)
                {
                    Assert.True(result.Regions[i - 1].Start + result.Regions[i - 1].Size <= r.Start);
                }

                if (release == "4.21")
                {
                    Assert.All(iomem, m => Assert.True((m.GuestFrame + m.FrameCount) * 4096 <= r.Start || m.GuestFrame * 4096 >= r.Start + r.Size));
                }
            }
        }, iter: 300);
    }
}
