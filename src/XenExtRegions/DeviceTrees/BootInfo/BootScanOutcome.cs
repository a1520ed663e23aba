namespace XenExtRegions.DeviceTrees;

/// <summary>How Xen's boot-time scan of the tree ended.</summary>
public enum BootScanOutcome
{
    /// <summary>Every node was scanned.</summary>
    Completed = 0,

    /// <summary>
    /// A handler returned an error (RAM bank limit reached, invalid cells, overlapping reserved region, bad initrd…) and
    /// the scan stopped there; releases that check the scan result panic ("Early FDT parsing failed").
    /// </summary>
    Stopped,

    /// <summary>Xen panics unconditionally (reserved-memory bank limit, boot module without a usable <c>reg</c>…).</summary>
    Panicked,
}
