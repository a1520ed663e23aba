namespace XenExtRegions.DeviceTrees;

/// <summary>The outcome of checking an FDT header; only the public layer turns a failure into an exception.</summary>
internal enum FdtHeaderStatus
{
    Ok,
    Truncated,
    BadMagic,
    BadVersion,
    BadTotalSize,
    BadOffset,
    Misaligned,
    BadSize,
    Overlap,
}
