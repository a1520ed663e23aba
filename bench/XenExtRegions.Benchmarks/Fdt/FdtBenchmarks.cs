using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Fdt;

/// <summary>
/// DTB walk, tree build and write over a synthetic 64 MB blob (~500 000 nodes) and a typical ~60 KB board blob.
/// Throughput = blob size / mean time; allocations from the memory diagnoser (divide by nodes for bytes per node).
/// </summary>
[MemoryDiagnoser]
public class FdtBenchmarks
{
    private byte[] _blob = [];
    private DeviceTree _tree = null!;

    /// <summary>"64MB": 1000 buses x 500 devices; "60KB": 8 buses x 56 devices.</summary>
    [Params("64MB", "60KB")]
    public string Size { get; set; } = "64MB";

    [GlobalSetup]
    public void Setup()
    {
        _tree = Size == "64MB" ? SyntheticDtb.Create(1000, 500) : SyntheticDtb.Create(8, 56);
        _blob = DtbWriter.Write(_tree);
        int nodes = 0;
        foreach (DeviceTreeNode unused in _tree.Nodes)
        {
            nodes++;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        DeviceTree built = DtbReader.Read(_blob);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(built);
        Console.WriteLine(FormattableString.Invariant($"// {Size}: blob {_blob.Length} bytes, {nodes} nodes, tree build allocates {allocated} bytes = {allocated / (double)nodes:F1} bytes/node"));
    }

    [Benchmark]
    public long Walk() => FdtWalk.SumTokens(_blob);

    [Benchmark]
    public DeviceTree Build() => DtbReader.Read(_blob);

    [Benchmark]
    public byte[] Write() => DtbWriter.Write(_tree);
}
