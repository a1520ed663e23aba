using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Wiring;

/// <summary>A host or guest tree read from a file (or the embedded board), with where it came from.</summary>
internal sealed record LoadedTree(DeviceTree Tree, string Source, bool WasBinary);

/// <summary>How a tree is read, as dtc's options: -@ (a DTS source gets __symbols__) and -b (the header's boot CPU, for any input).</summary>
internal sealed record TreeReadChoices(bool Symbols, uint? BootCpu);

/// <summary>Everything the dom0 command knows after merging options, log and board defaults.</summary>
internal sealed record Dom0Request
{
    public required LoadedTree Host { get; init; }

    public required string XenVersion { get; init; }

    public bool Iommu { get; init; }

    /// <summary>Xen's ext_regions option.</summary>
    public bool ExtendedRegions { get; init; } = true;

    public int IpaBits { get; init; } = 40;

    /// <summary>Dom0's RAM banks; null when unknown (the engine may then refuse the no-IOMMU path).</summary>
    public IReadOnlyList<MemoryBank>? Dom0Ram { get; init; }

    public MemoryBank? GrantTable { get; init; }

    /// <summary>Host RAM replacing the tree's memory nodes, or null to use the tree.</summary>
    public IReadOnlyList<MemoryBank>? HostRam { get; init; }

    /// <summary>Reserved memory replacing the tree's reserved-memory facts, or null to use the tree.</summary>
    public IReadOnlyList<MemoryBank>? Reserved { get; init; }

    /// <summary>Boot modules known from a log (the tree's /chosen modules are read by the engine).</summary>
    public IReadOnlyList<BootModule>? Modules { get; init; }

    public IReadOnlyList<MemoryBank> Exclusions { get; init; } = [];

    public string? XenLogFile { get; init; }
}

/// <summary>Everything the domu command knows.</summary>
internal sealed record DomURequest
{
    public required string XenVersion { get; init; }

    public required ulong Memory { get; init; }

    /// <summary>Xen's name for the domain, as its log lines print it.</summary>
    public string DomainName { get; init; } = "d1";

    public int GpaddrBits { get; init; } = 40;

    public bool Dom0less { get; init; }

    public IReadOnlyList<MemoryBank> Exclusions { get; init; } = [];
}

/// <summary>What the guest command shows.</summary>
internal sealed record GuestReport
{
    public MemoryBank? GrantTable { get; init; }

    public required IReadOnlyList<MemoryBank> Regions { get; init; }

    public required ulong SectionSize { get; init; }

    public required bool LinuxAccepts { get; init; }

    /// <summary>Section-aligned windows a Linux guest can use, with the index of the region each lies in (1-based reg index).</summary>
    public required IReadOnlyList<(int Region, MemoryBank Window)> UsableWindows { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>What a Zephyr build with this node in its board devicetree makes of each reg entry.</summary>
    public required XenExtRegions.ExtendedRegions.ZephyrGuestReport Zephyr { get; init; }
}
