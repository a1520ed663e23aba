namespace XenExtRegions.ExtendedRegions;

/// <summary>What became of a free range the producer saw.</summary>
public enum FreeRangeFateKind
{
    /// <summary>Advertised as a region (possibly with its start rounded up and its size cut).</summary>
    Kept = 0,

    /// <summary>Nothing left after aligning the start up to 2 MiB.</summary>
    DroppedNothingAfterAlignment,

    /// <summary>Under 64 MiB after alignment.</summary>
    DroppedTooSmall,

    /// <summary>The output list was already full (128 or 256); dropped silently, as Xen does.</summary>
    DroppedListFull,
}
