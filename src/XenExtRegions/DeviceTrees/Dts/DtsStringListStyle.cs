namespace XenExtRegions.DeviceTrees;

/// <summary>How <see cref="DtsWriter"/> prints a value it recognises as NUL-terminated strings.</summary>
public enum DtsStringListStyle
{
    /// <summary>One quoted string with <c>\0</c> between the items, e.g. <c>"arm,a53\0arm,armv8"</c>: what dtc 1.5+ prints for a blob.</summary>
    EmbeddedNul = 0,

    /// <summary>A comma-separated list, e.g. <c>"arm,a53", "arm,armv8"</c>: what people write (and older dtc printed).</summary>
    Separate = 1,
}
