namespace XenExtRegions.DeviceTrees;

/// <summary>Which nodes Xen's boot scan takes as RAM.</summary>
public enum MemoryNodeMatching
{
    /// <summary>
    /// Xen 4.16–4.19: any node named <c>memory</c> or <c>memory@…</c> at any depth, without a <c>device_type</c> check
    /// (so a <c>/reserved-memory/memory@…</c> child counts as RAM too).
    /// </summary>
    AnyDepthByName = 0,

    /// <summary>Xen 4.20+ (commit 47d4d3cdc5): depth-1 nodes named <c>memory</c>/<c>memory@…</c> with <c>device_type = "memory"</c>.</summary>
    DepthOneWithDeviceType,
}
