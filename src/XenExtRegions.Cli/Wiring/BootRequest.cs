using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Wiring;

/// <summary>Everything the boot command knows: the tree, the log, and the user's overrides (null = not given).</summary>
internal sealed record BootRequest
{
    public required LoadedTree Host { get; init; }

    public XenBootLog? Log { get; init; }

    public string? LogFile { get; init; }

    public string? XenVersion { get; init; }

    public bool? Iommu { get; init; }

    public bool? ExtendedRegions { get; init; }

    public int? IpaBits { get; init; }

    public IReadOnlyList<MemoryBank>? Dom0Ram { get; init; }

    public MemoryBank? Dom0GrantTable { get; init; }

    public IReadOnlyList<MemoryBank>? HostRam { get; init; }

    public IReadOnlyList<MemoryBank>? Reserved { get; init; }

    public IReadOnlyList<MemoryBank> Exclusions { get; init; } = [];
}
