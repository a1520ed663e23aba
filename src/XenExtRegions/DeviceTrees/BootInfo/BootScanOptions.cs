using System;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The per-release rules of Xen's boot-time device-tree scan. Use <see cref="ForRelease(XenRelease)"/> for a Xen
/// release, or set the properties one by one; change one rule of a release with
/// <c>BootScanOptions.ForRelease(release) with { StaticMemoryCompiledIn = true }</c>.
/// </summary>
public sealed record BootScanOptions
{
    /// <summary>Creates options with the rules of the newest release for every property (set them one by one).</summary>
    public BootScanOptions()
    {
    }

    /// <summary>Xen's default NR_MEM_BANKS used here (128).</summary>
    public const int DefaultMaxMemoryBanks = 128;

    /// <summary>Xen's DEVICE_TREE_MAX_DEPTH.</summary>
    public const int DefaultMaxDepth = 16;

    /// <summary>The rules of <see cref="XenRelease.Latest"/> (4.22.0).</summary>
    public static BootScanOptions Latest => ForRelease(XenRelease.Latest);

    /// <summary>Which nodes count as RAM (4.20+: depth 1 with <c>device_type = "memory"</c>).</summary>
    public MemoryNodeMatching MemoryNodes { get; init; } = MemoryNodeMatching.DepthOneWithDeviceType;

    /// <summary>4.19+ (commit c419d2dd35): memory, reserved-memory, static-mem and static-heap nodes whose <c>status</c> is present and not "okay"/"ok" are ignored.</summary>
    public bool SkipDisabledNodes { get; init; } = true;

    /// <summary>4.19+ (commit 53dc37829c): <c>/memreserve/</c> entries are added to the reserved banks first; before, they were only printed.</summary>
    public bool MemoryReservationsAreReserved { get; init; } = true;

    /// <summary>4.18+ (commit 6f7d56ccd3): a reserved region overlapping an already recorded one is rejected (the scan stops).</summary>
    public bool RejectReservedOverlaps { get; init; } = true;

    /// <summary>
    /// 4.19.2+ and 4.20+ (commit a14593e399, backport 6f7af8383f): a reserved-memory, static-memory or static-heap region
    /// wholly inside a <c>/memreserve/</c> bank is allowed (static shared memory is still rejected).
    /// </summary>
    public bool AllowOverlapInsideMemoryReservation { get; init; } = true;

    /// <summary>4.16 only: <c>xen,static-mem</c> uses <c>#xen,static-mem-address-cells</c>/<c>-size-cells</c> of the domain node.</summary>
    public bool StaticMemoryUsesOwnCellProperties { get; init; }

    /// <summary>4.17+: <c>xen,static-heap</c> in <c>/chosen</c> is read into the reserved banks.</summary>
    public bool StaticHeapSupported { get; init; } = true;

    /// <summary>Whether Xen is built with CONFIG_STATIC_SHM (otherwise a shared-memory node fails the scan).</summary>
    public bool StaticSharedMemorySupported { get; init; } = true;

    /// <summary>
    /// Whether Xen is built with CONFIG_STATIC_MEMORY. Default false, Xen's own Kconfig default: the option defaults
    /// to n and can be chosen only with CONFIG_UNSUPPORTED (Armv8-R MPU builds select it). Without it, a
    /// <c>xen,static-mem</c> property of a dom0less domain node makes master's boot scan fail (Xen panics "Early FDT
    /// parsing failed"; see <see cref="RejectStaticMemoryWithoutConfig"/>); earlier releases reserve the banks anyway but
    /// cannot give them to the domain. Either way the scan reports <see cref="BootScanDiagnosticId.StaticMemoryNotCompiledIn"/>.
    /// </summary>
    public bool StaticMemoryCompiledIn { get; init; }

    /// <summary>
    /// Master (4.23-unstable, commit e888192d13): <c>xen,static-mem</c> without CONFIG_STATIC_MEMORY fails the boot scan
    /// (<see cref="BootScanOutcome.Stopped"/>, a critical diagnostic) instead of being reserved.
    /// </summary>
    public bool RejectStaticMemoryWithoutConfig { get; init; }

