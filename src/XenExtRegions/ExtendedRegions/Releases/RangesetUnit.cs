namespace XenExtRegions.ExtendedRegions;

/// <summary>What one element of Xen's working rangeset is (commit f37a598139).</summary>
public enum RangesetUnit
{
    /// <summary>Bytes (4.16–4.17).</summary>
    Bytes = 0,

    /// <summary>4 KiB frame numbers (4.18+); inputs are rounded outward to whole pages.</summary>
    Frames,
}
