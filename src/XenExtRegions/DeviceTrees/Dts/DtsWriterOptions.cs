namespace XenExtRegions.DeviceTrees;

/// <summary>Layout choices for <see cref="DtsWriter"/>. The defaults reproduce <c>dtc -I dtb -O dts</c> (dtc 1.6).</summary>
public sealed class DtsWriterOptions
{
    /// <summary>The options used when none are given.</summary>
    public static DtsWriterOptions Default { get; } = new();

    /// <summary>How string lists are printed. Default <see cref="DtsStringListStyle.EmbeddedNul"/>, as dtc.</summary>
    public DtsStringListStyle StringListStyle { get; init; } = DtsStringListStyle.EmbeddedNul;

    /// <summary>The line terminator. Default <c>"\n"</c>.</summary>
    public string NewLine { get; init; } = "\n";
}
