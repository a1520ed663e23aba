using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>
/// One boot: the host tree Xen booted with, optionally Xen's console log of that boot, and optional overrides. Every
/// override wins over the log, and the log over the tree.
/// </summary>
public sealed record BootAnalysisInput
{
    /// <summary>Creates an input for a host tree.</summary>
    /// <param name="hostTree">The tree Xen booted with (with <c>/chosen</c> holding Xen's command line and the dom0less domain nodes).</param>
    /// <exception cref="ArgumentNullException"><paramref name="hostTree"/> is null.</exception>
    public BootAnalysisInput(DeviceTree hostTree) => HostTree = hostTree ?? throw new ArgumentNullException(nameof(hostTree));

    /// <summary>The host tree.</summary>
    public DeviceTree HostTree { get; init; }

    /// <summary>How findings name the tree (a file name).</summary>
    public string HostTreeName { get; init; } = "host tree";

    /// <summary>Xen's console log of the boot, or null before boot.</summary>
    public XenBootLog? Log { get; init; }

    /// <summary>How findings name the log (a file name).</summary>
    public string LogName { get; init; } = "boot log";

    /// <summary>The release to reproduce; null takes the log's banner, else the latest.</summary>
    public XenRelease? Release { get; init; }

    /// <summary>Whether I/O virtualisation is enabled; null takes the log's line, else what the tree and command line imply.</summary>
    public bool? Iommu { get; init; }

    /// <summary><c>ext_regions</c>; null takes the command line (log's, else tree's), else the log's lines, else on.</summary>
    public bool? ExtendedRegions { get; init; }

    /// <summary>The stage-2 IPA width; null takes the log's <c>P2M:</c> line, else 40.</summary>
    public int? IpaBits { get; init; }

    /// <summary>Dom0's RAM banks; null takes the log's <c>BANK</c> lines (Xen's allocator decides them at boot).</summary>
    public IReadOnlyList<MemoryBank>? Dom0Ram { get; init; }

    /// <summary>Dom0's grant-table window; null takes the log's <c>Grant table range</c> (Xen's <c>_stext</c>).</summary>
    public MemoryBank? Dom0GrantTable { get; init; }

    /// <summary>Host RAM replacing the tree's memory nodes (and the log's <c>RAM:</c> lines).</summary>
    public IReadOnlyList<MemoryBank>? HostRam { get; init; }

    /// <summary>Reserved memory replacing the tree's reserved-memory children.</summary>
    public IReadOnlyList<MemoryBank>? ReservedMemory { get; init; }

    /// <summary>Address space known not to be free (audit only; Xen does not know it).</summary>
    public IReadOnlyList<MemoryBank> Exclusions { get; init; } = Array.Empty<MemoryBank>();
}
