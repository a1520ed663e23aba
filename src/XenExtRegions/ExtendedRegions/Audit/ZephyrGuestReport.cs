using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.ExtendedRegions;

/// <summary>What a Zephyr build (<c>drivers/xen/regions.c</c>) makes of a hypervisor node's regions.</summary>
public sealed class ZephyrGuestReport
{
    internal ZephyrGuestReport(string? rejection, IReadOnlyList<ZephyrRegionVerdict> entries)
    {
        Rejection = rejection;
        Entries = entries;
    }

    /// <summary>
    /// True when the build passes: at least one extended region and every entry usable. Zephyr checks with build
    /// assertions, so one bad entry fails the whole build, not just that region.
    /// </summary>
    public bool BuildSucceeds => Rejection is null && Entries.All(e => e.Usable);

    /// <summary>Why the list as a whole is refused (no extended region), or null.</summary>
    public string? Rejection { get; }

    /// <summary>One verdict per checked entry, in <c>reg</c> order (the grant table first when it was given).</summary>
    public IReadOnlyList<ZephyrRegionVerdict> Entries { get; }
}
