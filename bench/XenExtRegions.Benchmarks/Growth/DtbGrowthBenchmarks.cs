using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>DTB token walk, tree build and write of the synthetic tree of about n nodes (~130 blob bytes per node).</summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class DtbGrowthBenchmarks
{
    private DeviceTree _tree = null!;
    private byte[] _blob = [];

    /// <summary>About the number of nodes (n / 100 buses of 100 devices).</summary>
    [Params(1_000, 10_000, 100_000, 500_000)]
    public int N { get; set; }

    /// <summary>Builds the tree and its blob.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tree = GrowthInputs.SyntheticTree(N);
        _blob = DtbWriter.Write(_tree);
        Console.WriteLine(FormattableString.Invariant($"// DTB n={N}: {GrowthInputs.CountNodes(_tree)} nodes, {_blob.Length} bytes"));
    }

    /// <summary>Every token of the blob through <see cref="FdtReader"/>.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public long Walk() => Fdt.FdtWalk.SumTokens(_blob);

    /// <summary>The blob read into the tree model.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public DeviceTree Build() => DtbReader.Read(_blob);

    /// <summary>The tree written as a blob.</summary>
    /// <returns>The blob.</returns>
    [Benchmark]
    public byte[] Write() => DtbWriter.Write(_tree);
}
