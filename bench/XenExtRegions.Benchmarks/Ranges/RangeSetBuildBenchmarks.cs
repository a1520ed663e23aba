using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>Building a RangeSet by n random adds from empty (target: 10^6 in under a second).</summary>
[MemoryDiagnoser]
public class RangeSetBuildBenchmarks
{
    private RangeWorkload _workload = null!;

    /// <summary>The number of ranges.</summary>
    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the workload.</summary>
    [GlobalSetup]
    public void Setup() => _workload = new RangeWorkload(N);

    /// <summary>n random adds into an empty set.</summary>
    /// <returns>The number of ranges.</returns>
    [Benchmark]
    public int BuildByRandomAdds()
    {
        var set = new RangeSet();
        foreach (AddressRange range in _workload.Ranges)
        {
            set.Add(range.First, range.Last);
        }

        return set.Count;
    }
}
