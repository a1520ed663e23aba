using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// RangeSet (B+tree) at n = 10^3, 10^5, 10^6 ranges. Per operation on a set of n ranges (1000 operations per
/// invocation); the build is in <see cref="RangeSetBuildBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class RangeSetBenchmarks
{
    private RangeWorkload _workload = null!;
    private RangeSet _set = null!;
    private long _sink;
    private Func<AddressRange, int> _sum = null!;

    /// <summary>The number of ranges.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the workload and a full set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sum = Sum;
        _workload = new RangeWorkload(N);
        _set = new RangeSet();
        foreach (AddressRange range in _workload.Ranges)
        {
            _set.Add(range);
        }

        if (_set.Count != N)
        {
            throw new InvalidOperationException("The workload ranges merged.");
        }
    }

    /// <summary>Contains(address) at random addresses.</summary>
    /// <returns>The number of hits.</returns>
    [Benchmark(OperationsPerInvoke = RangeWorkload.OperationsPerInvoke)]
    public int Contains()
    {
        int hits = 0;
        foreach (ulong address in _workload.Queries)
        {
            if (_set.Contains(address, address))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>Report over a window of four slots, through the callback.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark(OperationsPerInvoke = RangeWorkload.OperationsPerInvoke)]
    public long Report()
    {
        foreach (AddressRange window in _workload.Windows)
        {
            _set.Report(window.First, window.Last, _sum);
        }

        return _sink;
    }

    /// <summary>Add a range in a gap, then remove it (one operation = the pair).</summary>
    /// <returns>The number of ranges.</returns>
    [Benchmark(OperationsPerInvoke = RangeWorkload.OperationsPerInvoke)]
    public int AddThenRemove()
    {
        foreach (AddressRange gap in _workload.Gaps)
        {
            _set.Add(gap.First, gap.Last);
            _set.Remove(gap.First, gap.Last);
        }

        return _set.Count;
    }

    /// <summary>Remove the middle of a range (a split), then add it back (a merge of three).</summary>
    /// <returns>The number of ranges.</returns>
    [Benchmark(OperationsPerInvoke = RangeWorkload.OperationsPerInvoke)]
    public int RemoveThenAdd()
    {
        foreach (AddressRange punch in _workload.Punches)
        {
            _set.Remove(punch.First, punch.Last);
            _set.Add(punch.First, punch.Last);
        }

        return _set.Count;
    }

    private int Sum(AddressRange range)
    {
        _sink += (long)range.LastOffset;
        return 0;
    }
}
