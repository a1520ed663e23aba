namespace XenExtRegions.ExtendedRegions;

/// <summary>Xen's (or libxl's) log levels for the lines this feature prints.</summary>
public enum XenLogLevel
{
    /// <summary>XENLOG_DEBUG / libxl DEBUG.</summary>
    Debug = 0,

    /// <summary>XENLOG_INFO (and plain printk, shown by default).</summary>
    Info,

    /// <summary>XENLOG_WARNING / libxl WARN.</summary>
    Warning,

    /// <summary>XENLOG_ERR.</summary>
    Error,
}
