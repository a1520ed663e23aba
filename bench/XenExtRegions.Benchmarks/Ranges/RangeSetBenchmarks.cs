using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// RangeSet (B+tree) at n = 10^3, 10^5, 10^6 ranges. Per operation on a set of n ranges (1000 operations per
/// invocation; the bodies are in <see cref="RangeSetOperationBenchmarks{TSet}"/>); the build is in
/// <see cref="RangeSetBuildBenchmarks"/>.
/// </summary>
public class RangeSetBenchmarks : RangeSetOperationBenchmarks<RangeSetAdapter>
{
    /// <summary>The number of ranges.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public override int N { get; set; }

    private protected override RangeSetAdapter CreateFullSet(RangeWorkload workload)
    {
        var set = new RangeSet();
        foreach (AddressRange range in workload.Ranges)
        {
            set.Add(range);
        }

        if (set.Count != N)
        {
            throw new InvalidOperationException("The workload ranges merged.");
        }

        return new RangeSetAdapter(set);
    }
}
