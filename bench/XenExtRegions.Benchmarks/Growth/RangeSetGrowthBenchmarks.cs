using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Benchmarks.Ranges;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>
/// RangeSet growth: the whole job of size n (not one operation), so n log n shows as an exponent a little above 1.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class RangeSetGrowthBenchmarks
{
    private RangeWorkload _workload = null!;
    private RangeSet _full = null!;
    private ulong[] _sortedQueries = [];
    private AddressRange[] _sortedPunches = [];

    /// <summary>The number of ranges, and of operations in the mix.</summary>
    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the workload (n ranges, n operations of each kind) and a full set for the mix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _workload = new RangeWorkload(N, operations: N);
        _full = new RangeSet(_workload.Ranges);
        if (_full.Count != N)
        {
            throw new InvalidOperationException("The workload ranges merged.");
        }

        _sortedQueries = (ulong[])_workload.Queries.Clone();
        Array.Sort(_sortedQueries);
        _sortedPunches = (AddressRange[])_workload.Punches.Clone();
        Array.Sort(_sortedPunches);
    }

    /// <summary>n random adds into an empty set.</summary>
    /// <returns>The number of ranges.</returns>
    [Benchmark]
    public int RandomAdds()
    {
        var set = new RangeSet();
        foreach (AddressRange range in _workload.Ranges)
        {
            set.Add(range.First, range.Last);
        }

        return set.Count;
    }

    /// <summary>
    /// n rounds on the full set of n ranges, each a query at a random address, a removal that splits a random range
    /// and the add that merges it back (so the set is the same after every invocation).
    /// </summary>
    /// <returns>The number of hits plus the number of ranges.</returns>
    [Benchmark]
    public int QueryRemoveMix() => Mix(_workload.Queries, _workload.Punches);

    /// <summary>
    /// The same rounds in address order: the same comparisons, but each round finds the path of the last one in
    /// cache, so the gap to <see cref="QueryRemoveMix"/> at large n is memory latency, not algorithm.
    /// </summary>
    /// <returns>The number of hits plus the number of ranges.</returns>
    [Benchmark]
    public int QueryRemoveMixInOrder() => Mix(_sortedQueries, _sortedPunches);

    private int Mix(ulong[] queries, AddressRange[] punches)
    {
        RangeSet set = _full;
        int hits = 0;
        for (int k = 0; k < queries.Length; k++)
        {
            if (set.Contains(queries[k], queries[k]))
            {
                hits++;
            }

            set.Remove(punches[k].First, punches[k].Last);
            set.Add(punches[k].First, punches[k].Last);
        }

        return hits + set.Count;
    }
}
