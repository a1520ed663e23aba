using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// Xen's rangeset_report_ranges over the whole space, i.e. every stored range once through the callback: the
/// product's B+tree against the plain linked list (the baseline, nodes allocated in list order, so its walk is as
/// cache-friendly as a list gets). The Ratio column is RangeSet time / list time; the enumerator is shown too.
/// </summary>
public class RangeSetReportAllBenchmarks
{
    private RangeSet _set = null!;
    private XenLinkedListRangeSet _list = null!;
    private Func<AddressRange, int> _sum = null!;
    private ulong _sink;

    /// <summary>The number of ranges.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var workload = new RangeWorkload(N);
        _set = new RangeSet(workload.Ranges);
        AddressRange[] sorted = _set.ToArray();
        _list = XenLinkedListRangeSet.FromSorted(sorted);
        _sum = Sum;
        if (_set.Count != N || _list.Count != N)
        {
            throw new InvalidOperationException("The workload ranges merged.");
        }
    }

    /// <summary>The linked list's report over [0, 2^64-1].</summary>
    [Benchmark(Baseline = true)]
    public ulong LinkedList()
    {
        _sink = 0;
        _list.Report(0, ulong.MaxValue, _sum);
        return _sink;
    }

    /// <summary>RangeSet's report over [0, 2^64-1] through the callback overload.</summary>
    [Benchmark]
    public ulong RangeSetCallback()
    {
        _sink = 0;
        _set.Report(0, ulong.MaxValue, _sum);
        return _sink;
    }

    /// <summary>The same ranges through foreach over the set.</summary>
    [Benchmark]
    public ulong RangeSetForeach()
    {
        ulong sum = 0;
        foreach (AddressRange range in _set)
        {
            sum += range.Last - range.First;
        }

        return sum;
    }

    private int Sum(AddressRange range)
    {
        _sink += range.Last - range.First;
        return 0;
    }
}
