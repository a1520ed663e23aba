using System.Collections.Generic;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// What Xen's boot-time scan finds in a host tree: host RAM, reserved banks, boot modules, static shared
/// memory, dom0less domain nodes, and the diagnostics. Every bank says its kind and its source (node path or
/// <c>/memreserve/</c>).
/// </summary>
public sealed class BootFacts
{
    internal BootFacts(BootScanOptions options, BootScanOutcome outcome, IReadOnlyList<MemoryBank> hostRam, IReadOnlyList<MemoryBank> reserved,
        IReadOnlyList<MemoryBank> memoryReservations, IReadOnlyList<MemoryBank> sharedMemoryHostBanks, IReadOnlyList<StaticSharedMemoryBank> sharedMemory,
        IReadOnlyList<BootModule> modules, IReadOnlyList<DomainNodeFacts> domains, IReadOnlyList<BootScanDiagnostic> diagnostics)
    {
        Options = options;
        Outcome = outcome;
        HostRam = hostRam;
        ReservedMemory = reserved;
        MemoryReservations = memoryReservations;
        SharedMemoryHostBanks = sharedMemoryHostBanks;
        StaticSharedMemory = sharedMemory;
        Modules = modules;
        Domains = domains;
        Diagnostics = diagnostics;
    }

    /// <summary>The rules the scan followed.</summary>
    public BootScanOptions Options { get; }

    /// <summary>Whether the scan completed.</summary>
    public BootScanOutcome Outcome { get; }

    /// <summary>Host RAM (<c>bootinfo.mem</c>), sorted by start, kind <see cref="MemoryBankKind.HostRam"/>.</summary>
    public IReadOnlyList<MemoryBank> HostRam { get; }

    /// <summary>
    /// Reserved banks (<c>bootinfo.reserved_mem</c>) in Xen's order: <c>/memreserve/</c> entries (4.19+), then scan order
    /// of reserved-memory children, static heap, static memory and (4.17–4.18) static shared memory host banks.
    /// </summary>
    public IReadOnlyList<MemoryBank> ReservedMemory { get; }

    /// <summary>The DTB header's memory reservation block, whether or not the release reserves it.</summary>
    public IReadOnlyList<MemoryBank> MemoryReservations { get; }

    /// <summary>
    /// 4.19+: static shared memory host banks (<c>bootinfo.shmem</c>), one per <c>xen,shm-id</c>; a start of
    /// <see cref="StaticSharedMemoryBank.InvalidAddress"/> means "chosen by Xen".
    /// </summary>
    public IReadOnlyList<MemoryBank> SharedMemoryHostBanks { get; }

    /// <summary>Every static shared memory node, host and guest side.</summary>
    public IReadOnlyList<StaticSharedMemoryBank> StaticSharedMemory { get; }

    /// <summary>Boot modules from <c>/chosen</c> (and <c>linux,initrd-*</c>), in scan order; the DTB itself is not listed.</summary>
    public IReadOnlyList<BootModule> Modules { get; }

    /// <summary>Dom0less domain nodes under <c>/chosen</c>.</summary>
    public IReadOnlyList<DomainNodeFacts> Domains { get; }

    /// <summary>What the scan noticed, in order.</summary>
    public IReadOnlyList<BootScanDiagnostic> Diagnostics { get; }
}
