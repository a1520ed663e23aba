using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// A reproducible workload over the whole 64-bit space: n disjoint ranges, one per slot of width 2^64 / n, at
/// random offsets and lengths, inserted in random order; plus random queries, report windows, ranges that fall
/// in gaps and punches that split ranges.
/// </summary>
internal sealed class RangeWorkload
{
    public const int OperationsPerInvoke = 1000;

    /// <param name="n">The number of ranges.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="operations">How many queries, windows, gaps and punches (the growth suite asks for n).</param>
    public RangeWorkload(int n, int seed = 42, int operations = OperationsPerInvoke)
    {
        var random = new Random(seed);
        ulong slot = ulong.MaxValue / (ulong)n;
        Ranges = new AddressRange[n];
        for (int i = 0; i < n; i++)
        {
            ulong start = ((ulong)i * slot) + Below(random, slot / 8);
            ulong length = (slot / 8) + Below(random, slot / 8);
            Ranges[i] = new AddressRange(start, start + length);
        }

        // Random insertion order (Fisher-Yates).
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (Ranges[i], Ranges[j]) = (Ranges[j], Ranges[i]);
        }

        Queries = new ulong[operations];
        Windows = new AddressRange[operations];
        Gaps = new AddressRange[operations];
        Punches = new AddressRange[operations];
        for (int k = 0; k < operations; k++)
        {
            ulong i = (ulong)random.Next(n);
            Queries[k] = (i * slot) + Below(random, slot / 2);
            ulong windowSlots = Math.Min(4, (ulong)n - i);
            Windows[k] = new AddressRange(i * slot, ((i + windowSlots) * slot) - 1);
            Gaps[k] = new AddressRange((i * slot) + (slot / 2), (i * slot) + (slot / 2) + (slot / 16));
            AddressRange target = Ranges[(int)i];
            ulong quarter = target.LastOffset / 4;
            Punches[k] = new AddressRange(target.First + quarter, target.First + (2 * quarter));
        }
    }

    /// <summary>The ranges, in insertion order.</summary>
    public AddressRange[] Ranges { get; }

    /// <summary>Random addresses, about a quarter of them inside a range.</summary>
    public ulong[] Queries { get; }

    /// <summary>Windows of four slots each.</summary>
    public AddressRange[] Windows { get; }

    /// <summary>Ranges lying in gaps (adding then removing one restores the set).</summary>
    public AddressRange[] Gaps { get; }

    /// <summary>Ranges strictly inside stored ranges (removing then adding one restores the set).</summary>
    public AddressRange[] Punches { get; }

    private static ulong Below(Random random, ulong bound) => (ulong)random.NextInt64() % bound;
}
