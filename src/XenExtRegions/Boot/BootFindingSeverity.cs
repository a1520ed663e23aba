namespace XenExtRegions.Boot;

/// <summary>How serious a boot finding is.</summary>
public enum BootFindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Note = 0,

    /// <summary>Inputs disagree or look impossible; the answer may not be what Xen did.</summary>
    Warning,

    /// <summary>Xen would not boot this way (it panics or hangs), or nothing can be computed.</summary>
    Error,
}
