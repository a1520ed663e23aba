using System;

namespace XenExtRegions.Benchmarks.SideBySide;

/// <summary>One side of a comparison: a call doing <see cref="Operations"/> operations, and the CPU clock that fits it.</summary>
/// <param name="Name">What runs (printed in the table).</param>
/// <param name="Call">One call; returns a checksum so that nothing is optimised away.</param>
/// <param name="Operations">Operations per call (boards, files): times are printed per operation.</param>
/// <param name="CpuClock">Thread CPU for in-process work, child CPU for processes (nanoseconds).</param>
internal sealed record SideSpec(string Name, Func<long> Call, int Operations, Func<long> CpuClock)
{
    /// <summary>An in-process side, measured with the thread's CPU clock.</summary>
    public static SideSpec InProcess(string name, Func<long> call, int operations = 1) => new(name, call, operations, CpuClocks.Thread);

    /// <summary>A side that runs child processes, measured with the children's CPU clock.</summary>
    public static SideSpec Processes(string name, Func<long> call, int operations) => new(name, call, operations, CpuClocks.Children);
}
