using System;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// Everything that differs between Xen releases for extended regions, as one immutable object.
/// Obtain it from <see cref="XenRelease.Profile"/>.
/// </summary>
public sealed class ReleaseProfile
{
    private ReleaseProfile(XenRelease release)
    {
        Release = release;
        bool v417 = release.IsAtLeast(4, 17);
        bool v418 = release.IsAtLeast(4, 18);
        bool v419 = release.IsAtLeast(4, 19);
        bool v420 = release.IsAtLeast(4, 20);
        bool v421 = release.IsAtLeast(4, 21);

        Unit = v418 ? RangesetUnit.Frames : RangesetUnit.Bytes;
        Normaliser = v421 ? NormaliserVariant.Frames : v418 ? NormaliserVariant.FramesTwoMiBShort : NormaliserVariant.Bytes;
        Capacity = release == XenRelease.V4160 ? XenConstants.LegacyMaxRegions : XenConstants.MaxRegions;

        // Fixed by e118fc98e7 in 4.21.0, backported to 4.20.1 and 4.19.3 only (rangeset_remove_range).
        HasLegacySubtraction = !(v421
            || (release.Major == 4 && release.Minor == 20 && release.Patch >= 1)
            || (release.Major == 4 && release.Minor == 19 && release.Patch >= 3));

        GrantWindow = v421 ? GrantWindowRule.WhenGrantTablesCompiledIn
            : v420 ? GrantWindowRule.Always
            : v418 ? GrantWindowRule.SkipWhenEmpty
            : GrantWindowRule.Always;
        Dispatch = v420 ? ProducerDispatchRule.HostLayout : v417 ? ProducerDispatchRule.DirectMapped : ProducerDispatchRule.Dom0Only;
        DomUHoles = v421 ? DomUHolesVariant.Rangeset
            : v419 ? DomUHolesVariant.BankTailsMinusSharedMemory
            : v417 ? DomUHolesVariant.BankTails
            : DomUHolesVariant.NotAvailable;
        Libxl = v421 ? LibxlVariant.IoMemSplitting : LibxlVariant.BankTails;

        SharedMemoryIsReserved = v417 && !v419;
        ExcludesSharedMemory = v419;
        SkipsInvalidPaddrBanks = v419;
        ExcludesMemoryReservations = v419;
        IgnoresDisabledMemoryNodes = v419;
        MemoryNodesNeedDeviceType = v420;
        RejectsOverlappingReservedMemory = v418;
        ExcludesXenReg = v421;
        ChecksPciRangeWidth = v418;
        LogsWithDomainPrefix = v417;
        LibxlLogsInclusiveEnd = v421;
        LibxlPlaceholderEntries = v421 ? XenConstants.MaxRegions + 1 : 3;
        HostLayoutIncludesHardwareDomain = v420;

        // 3b717f57dc in 4.22.0, backported as a0c5fde6f7 (4.20.4) and a455b73ddb (4.21.2); the loop dates from 4.13.
        BootScanHangsOnDeepNodes = !(release.IsAtLeast(4, 22) || AtLeastOnBranch(release, 21, 2) || AtLeastOnBranch(release, 20, 4));

        // a14593e399 in 4.20.0, backported as 6f7af8383f to 4.19.2.
        AllowsReservedInsideMemoryReservation = v420 || AtLeastOnBranch(release, 19, 2);
        RejectsStaticMemoryWithoutConfig = release >= XenRelease.Master;
    }

    private static bool AtLeastOnBranch(XenRelease release, int minor, int patch) =>
        release.Major == 4 && release.Minor == minor && release.Patch >= patch && !release.IsDevelopment;

    /// <summary>The release described.</summary>
    public XenRelease Release { get; }

    /// <summary>Unit of the working rangeset: bytes (4.16–4.17) or frames (4.18+).</summary>
    public RangesetUnit Unit { get; }

    /// <summary>Which <c>add_ext_regions</c> arithmetic applies.</summary>
    public NormaliserVariant Normaliser { get; }

    /// <summary>Output list capacity: 128 in 4.16.0, else 256.</summary>
    public int Capacity { get; }

    /// <summary>True when rangeset subtraction still extends the preceding range (all 4.16.x–4.18.x, 4.19.0–4.19.2, 4.20.0).</summary>
    public bool HasLegacySubtraction { get; }

