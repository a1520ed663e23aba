using System.Collections.Generic;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Boot;

/// <summary>One domain Xen builds at boot (the hardware domain or a dom0less domain), with its regions and verdict.</summary>
public sealed class BootDomain
{
    internal BootDomain(
        string name,
        int id,
        string nodePath,
        DomainKind kind,
        bool isHardwareDomain,
        string description,
        ExtendedRegionsResult? result,
        IReadOnlyList<BootFact> facts,
        IReadOnlyList<string> missingFacts,
        BootDomainVerdict verdict,
        BootLogComparison? comparison)
    {
        Name = name;
        Id = id;
        NodePath = nodePath;
        Kind = kind;
        IsHardwareDomain = isHardwareDomain;
        Description = description;
        Result = result;
        Facts = facts;
        MissingFacts = missingFacts;
        Verdict = verdict;
        LogComparison = comparison;
    }

    /// <summary>Xen's name for the domain (<c>%pd</c>): <c>d0</c>, <c>d1</c>…</summary>
    public string Name { get; }

    /// <summary>The domain id Xen gives it: 0 for the hardware domain built from <c>/chosen</c>'s modules, then 1, 2… in <c>/chosen</c> order.</summary>
    public int Id { get; }

    /// <summary>The node that describes it: <c>/chosen</c> for the classic Dom0, else its <c>xen,domain</c> node.</summary>
    public string NodePath { get; }

    /// <summary>What kind of domain it is (decides the producer).</summary>
    public DomainKind Kind { get; }

    /// <summary>True for the hardware domain (Dom0, or a 4.21+ domain node with the hardware capability).</summary>
    public bool IsHardwareDomain { get; }

    /// <summary>A short description, e.g. "dom0less domU (guest layout)".</summary>
    public string Description { get; }

    /// <summary>The computed regions, outcome and Xen's lines; null when a fact was missing (<see cref="MissingFacts"/>).</summary>
    public ExtendedRegionsResult? Result { get; }

    /// <summary>The domain's own inputs, each with its source.</summary>
    public IReadOnlyList<BootFact> Facts { get; }

    /// <summary>What the computation needed and did not have (empty when <see cref="Result"/> is set).</summary>
    public IReadOnlyList<string> MissingFacts { get; }

    /// <summary>How the result compares with the boot log.</summary>
    public BootDomainVerdict Verdict { get; }

    /// <summary>The comparison with the log's lines for this domain, or null without a log or without lines for it.</summary>
    public BootLogComparison? LogComparison { get; }

    /// <summary>
    /// True when the log speaks of this domain and matches; false when it differs, or when the log has lines for a domain
    /// that could not be computed; null when the log says nothing about it (or there is no log).
    /// </summary>
    public bool? MatchesLog => Verdict switch
    {
        BootDomainVerdict.Matches => true,
        BootDomainVerdict.Differs => false,
        BootDomainVerdict.NotComputed when LogComparison is not null => false,
        _ => null,
    };

    /// <summary>The name and node.</summary>
    /// <returns>For example <c>d1 /chosen/domU1</c>.</returns>
    public override string ToString() => Name + " " + NodePath;
}
