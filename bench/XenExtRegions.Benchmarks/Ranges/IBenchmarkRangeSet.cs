using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>
/// The operations <see cref="RangeSetOperationBenchmarks{TSet}"/> measures, implemented by small struct adapters so
/// that the generic base is specialised per set type by the JIT (no interface dispatch in the measured loops).
/// </summary>
public interface IBenchmarkRangeSet
{
    /// <summary>The number of stored ranges.</summary>
    int Count { get; }

    /// <summary>Whether [first, last] lies inside one stored range.</summary>
    bool Contains(ulong first, ulong last);

    /// <summary>Calls <paramref name="callback"/> for each stored piece inside [first, last].</summary>
    int Report(ulong first, ulong last, Func<AddressRange, int> callback);

    /// <summary>Adds [first, last].</summary>
    void Add(ulong first, ulong last);

    /// <summary>Removes [first, last].</summary>
    void Remove(ulong first, ulong last);
}
