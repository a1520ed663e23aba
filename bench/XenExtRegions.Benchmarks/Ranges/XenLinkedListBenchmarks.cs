using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// The Xen-style linked list on the same workload, n capped at 10^5: at 10^6 every
/// operation walks half a million nodes and the run would take hours. Per operation on a set of n ranges (1000 operations per
/// invocation); the build is in <see cref="RangeSetBuildBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class XenLinkedListBenchmarks
{
    private RangeWorkload _workload = null!;
    private XenLinkedListRangeSet _set = null!;
    private long _sink;
    private Func<AddressRange, int> _sum = null!;

    /// <summary>The number of ranges.</summary>
    [Params(1_000, 100_000)]
    public int N { get; set; }

    /// <summary>Builds the workload and a full set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sum = Sum;
        _workload = new RangeWorkload(N);
        // Built in address order by appending: building by random adds is quadratic (hours at 10^5), and nodes
        // laid out in list order make the linear walks as cache-friendly as they can be, which flatters the baseline.
        AddressRange[] sorted = (AddressRange[])_workload.Ranges.Clone();
        Array.Sort(sorted);
        _set = XenLinkedListRangeSet.FromSorted(sorted);

        // The baseline must agree with the product on the same input, or the comparison means nothing.
        if (_set.Count != N || !_set.ToList().SequenceEqual(new RangeSet(_workload.Ranges)))
        {
            throw new InvalidOperationException("The linked list disagrees with RangeSet.");
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
