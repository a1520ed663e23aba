using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>What Zephyr's build makes of one <c>reg</c> entry of the hypervisor node.</summary>
public sealed class ZephyrRegionVerdict
{
    internal ZephyrRegionVerdict(int regIndex, MemoryBank region, string? problem)
    {
        RegIndex = regIndex;
        Region = region;
        Problem = problem;
    }

    /// <summary>The entry's index in <c>reg</c>: 0 is the grant table, 1..N the extended regions.</summary>
    public int RegIndex { get; }

    /// <summary>The entry.</summary>
    public MemoryBank Region { get; }

    /// <summary>True when the entry passes every build-time check.</summary>
    public bool Usable => Problem is null;

    /// <summary>Why the build refuses the entry, or null.</summary>
    public string? Problem { get; }
}
