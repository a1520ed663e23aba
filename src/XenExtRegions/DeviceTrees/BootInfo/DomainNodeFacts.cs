using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary>A dom0less domain node (<c>/chosen/&lt;name&gt;</c> with <c>compatible = "xen,domain"</c>).</summary>
public sealed class DomainNodeFacts
{
    internal DomainNodeFacts(string path, string? enhanced, bool hasEnhanced, bool isEnhanced, ulong? memoryKiB, bool directMap, uint? cpus,
        IReadOnlyList<MemoryBank> staticMemory, IReadOnlyList<StaticSharedMemoryBank> sharedMemory, IReadOnlyList<BootModule> modules)
    {
        Path = path;
        EnhancedValue = enhanced;
        HasEnhancedProperty = hasEnhanced;
        IsEnhanced = isEnhanced;
        MemoryKiB = memoryKiB;
        DirectMap = directMap;
        Cpus = cpus;
        StaticMemory = staticMemory;
        SharedMemory = sharedMemory;
        Modules = modules;
    }

    /// <summary>The node path.</summary>
    public string Path { get; }

    /// <summary>True when the node has a <c>xen,enhanced</c> property.</summary>
    public bool HasEnhancedProperty { get; }

    /// <summary>The <c>xen,enhanced</c> string, or null when absent, empty or not a string.</summary>
    public string? EnhancedValue { get; }

    /// <summary>
    /// True when the domain gets a <c>/hypervisor</c> node: <c>xen,enhanced</c> present with no value, not a
    /// valid string, or "enabled", "no-xenstore" or (4.21+) "legacy".
    /// </summary>
    public bool IsEnhanced { get; }

    /// <summary>The <c>memory</c> property in KiB (a u64), or null when missing or shorter than 8 bytes.</summary>
    public ulong? MemoryKiB { get; }

    /// <summary>The RAM size in bytes, when <see cref="MemoryKiB"/> is known and its byte count fits 64 bits (Xen would wrap it).</summary>
    public ulong? MemoryBytes => MemoryKiB is ulong kib && kib <= ulong.MaxValue / 1024 ? kib * 1024 : null;

    /// <summary>True when the node has <c>direct-map</c> (a host-layout domain: P1/P2).</summary>
    public bool DirectMap { get; }

    /// <summary>The <c>cpus</c> property, or null.</summary>
    public uint? Cpus { get; }

    /// <summary>The domain's <c>xen,static-mem</c> banks.</summary>
    public IReadOnlyList<MemoryBank> StaticMemory { get; }

    /// <summary>The domain's static shared memory nodes (guest side).</summary>
    public IReadOnlyList<StaticSharedMemoryBank> SharedMemory { get; }

    /// <summary>The domain's boot modules.</summary>
    public IReadOnlyList<BootModule> Modules { get; }

    /// <summary>The path.</summary>
    /// <returns>The path.</returns>
    public override string ToString() => Path;
}
