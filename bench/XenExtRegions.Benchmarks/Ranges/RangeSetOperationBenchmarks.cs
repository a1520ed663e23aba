using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// The four per-operation benchmarks shared by the product and the baseline: each derived class supplies the
/// sizes (<see cref="N"/> with its own <c>[Params]</c>) and builds a full set of n ranges; 1000 operations per
/// invocation. BenchmarkDotNet reports them under the derived class's name.
/// </summary>
/// <typeparam name="TSet">A struct adapter, so each closed type gets its own specialised code.</typeparam>
[MemoryDiagnoser]
public abstract class RangeSetOperationBenchmarks<TSet>
    where TSet : struct, IBenchmarkRangeSet
{
    private RangeWorkload _workload = null!;
    private TSet _set;
    private long _sink;
    private Func<AddressRange, int> _sum = null!;

    /// <summary>The number of ranges (the derived class puts <c>[Params]</c> on its override).</summary>
    public abstract int N { get; set; }

    /// <summary>Builds the workload and a full set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sum = Sum;
        _workload = new RangeWorkload(N);
        _set = CreateFullSet(_workload);
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

    /// <summary>Builds a set holding exactly <paramref name="workload"/>'s ranges, checked against the product.</summary>
    /// <param name="workload">The workload of n ranges.</param>
    /// <returns>The full set.</returns>
    private protected abstract TSet CreateFullSet(RangeWorkload workload);

    private int Sum(AddressRange range)
    {
        _sink += (long)range.LastOffset;
        return 0;
    }
}
