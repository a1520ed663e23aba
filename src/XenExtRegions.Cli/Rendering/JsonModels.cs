using System.Collections.Generic;

namespace XenExtRegions.Cli.Rendering;

// The JSON documents the tool writes. 64-bit values are hex strings ("0x48000000"): JSON numbers lose precision
// above 2^53 in many readers. Field names are camelCase (see CliJsonContext).

/// <summary>A bank: start, size and exclusive end.</summary>
internal sealed record JsonRange(string Start, string Size, string End, string? Label = null);

/// <summary>The inputs of a regions computation.</summary>
internal sealed record JsonInputs(
    string Source,
    string XenVersion,
    string Producer,
    bool Iommu,
    int IpaBits,
    int AddressCells,
    int SizeCells,
    IReadOnlyList<JsonRange> HostRam,
    IReadOnlyList<JsonRange> Reserved,
    IReadOnlyList<JsonRange> Modules,
    IReadOnlyList<JsonRange> DomainRam,
    JsonRange? GrantTable,
    IReadOnlyList<JsonRange> Exclusions,
    string? XenLog);

/// <summary>The comparison with a Xen boot log.</summary>
internal sealed record JsonLogComparison(string File, bool Matches, IReadOnlyList<JsonRange> LogRegions, IReadOnlyList<JsonRange> OnlyInLog, IReadOnlyList<JsonRange> OnlyOurs);

/// <summary>The output of dom0 / domu with --format json.</summary>
internal sealed record JsonRegionsDocument(
    IReadOnlyList<JsonRange> Regions,
    JsonRange? GrantTable,
    JsonInputs Inputs,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> XenLogLines,
    bool? MatchesLog,
    JsonLogComparison? LogComparison);

/// <summary>One decoded reg entry (dt regs).</summary>
internal sealed record JsonReg(string Path, int Index, string Address, string Size);

/// <summary>One PCI host-bridge aperture (dt regs).</summary>
internal sealed record JsonPciRange(string Path, string CpuAddress, string Size);

/// <summary>One untranslatable entry (dt regs).</summary>
internal sealed record JsonRegError(string Path, int Index, string Message);

/// <summary>A node whose reg Xen does not read as CPU addresses, or reads only in part (dt regs), and why.</summary>
internal sealed record JsonRegNotAddress(string Path, string Reason, string Id);

/// <summary>The output of dt regs --format json.</summary>
internal sealed record JsonRegsDocument(IReadOnlyList<JsonReg> Regs, IReadOnlyList<JsonPciRange> PciRanges, IReadOnlyList<JsonRegError> Errors, IReadOnlyList<JsonRegNotAddress> NotAddresses);

/// <summary>One property in dt dump --format json.</summary>
internal sealed record JsonProperty(string Name, int Length, string Value);

/// <summary>One node in dt dump --format json (a flat list in document order: no nesting, any depth).</summary>
internal sealed record JsonNode(string Path, int Depth, IReadOnlyList<JsonProperty> Properties);

/// <summary>A memory reservation (/memreserve/).</summary>
internal sealed record JsonReservation(string Address, string Size);

/// <summary>The output of dt dump --format json.</summary>
internal sealed record JsonTreeDocument(IReadOnlyList<JsonReservation> MemoryReservations, IReadOnlyList<JsonNode> Nodes);

/// <summary>One window usable by a Linux guest (guest).</summary>
internal sealed record JsonGuestWindow(int Region, string Start, string Size, string End);

/// <summary>The output of guest --format json.</summary>
internal sealed record JsonGuestDocument(
    JsonRange? GrantTable,
    IReadOnlyList<JsonRange> Regions,
    string SectionSize,
    bool LinuxAccepts,
    IReadOnlyList<JsonGuestWindow> UsableWindows,
    string UsableTotal,
    IReadOnlyList<string> Problems,
    bool ZephyrBuildSucceeds,
    IReadOnlyList<string> ZephyrProblems);
