namespace XenExtRegions.Boot;

/// <summary>How a domain's computed regions compare with what Xen's boot log printed for it.</summary>
public enum BootDomainVerdict
{
    /// <summary>No boot log was given.</summary>
    NoLog = 0,

    /// <summary>The log says nothing about this domain's extended regions.</summary>
    NotInLog,

    /// <summary>Same regions and the same outcome as the log.</summary>
    Matches,

    /// <summary>The regions or the outcome differ from the log (<see cref="BootLogComparison"/> says how).</summary>
    Differs,

    /// <summary>The regions could not be computed (facts missing, see <see cref="BootDomain.MissingFacts"/>); the log's are shown.</summary>
    NotComputed,
}
