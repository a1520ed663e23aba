using System.Collections.Generic;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Boot;

/// <summary>The answer for one boot: every domain Xen builds, in Xen's order, with the shared facts and the findings.</summary>
public sealed class BootAnalysis
{
    internal BootAnalysis(
        XenRelease release,
        XenCommandLine commandLine,
        bool iommuEnabled,
        IReadOnlyList<IommuNode> iommuNodes,
        BootFacts hostFacts,
        IReadOnlyList<BootFact> facts,
        IReadOnlyList<BootDomain> domains,
        IReadOnlyList<BootFinding> findings,
        bool hasLog)
    {
        Release = release;
        CommandLine = commandLine;
        IommuEnabled = iommuEnabled;
        IommuNodes = iommuNodes;
        HostFacts = hostFacts;
        Facts = facts;
        Domains = domains;
        Findings = findings;
        HasLog = hasLog;
    }

    /// <summary>The Xen release whose behaviour was reproduced.</summary>
    public XenRelease Release { get; }

    /// <summary>The command line Xen used (the log's, else the tree's), interpreted.</summary>
    public XenCommandLine CommandLine { get; }

    /// <summary>Whether Xen's I/O virtualisation is taken as enabled (see <see cref="Facts"/> for why).</summary>
    public bool IommuEnabled { get; }

    /// <summary>The IOMMUs of the host tree and the Xen drivers they need.</summary>
    public IReadOnlyList<IommuNode> IommuNodes { get; }

    /// <summary>Xen's boot-time scan of the host tree with the release's rules.</summary>
    public BootFacts HostFacts { get; }

    /// <summary>The facts shared by every domain (release, command line, IOMMU, IPA width, host RAM…), each with its source.</summary>
    public IReadOnlyList<BootFact> Facts { get; }

    /// <summary>Every domain Xen builds at boot, in Xen's order (the hardware domain first when it is built from <c>/chosen</c>).</summary>
    public IReadOnlyList<BootDomain> Domains { get; }

    /// <summary>Everything noticed, in order: disagreements, impossible inputs, missing facts, notes.</summary>
    public IReadOnlyList<BootFinding> Findings { get; }

    /// <summary>True when a boot log was given.</summary>
    public bool HasLog { get; }

    /// <summary>
    /// True when every domain the log speaks of matches (regions and outcome); false when one differs or could not be
    /// computed; null when there is no log or it has no extended-region verdict for any domain.
    /// </summary>
    public bool? MatchesLog
    {
        get
        {
            bool any = false;
            foreach (BootDomain d in Domains)
            {
                if (d.MatchesLog is bool matches)
                {
                    if (!matches)
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any ? true : null;
        }
    }
}