    /// <summary>4.17–4.18: static shared memory host banks go into the reserved banks; 4.19+ into a separate list.</summary>
    public bool SharedMemoryHostBanksAreReserved { get; init; }

    /// <summary>4.21+ (commit 0e2bb9d9b1): <c>xen,enhanced = "legacy"</c> is recognised.</summary>
    public bool EnhancedLegacyRecognised { get; init; } = true;

    /// <summary>When Xen was booted through UEFI, RAM comes from the EFI memory map and memory nodes are skipped.</summary>
    public bool BootedViaUefi { get; init; }

    /// <summary>NR_MEM_BANKS: capacity of the RAM and reserved lists (128 by default; 256 in some builds).</summary>
    public int MaxMemoryBanks { get; init; } = DefaultMaxMemoryBanks;

    /// <summary>DEVICE_TREE_MAX_DEPTH: deeper nodes are skipped with a warning.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>
    /// Before 4.20.4, 4.21.2 and 4.22.0, Xen's <c>device_tree_for_each_node</c> loops forever on a node nested
    /// <see cref="MaxDepth"/> or deeper, so the boot hangs. When true the scan reports that as an error
    /// (<see cref="BootScanDiagnosticId.NestedTooDeepHangsBoot"/>) and goes on as later releases do (node skipped).
    /// </summary>
    public bool DeepNodesHangBoot { get; init; }

    /// <summary>The rules of Xen release <paramref name="major"/>.<paramref name="minor"/>.0 (4.16 and later).</summary>
    /// <param name="major">Major version (4).</param>
    /// <param name="minor">Minor version (16…22).</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The release predates 4.16.</exception>
    /// <remarks>Some rules change within a branch (4.19.2, 4.20.4, 4.21.2); use <see cref="ForRelease(XenRelease)"/> for those.</remarks>
    public static BootScanOptions ForRelease(int major, int minor) => ForRelease(major, minor, 0);

    /// <summary>The rules of Xen release <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/> (4.16.0 and later).</summary>
    /// <param name="major">Major version (4).</param>
    /// <param name="minor">Minor version.</param>
    /// <param name="patch">Patch level.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The release predates 4.16.</exception>
    public static BootScanOptions ForRelease(int major, int minor, int patch)
    {
        if (major < 4 || (major == 4 && minor < 16) || minor < 0 || patch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minor), FormattableString.Invariant($"Xen {major}.{minor}.{patch} predates extended regions (4.16)."));
        }

        return ForRelease(new XenRelease(major, minor, patch));
    }

    /// <summary>The rules of <paramref name="release"/> (master included).</summary>
    /// <param name="release">The release.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException"><paramref name="release"/> is the default value.</exception>
    public static BootScanOptions ForRelease(XenRelease release)
    {
        ReleaseProfile profile = ReleaseProfile.For(release);
        bool v417 = release.IsAtLeast(4, 17);
        return new BootScanOptions
        {
            MemoryNodes = profile.MemoryNodesNeedDeviceType ? MemoryNodeMatching.DepthOneWithDeviceType : MemoryNodeMatching.AnyDepthByName,
            SkipDisabledNodes = profile.IgnoresDisabledMemoryNodes,
            MemoryReservationsAreReserved = profile.ExcludesMemoryReservations,
            RejectReservedOverlaps = profile.RejectsOverlappingReservedMemory,
            AllowOverlapInsideMemoryReservation = profile.AllowsReservedInsideMemoryReservation,
            StaticMemoryUsesOwnCellProperties = !v417,
            StaticHeapSupported = v417,
            StaticSharedMemorySupported = v417,
            SharedMemoryHostBanksAreReserved = profile.SharedMemoryIsReserved,
            EnhancedLegacyRecognised = release.IsAtLeast(4, 21),
            DeepNodesHangBoot = profile.BootScanHangsOnDeepNodes,
            RejectStaticMemoryWithoutConfig = profile.RejectsStaticMemoryWithoutConfig,
        };
    }
}
