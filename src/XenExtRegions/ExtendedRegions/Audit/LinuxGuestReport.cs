using System.Collections.Generic;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>What a Linux guest makes of a region list.</summary>
public sealed class LinuxGuestReport
{
    internal LinuxGuestReport(bool accepted, string? rejection, IReadOnlyList<AddressRange> usableWindows, IReadOnlyList<int> uselessRegions, ulong usableBytes)
    {
        Accepted = accepted;
        Rejection = rejection;
        UsableWindows = usableWindows;
        UselessRegions = uselessRegions;
        UsableBytes = usableBytes;
    }

    /// <summary>False when Linux disables the feature (no region, or a region not above the previous one).</summary>
    public bool Accepted { get; }

    /// <summary>Why Linux refuses the list, or null.</summary>
    public string? Rejection { get; }

    /// <summary>The section-aligned windows the kernel can allocate from (adjacent regions joined).</summary>
    public IReadOnlyList<AddressRange> UsableWindows { get; }

    /// <summary>Indexes (0-based) of regions of which no section-aligned section is usable.</summary>
    public IReadOnlyList<int> UselessRegions { get; }

    /// <summary>The total of <see cref="UsableWindows"/>.</summary>
    public ulong UsableBytes { get; }
}
