namespace XenExtRegions.ExtendedRegions;

/// <summary>How serious an audit finding is.</summary>
public enum AuditSeverity
{
    /// <summary>Worth knowing (wasted space, a partial page past RAM).</summary>
    Warning = 0,

    /// <summary>The guest may map over something in use, or loses the feature.</summary>
    Unsafe,
}
