namespace XenExtRegions.DeviceTrees;

/// <summary>Choices for <see cref="DeviceTreeOverlay"/>.</summary>
public sealed class DeviceTreeOverlayOptions
{
    /// <summary>The options used when none are given: libfdt 1.7's rules.</summary>
    public static DeviceTreeOverlayOptions Default { get; } = new();

    /// <summary>
    /// When an overlay node with a phandle is merged into a base node that has one, keep the base's phandle and point
    /// the overlay's references at it (libfdt 1.7 and later, U-Boot since 2023). False gives the older behaviour of
    /// libfdt 1.6 (Debian's and Ubuntu's fdtoverlay up to dtc 1.6.1): the node takes the overlay's renumbered phandle,
    /// and references in the base to the old one dangle. Default true.
    /// </summary>
    public bool KeepBasePhandles { get; init; } = true;
}
