using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary><see cref="DeviceTreeBuilder"/> on one node of n properties or n children: by-name set, replace, remove, then build.</summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class BuilderGrowthBenchmarks
{
    private string[] _names = [];

    /// <summary>The number of properties or children on the one wide node.</summary>
    [Params(1_000, 10_000, 100_000, 300_000)]
    public int N { get; set; }

    /// <summary>Makes the names up front so the runs time the builder only.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _names = new string[N];
        for (int i = 0; i < N; i++)
        {
            _names[i] = "p" + i + "@" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>n properties set, each replaced, every other removed, then built.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public DeviceTree Properties()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder node = b.AddNode("/wide");
        foreach (string name in _names)
        {
            node.SetUInt32(name.Replace('@', '-'), 1);
        }

        foreach (string name in _names)
        {
            node.SetUInt32(name.Replace('@', '-'), 2);
        }

        for (int i = 0; i < _names.Length; i += 2)
        {
            node.RemoveProperty(_names[i].Replace('@', '-'));
        }

        return b.Build();
    }

    /// <summary>n children added, each found by base name, every other removed, then built.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public DeviceTree Children()
    {
        var b = new DeviceTreeBuilder();
        DeviceTreeNodeBuilder node = b.AddNode("/wide");
        foreach (string name in _names)
        {
            node.AddChild(name);
        }

        foreach (string name in _names)
        {
            _ = node.GetChild(name.Substring(0, name.IndexOf('@')));
        }

        for (int i = 0; i < _names.Length; i += 2)
        {
            node.RemoveChild(_names[i]);
        }

        return b.Build();
    }
}
