using System;
using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Benchmarks.Fdt;

/// <summary>
/// The token walk against the memory-read ceiling on the same bytes: a vector sum over the structure block (the
/// baseline, so the Ratio column is walk time / ceiling time). Throughput = structure-block size / mean time. The
/// native peers (libfdt, a plain C loop) are in the side-by-side suite, not here.
/// </summary>
public class FdtWalkCeilingBenchmarks
{
    private byte[] _blob = [];
    private int _structStart;
    private int _structSize;

    /// <summary>"64MB": 1000 buses x 500 devices (68 MB, 501 001 nodes, far beyond the caches); "60KB": 8 x 56.</summary>
    [Params("64MB", "60KB")]
    public string Size { get; set; } = "64MB";

    [GlobalSetup]
    public void Setup()
    {
        _blob = Size == "64MB" ? DtbWriter.Write(SyntheticDtb.Create(1000, 500)) : DtbWriter.Write(SyntheticDtb.Create(8, 56));
        FdtHeader header = FdtHeader.Read(_blob);
        _structStart = (int)header.OffDtStruct;
        _structSize = (int)header.SizeDtStruct;
        Console.WriteLine(FormattableString.Invariant($"// {Size}: structure block {_structSize} bytes"));
    }

    /// <summary>Reads every byte of the structure block once, as wide vectors: what memory bandwidth allows.</summary>
    [Benchmark(Baseline = true)]
    public ulong VectorSum() => SumStructBlock(_blob.AsSpan(_structStart, _structSize));

    /// <summary>The validating walk of every token, touching each name and value length (as <see cref="FdtBenchmarks.Walk"/>).</summary>
    [Benchmark]
    public long Walk() => FdtWalk.SumTokens(_blob);

    private static ulong SumStructBlock(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<Vector<ulong>> vectors = MemoryMarshal.Cast<byte, Vector<ulong>>(bytes);
        Vector<ulong> a = Vector<ulong>.Zero;
        Vector<ulong> b = Vector<ulong>.Zero;
        int i = 0;
        for (; i + 1 < vectors.Length; i += 2)
        {
            a += vectors[i];
            b += vectors[i + 1];
        }

        if (i < vectors.Length)
        {
            a += vectors[i];
        }

        ulong sum = Vector.Dot(a + b, Vector<ulong>.One);
        foreach (byte tail in bytes.Slice(vectors.Length * Vector<byte>.Count))
        {
            sum += tail;
        }

        return sum;
    }
}
