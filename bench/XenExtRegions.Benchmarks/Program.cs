using BenchmarkDotNet.Running;
using XenExtRegions.Benchmarks.Memory;
using XenExtRegions.Benchmarks.SideBySide;

namespace XenExtRegions.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        // peak-memory / write-synthetic: one-shot modes for bench/peak-memory.sh; side-by-side: bench/side-by-side.sh;
        // timing: bench/README.md (build and P2 timings); anything else goes to BenchmarkDotNet.
        if (PeakMemoryProgram.IsMode(args))
        {
            return PeakMemoryProgram.Run(args);
        }

        if (SideBySideProgram.IsMode(args))
        {
            return SideBySideProgram.Run(args);
        }

        if (BuildTimingProgram.IsMode(args))
        {
            return BuildTimingProgram.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
