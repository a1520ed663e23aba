namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>How long to measure: rounds per row, each side's time per round, and the warm-up per side.</summary>
/// <param name="Rounds">Rounds per row (the median of the per-round ratios is printed).</param>
/// <param name="RoundMs">Each side's target time within one round, in milliseconds.</param>
/// <param name="WarmupMs">Each side's warm-up before the rounds, in milliseconds.</param>
internal sealed record SideBySideSettings(int Rounds, double RoundMs, double WarmupMs)
{
    /// <summary>The default: 15 rounds of 400 ms per side after 2 s of warm-up.</summary>
    public static SideBySideSettings Default { get; } = new(15, 400, 2000);

    /// <summary>Short: 5 rounds of 60 ms per side after 300 ms of warm-up (proves the suite works; figures are rough).</summary>
    public static SideBySideSettings Short { get; } = new(5, 60, 300);
}
