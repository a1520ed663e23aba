using System;
using System.Runtime.InteropServices;
using XenExtRegions.Benchmarks.Growth;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>
/// CPU-time clocks in nanoseconds: the calling thread's (work done in this process, P/Invoke included), and that of
/// the finished child processes (<c>getrusage(RUSAGE_CHILDREN)</c>, user + system), for peers that are processes.
/// </summary>
internal static class CpuClocks
{
    /// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>).</summary>
    public static long Thread() => ThreadCpuClock.Instance.GetTimestamp();

    /// <summary>The CPU time of every child this process has waited for.</summary>
    public static long Children()
    {
        if (NativeMethods.getrusage(NativeMethods.RusageChildren, out NativeMethods.Rusage usage) != 0)
        {
            throw new InvalidOperationException("getrusage(RUSAGE_CHILDREN) failed.");
        }

        return ((usage.UserSeconds + usage.SystemSeconds) * 1_000_000_000L) + ((usage.UserMicroseconds + usage.SystemMicroseconds) * 1000L);
    }

    private static class NativeMethods
    {
        public const int RusageChildren = -1;

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int getrusage(int who, out Rusage usage);

        /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Rusage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
            public long MaxRss;
            public long IxRss;
            public long IdRss;
            public long IsRss;
            public long MinFlt;
            public long MajFlt;
            public long NSwap;
            public long InBlock;
            public long OuBlock;
            public long MsgSnd;
            public long MsgRcv;
            public long NSignals;
            public long NVcsw;
            public long NIvcsw;
        }
    }
}