    /// <summary>When P1 removes the grant-table window.</summary>
    public GrantWindowRule GrantWindow { get; }

    /// <summary>How the producer is chosen.</summary>
    public ProducerDispatchRule Dispatch { get; }

    /// <summary>The P3 variant.</summary>
    public DomUHolesVariant DomUHoles { get; }

    /// <summary>The libxl (P4) variant.</summary>
    public LibxlVariant Libxl { get; }

    /// <summary>4.17–4.18: static shared-memory host banks are part of the reserved banks (so P1 removes them there).</summary>
    public bool SharedMemoryIsReserved { get; }

    /// <summary>4.19+: static shared memory is removed as such (P1 host banks, P2/P3 the domain's guest banks).</summary>
    public bool ExcludesSharedMemory { get; }

    /// <summary>4.19+: banks starting at INVALID_PADDR (host address left to Xen) are skipped.</summary>
    public bool SkipsInvalidPaddrBanks { get; }

    /// <summary>4.19+: <c>/memreserve/</c> entries are reserved banks, so P1 removes them.</summary>
    public bool ExcludesMemoryReservations { get; }

    /// <summary>4.19+: the boot scan ignores memory and reserved-memory nodes whose status is not okay.</summary>
    public bool IgnoresDisabledMemoryNodes { get; }

    /// <summary>4.20+: only depth-1 <c>memory</c> nodes with <c>device_type = "memory"</c> are RAM.</summary>
    public bool MemoryNodesNeedDeviceType { get; }

    /// <summary>4.18+: a reserved-memory region overlapping an earlier reserved bank is rejected at boot.</summary>
    public bool RejectsOverlappingReservedMemory { get; }

    /// <summary>4.21+: <c>xen,reg</c> pass-through frames are removed (P1, P2, P3).</summary>
    public bool ExcludesXenReg { get; }

    /// <summary>4.18+: P2 refuses a PCI range running past 2^64-1 with -ERANGE.</summary>
    public bool ChecksPciRangeWidth { get; }

    /// <summary>4.17+: hypervisor log lines start with the domain (<c>d0: </c>).</summary>
    public bool LogsWithDomainPrefix { get; }

    /// <summary>4.21+: libxl's debug line prints an inclusive end.</summary>
    public bool LibxlLogsInclusiveEnd { get; }

    /// <summary>Entries of libxl's placeholder <c>reg</c> (3 before 4.21, 257 from 4.21).</summary>
    public int LibxlPlaceholderEntries { get; }

    /// <summary>4.20+: the hardware domain uses the host layout even when not direct-mapped (LLC colouring).</summary>
    public bool HostLayoutIncludesHardwareDomain { get; }

    /// <summary>
    /// Before 4.20.4, 4.21.2 and 4.22.0: a node nested deeper than DEVICE_TREE_MAX_DEPTH (16) makes the boot-time scan
    /// loop forever (the boot hangs); later releases skip it with a warning.
    /// </summary>
    public bool BootScanHangsOnDeepNodes { get; }

    /// <summary>4.19.2+ and 4.20+: a reserved-memory region wholly inside a <c>/memreserve/</c> entry is not an overlap.</summary>
    public bool AllowsReservedInsideMemoryReservation { get; }

    /// <summary>
    /// Master (4.23-unstable) only: <c>xen,static-mem</c> in a Xen built without CONFIG_STATIC_MEMORY fails the boot
    /// scan ("Early FDT parsing failed"); earlier releases reserve the banks anyway (commit e888192d13).
    /// </summary>
    public bool RejectsStaticMemoryWithoutConfig { get; }

    /// <summary>The profile of <paramref name="release"/>.</summary>
    /// <param name="release">The release.</param>
    /// <returns>Its profile.</returns>
    public static ReleaseProfile For(XenRelease release)
    {
        if (release.Major == 0)
        {
            throw new ArgumentException("The default XenRelease value is not a release; use XenRelease.Latest.", nameof(release));
        }

        return new ReleaseProfile(release);
    }

    /// <summary>A one-line summary, e.g. <c>4.19.1: frames, 2 MiB-short, cap 256, legacy subtraction</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => FormattableString.Invariant(
        $"{Release}: {Unit}, {Normaliser}, cap {Capacity}{(HasLegacySubtraction ? ", legacy subtraction" : string.Empty)}, {Dispatch}, grant window {GrantWindow}, P3 {DomUHoles}, libxl {Libxl}");
}
