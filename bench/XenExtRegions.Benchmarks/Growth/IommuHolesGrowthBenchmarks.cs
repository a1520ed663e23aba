using System;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>
/// P2, the IOMMU case (<c>find_memory_holes</c>): the IPA window minus n described windows. Given the windows in
/// address order and shuffled, and from a host tree of n <c>reg</c> entries (decode, translate, boot scan, engine).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class IommuHolesGrowthBenchmarks
{
    private readonly ExtendedRegionsEngine _engine = new();
    private ExtendedRegionsInput _ordered = null!;
    private ExtendedRegionsInput _shuffled = null!;
    private DeviceTree _tree = null!;

    /// <summary>The number of <c>reg</c> entries.</summary>
    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    /// <summary>Builds the windows and the tree, and checks that the tree yields n windows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ordered = new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 48, DescribedWindows = GrowthInputs.RegWindows(N, shuffled: false) };
        _shuffled = _ordered with { DescribedWindows = GrowthInputs.RegWindows(N, shuffled: true) };
        _tree = GrowthInputs.RegTree(N);
        int windows = Input(_tree).DescribedWindows.Count;
        if (windows != N)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"The tree yields {windows} windows, not {N}."));
        }
    }

    /// <summary>The engine on n windows in address order.</summary>
    /// <returns>The number of regions.</returns>
    [Benchmark]
    public int WindowsInOrder() => _engine.Compute(_ordered).Regions.Count;

    /// <summary>The engine on n windows in random order.</summary>
    /// <returns>The number of regions.</returns>
    [Benchmark]
    public int WindowsShuffled() => _engine.Compute(_shuffled).Regions.Count;

    /// <summary>From the host tree: address decoding, boot scan and the engine.</summary>
    /// <returns>The number of regions.</returns>
    [Benchmark]
    public int FromTree() => _engine.Compute(Input(_tree)).Regions.Count;

    private static ExtendedRegionsInput Input(DeviceTree tree) =>
        new ExtendedRegionsInput { IommuEnabled = true, IpaBits = 48 }.WithHostDeviceTree(tree);
}
