using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>
/// The growth suite's configuration: with <c>XER_GROWTH_CLOCK=cpu</c> in the environment every job measures the
/// benchmark thread's CPU time instead of wall time (<see cref="ThreadCpuClock"/>), for runs on a busy machine.
/// </summary>
public sealed class GrowthConfig : ManualConfig
{
    /// <summary>The name of the environment variable that selects the clock.</summary>
    public const string ClockVariable = "XER_GROWTH_CLOCK";

    /// <summary>Adds the CPU-time clock as a job mutator when asked for and available.</summary>
    public GrowthConfig()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(ClockVariable), "cpu", StringComparison.OrdinalIgnoreCase))
        {
            if (!ThreadCpuClock.Instance.IsAvailable)
            {
                throw new PlatformNotSupportedException(ClockVariable + "=cpu needs Linux's CLOCK_THREAD_CPUTIME_ID.");
            }

            AddJob(Job.Default.WithClock(ThreadCpuClock.Instance).AsMutator());
        }
    }
}
