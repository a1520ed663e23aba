namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>One row of the table: medians over the rounds, per operation.</summary>
/// <param name="Path">The measured path.</param>
/// <param name="Ours">Our side's description.</param>
/// <param name="Peer">The peer's description.</param>
/// <param name="Unit">What one operation is ("68 MB blob", "board", "file").</param>
/// <param name="OursMs">Our wall time per operation (median of the rounds).</param>
/// <param name="PeerMs">The peer's wall time per operation (median of the rounds).</param>
/// <param name="Ratio">The median of the per-round wall-time ratios, ours / peer (below 1: we are faster).</param>
/// <param name="CpuRatio">The median of the per-round CPU-time ratios, ours / peer.</param>
/// <param name="Rounds">The number of rounds.</param>
/// <param name="Note">Allocation, throughput and other remarks.</param>
internal sealed record Comparison(
    string Path, string Ours, string Peer, string Unit, double OursMs, double PeerMs, double Ratio, double CpuRatio, int Rounds, string Note);
