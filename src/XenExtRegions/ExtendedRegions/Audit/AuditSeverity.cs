namespace XenExtRegions.ExtendedRegions;

/// <summary>How serious an audit finding is.</summary>
public enum AuditSeverity
{
    /// <summary>Worth knowing (wasted space, a partial page past RAM).</summary>
    Warning = 0,

    /// <summary>The guest may map over something in use, or loses the feature.</summary>
    Unsafe,

    /// <summary>
    /// Xen does this by design and it is safe, but a reader may wonder: e.g. a P1 region over boot modules, whose
    /// memory Xen frees once Dom0 is built.
    /// </summary>
    Note,
}
