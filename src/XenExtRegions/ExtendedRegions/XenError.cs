namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// The error a producer returns, with Xen's errno values as positive numbers; Xen's code returns them negated
/// (<see cref="XenErrorExtensions.ToErrno"/> gives that number, <see cref="XenErrorExtensions.ToSymbol"/> the name).
/// </summary>
public enum XenError
{
    /// <summary>0: success.</summary>
    None = 0,

    /// <summary>ENOENT (2): no region found.</summary>
    NoEntry = 2,

    /// <summary>ENOMEM (12): allocation failure (never produced here; reported for completeness).</summary>
    OutOfMemory = 12,

    /// <summary>EINVAL (22): a <c>reg</c> or PCI <c>ranges</c> could not be decoded.</summary>
    InvalidArgument = 22,

    /// <summary>ERANGE (34): a PCI range runs past the 64-bit space (4.18+).</summary>
    OutOfRange = 34,
}
