using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>One thing drawn on the memory map: a bank in a lane, with a label.</summary>
internal sealed record MapItem(MapLayer Layer, ulong Start, ulong Size, string Label);

/// <summary>One input fact as a person reads it (name, value).</summary>
internal sealed record ReportInput(string Name, string Value);

/// <summary>How our regions compare with the ones a Xen boot log printed.</summary>
internal sealed record LogComparison(string LogFile, bool Matches, IReadOnlyList<MemoryBank> LogRegions, IReadOnlyList<MemoryBank> OnlyInLog, IReadOnlyList<MemoryBank> OnlyOurs);

/// <summary>
/// Everything a renderer needs to show one computation, independent of the engine's own types (the wiring maps
/// the engine's result into this).
/// </summary>
internal sealed record RegionReport
{
    /// <summary>What was computed, e.g. "Dom0".</summary>
    public required string Subject { get; init; }

    /// <summary>The Xen release profile used, e.g. "4.22".</summary>
    public required string XenVersion { get; init; }

    /// <summary>Which producer ran and why, e.g. "find_memory_holes: holes of the host device tree (IOMMU)".</summary>
    public required string Producer { get; init; }

    /// <summary>The extended regions in order (Xen's index 0 = reg entry 1).</summary>
    public required IReadOnlyList<MemoryBank> Regions { get; init; }

    /// <summary>Region 0 of the /hypervisor reg: the grant-table window.</summary>
    public MemoryBank? GrantTable { get; init; }

    /// <summary>The lines Xen would print, at their level, e.g. "d0: extended region 0: 0x48000000->0x54000000".</summary>
    public required IReadOnlyList<string> XenLogLines { get; init; }

    /// <summary>Inputs as people read them.</summary>
    public required IReadOnlyList<ReportInput> Inputs { get; init; }

    /// <summary>Structured inputs for JSON.</summary>
    public required ReportInputs InputFacts { get; init; }

    /// <summary>Everything to draw, by lane (the extended regions included).</summary>
    public required IReadOnlyList<MapItem> Map { get; init; }

    /// <summary>Warnings: Xen's own and ours (safety audit, Linux usability, overridden facts).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Findings that are by design and safe, said so a reader does not wonder (e.g. regions over boot modules).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The comparison with a boot log's regions, when a log with regions was given.</summary>
    public LogComparison? Log { get; init; }

    /// <summary>The root's #address-cells of the tree the node goes into.</summary>
    public int AddressCells { get; init; } = 2;

    /// <summary>The root's #size-cells of the tree the node goes into.</summary>
    public int SizeCells { get; init; } = 2;

    /// <summary>The event-channel PPI when known (for the interrupts property).</summary>
    public uint? EventChannelPpi { get; init; }

    /// <summary>The GIC phandle when known (interrupt-parent).</summary>
    public uint? InterruptParent { get; init; }

    /// <summary>The /hypervisor node the library built, when it could (the dts and dtb forms use it).</summary>
    public XenExtRegions.ExtendedRegions.HypervisorNode? Hypervisor { get; init; }
}

/// <summary>The inputs of a computation as data.</summary>
internal sealed record ReportInputs
{
    public required string Source { get; init; }

    public bool Iommu { get; init; }

    public int IpaBits { get; init; }

    public IReadOnlyList<MemoryBank> HostRam { get; init; } = [];

    public IReadOnlyList<MemoryBank> Reserved { get; init; } = [];

    public IReadOnlyList<MemoryBank> Modules { get; init; } = [];

    public IReadOnlyList<MemoryBank> DomainRam { get; init; } = [];

    public IReadOnlyList<MemoryBank> Exclusions { get; init; } = [];

    public string? XenLog { get; init; }
}
