using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>The Xen-style linked list built by n random adds; quadratic, so n stops at 10^4.</summary>
[MemoryDiagnoser]
public class XenLinkedListBuildBenchmarks
{
    private RangeWorkload _workload = null!;

    /// <summary>The number of ranges.</summary>
    [Params(1_000, 10_000)]
    public int N { get; set; }

    /// <summary>Builds the workload.</summary>
    [GlobalSetup]
    public void Setup() => _workload = new RangeWorkload(N);

    /// <summary>n random adds into an empty set.</summary>
    /// <returns>The number of ranges.</returns>
    [Benchmark]
    public int BuildByRandomAdds()
    {
        var set = new XenLinkedListRangeSet();
        foreach (AddressRange range in _workload.Ranges)
        {
            set.Add(range.First, range.Last);
        }

        return set.Count;
    }
}
