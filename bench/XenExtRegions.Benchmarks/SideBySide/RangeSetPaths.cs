using System;
using System.Linq;
using XenExtRegions.Benchmarks.Ranges;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// The whole-set report: <see cref="RangeSet"/> through the callback overload, its enumerable <c>Report</c> and its
/// enumerator, against a plain walk of the baseline linked list (<see cref="XenLinkedListRangeSet"/>) holding the
/// same ranges, with the same callback where there is one.
/// </summary>
internal sealed class RangeSetPaths
{
    private readonly RangeSet _set;
    private readonly XenLinkedListRangeSet _list;
    private readonly Func<AddressRange, int> _callback;
    private long _sum;

    public RangeSetPaths(int count)
    {
        var workload = new RangeWorkload(count);
        _set = new RangeSet(workload.Ranges);
        _list = XenLinkedListRangeSet.FromSorted(workload.Ranges.OrderBy(r => r.First).ToArray());
        _callback = range =>
        {
            _sum += (long)(range.First ^ range.Last);
            return 0;
        };
        Count = count;
    }

    /// <summary>The number of ranges.</summary>
    public int Count { get; }

    /// <summary><c>Report(0, max, callback)</c>.</summary>
    public long OursCallback()
    {
        _sum = 0;
        _set.Report(0, ulong.MaxValue, _callback);
        return _sum;
    }

    /// <summary><c>foreach</c> over <c>Report(0, max)</c>.</summary>
    public long OursReportEnumeration()
    {
        long sum = 0;
        foreach (AddressRange range in _set.Report(0, ulong.MaxValue))
        {
            sum += (long)(range.First ^ range.Last);
        }

        return sum;
    }

    /// <summary><c>foreach</c> over the set itself.</summary>
    public long OursEnumerator()
    {
        long sum = 0;
        foreach (AddressRange range in _set)
        {
            sum += (long)(range.First ^ range.Last);
        }

        return sum;
    }

    /// <summary>The list's report with the same callback.</summary>
    public long ListCallback()
    {
        _sum = 0;
        _list.Report(0, ulong.MaxValue, _callback);
        return _sum;
    }

    /// <summary>The list walked node by node, summing in place.</summary>
    public long ListWalk() => _list.Checksum();
}
