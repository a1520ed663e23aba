namespace XenExtRegions.DeviceTrees;

/// <summary>How serious a <see cref="DeviceTreeCheckFinding"/> is, as dtc ranks its checks.</summary>
public enum DeviceTreeCheckSeverity
{
    /// <summary>dtc prints "Warning" and still writes its output.</summary>
    Warning = 0,

    /// <summary>dtc prints "ERROR" and refuses to write its output (unless forced).</summary>
    Error = 1,
}
