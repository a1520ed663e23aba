using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.Tests.Ranges;

internal static class RangeSetAssert
{
    /// <summary>The canonical invariant: sorted, disjoint, at least one absent address between ranges; Count agrees.</summary>
    public static void Canonical(RangeSet set)
    {
        AddressRange[] ranges = set.ToArray();
        Assert.Equal(ranges.Length, set.Count);
        Assert.Equal(ranges.Length == 0, set.IsEmpty);
        for (int i = 1; i < ranges.Length; i++)
        {
            AddressRange previous = ranges[i - 1];
            AddressRange next = ranges[i];
            Assert.True(previous.Last < ulong.MaxValue, $"{previous} ends at the top but is followed by {next}");
            Assert.True(previous.Last + 1 < next.First, $"{previous} and {next} are not separated by a gap");
        }

        var enumerated = new List<AddressRange>(set);
        Assert.Equal(ranges, enumerated);
    }

    public static void Holds(RangeSet set, params (ulong First, ulong Last)[] expected)
    {
        Canonical(set);
        var wanted = new AddressRange[expected.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            wanted[i] = new AddressRange(expected[i].First, expected[i].Last);
        }

        Assert.Equal(wanted, set.ToArray());
    }
}
