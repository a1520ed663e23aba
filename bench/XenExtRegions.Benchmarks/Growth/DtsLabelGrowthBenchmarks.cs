using System.Text;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>DTS parse under <see cref="DtsReaderOptions.Untrusted"/> of one node with n labels, each referenced once as a phandle.</summary>
[MemoryDiagnoser]
[Config(typeof(GrowthConfig))]
public class DtsLabelGrowthBenchmarks
{
    private string _source = string.Empty;

    /// <summary>The number of labels (and of references).</summary>
    [Params(1_000, 10_000, 100_000, 300_000)]
    public int N { get; set; }

    /// <summary>Writes the source: <c>l0: l1: … target { };</c> and a property of <c>&amp;l0 … &amp;l(n-1)</c>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        for (int i = 0; i < N; i++)
        {
            text.Append('l').Append(i).Append(": ");
        }

        text.Append("target { };\nuser { refs = <");
        for (int i = 0; i < N; i++)
        {
            text.Append(" &l").Append(i);
        }

        _source = text.Append(">; };\n};\n").ToString();
    }

    /// <summary>The source parsed and linked.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public DeviceTree Parse() => DtsReader.Parse(_source, "labels.dts", DtsReaderOptions.Untrusted);
}
