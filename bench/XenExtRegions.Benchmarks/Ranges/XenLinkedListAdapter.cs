using System;
using XenExtRegions.Ranges;

namespace XenExtRegions.Benchmarks.Ranges;

/// <summary>The Xen-style baseline <see cref="XenLinkedListRangeSet"/> seen through <see cref="IBenchmarkRangeSet"/>.</summary>
public readonly struct XenLinkedListAdapter : IBenchmarkRangeSet
{
    private readonly XenLinkedListRangeSet _set;

    internal XenLinkedListAdapter(XenLinkedListRangeSet set) => _set = set;

    /// <inheritdoc/>
    public int Count => _set.Count;

    /// <inheritdoc/>
    public bool Contains(ulong first, ulong last) => _set.Contains(first, last);

    /// <inheritdoc/>
    public int Report(ulong first, ulong last, Func<AddressRange, int> callback) => _set.Report(first, last, callback);

    /// <inheritdoc/>
    public void Add(ulong first, ulong last) => _set.Add(first, last);

    /// <inheritdoc/>
    public void Remove(ulong first, ulong last) => _set.Remove(first, last);
}
