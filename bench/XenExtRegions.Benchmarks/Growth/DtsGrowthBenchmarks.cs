using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>DTS parse (and print) of the synthetic tree of about n nodes, as printed by <see cref="DtsWriter"/>.</summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class DtsGrowthBenchmarks
{
    private DeviceTree _tree = null!;
    private string _source = string.Empty;

    /// <summary>
    /// About the number of nodes (n / 100 buses of 100 devices). The top step is 10^5 to 3·10^5 because around
    /// 10^4…10^5 the parse starts paying for gen1 collections of the growing tree, a one-off rise in time per node.
    /// </summary>
    [Params(1_000, 10_000, 100_000, 300_000)]
    public int N { get; set; }

    /// <summary>Builds the tree and its source text, and checks that the text reads back as the same tree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tree = GrowthInputs.SyntheticTree(N);
        _source = DtsWriter.Write(_tree);
        if (GrowthInputs.CountNodes(DtsReader.Parse(_source, "growth.dts")) != GrowthInputs.CountNodes(_tree))
        {
            throw new InvalidOperationException("The printed source does not read back as the same tree.");
        }

        Console.WriteLine(FormattableString.Invariant($"// DTS n={N}: {GrowthInputs.CountNodes(_tree)} nodes, {_source.Length} characters"));
    }

    /// <summary>The source parsed into the tree model.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public DeviceTree Parse() => DtsReader.Parse(_source, "growth.dts");

    /// <summary>The tree printed as source.</summary>
    /// <returns>The length of the text.</returns>
    [Benchmark]
    public int Write() => DtsWriter.Write(_tree).Length;
}
