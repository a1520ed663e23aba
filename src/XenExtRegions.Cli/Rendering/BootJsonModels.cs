using System.Collections.Generic;

namespace XenExtRegions.Cli.Rendering;

// The boot command's JSON document (documented in README "Checking a boot"). Enum values are camelCase strings.

/// <summary>One input fact with its origin (hostTree, bootLog, option, inferred, default) and exact source.</summary>
internal sealed record JsonBootFact(string Name, string Value, string Origin, string Source);

/// <summary>An IOMMU of the host tree and the Xen driver it needs.</summary>
internal sealed record JsonIommuNode(string Path, string Compatible, string? XenDriver, string? Kconfig, bool BuiltByDefault, bool Enabled);

/// <summary>One finding: stable code, severity (note, warning, error), the domain it concerns, the message.</summary>
internal sealed record JsonBootFinding(string Code, string Severity, string? Domain, string Message);

/// <summary>How a domain compares with the log.</summary>
internal sealed record JsonBootLogComparison(
    string LogOutcome,
    bool OutcomeMatches,
    bool Matches,
    string Summary,
    IReadOnlyList<JsonRange> LogRegions,
    IReadOnlyList<JsonRange> OnlyInLog,
    IReadOnlyList<JsonRange> OnlyComputed);

/// <summary>One domain of the boot.</summary>
internal sealed record JsonBootDomain(
    string Domain,
    int Id,
    string Node,
    string Kind,
    string Description,
    string? Producer,
    string Outcome,
    IReadOnlyList<JsonRange> Regions,
    JsonRange? GrantTable,
    IReadOnlyList<string> XenLogLines,
    IReadOnlyList<JsonBootFact> Facts,
    IReadOnlyList<string> MissingFacts,
    string Verdict,
    bool? MatchesLog,
    JsonBootLogComparison? LogComparison,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes);

/// <summary>The facts shared by every domain.</summary>
internal sealed record JsonBootInputs(string HostTree, string? XenLog, string XenVersion, bool Iommu, IReadOnlyList<JsonBootFact> Facts, IReadOnlyList<JsonIommuNode> IommuNodes);

/// <summary>The output of boot --format json.</summary>
internal sealed record JsonBootDocument(
    IReadOnlyList<JsonBootDomain> Domains,
    bool? MatchesLog,
    JsonBootInputs Inputs,
    IReadOnlyList<JsonBootFinding> Findings,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes);
