using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace XenExtRegions.Benchmarks.Growth;

/// <summary>
/// A BenchmarkDotNet clock that counts the calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), for
/// figures taken on a shared machine: time the benchmark thread waits for a core is not counted. Work done on other
/// threads (background gen2 GC, tiered JIT) is not counted either, so prefer the default wall clock when idle.
/// </summary>
internal sealed class ThreadCpuClock : IClock
{
    public static readonly ThreadCpuClock Instance = new();

    private ThreadCpuClock()
    {
    }

    public string Title => "ThreadCpu";

    public bool IsAvailable => OperatingSystem.IsLinux() && NativeMethods.clock_gettime(NativeMethods.ClockThreadCpuTimeId, out _) == 0;

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (NativeMethods.clock_gettime(NativeMethods.ClockThreadCpuTimeId, out NativeMethods.Timespec now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    private static class NativeMethods
    {
        public const int ClockThreadCpuTimeId = 3;

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out Timespec value);

        /// <summary>struct timespec on 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
