using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// The Xen-style linked list on the same workload, n capped at 10^5: at 10^6 every
/// operation walks half a million nodes and the run would take hours. Per operation on a set of n ranges (1000 operations per
/// invocation; the bodies are in <see cref="RangeSetOperationBenchmarks{TSet}"/>); the build is in
/// <see cref="XenLinkedListBuildBenchmarks"/>.
/// </summary>
public class XenLinkedListBenchmarks : RangeSetOperationBenchmarks<XenLinkedListAdapter>
{
    /// <summary>The number of ranges.</summary>
    [Params(1_000, 100_000)]
    public override int N { get; set; }

    private protected override XenLinkedListAdapter CreateFullSet(RangeWorkload workload)
    {
        // Built in address order by appending: building by random adds is quadratic (hours at 10^5), and nodes
        // laid out in list order make the linear walks as cache-friendly as they can be, which flatters the baseline.
        AddressRange[] sorted = (AddressRange[])workload.Ranges.Clone();
        Array.Sort(sorted);
        XenLinkedListRangeSet set = XenLinkedListRangeSet.FromSorted(sorted);

        // The baseline must agree with the product on the same input, or the comparison means nothing.
        if (set.Count != N || !set.ToList().SequenceEqual(new RangeSet(workload.Ranges)))
        {
            throw new InvalidOperationException("The linked list disagrees with RangeSet.");
        }

        return new XenLinkedListAdapter(set);
    }
}
