using System;
using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// The safety audit: flags advertised regions that overlap something in use (described <c>reg</c>s, PCI apertures,
/// reserved memory, boot modules, the domain's RAM, user exclusions), P1 regions outside host RAM,
/// and lists a Linux guest would refuse or cannot use.
/// </summary>
public static class ExtendedRegionAudit
{
    /// <summary>Audits a result against the facts of its input.</summary>
    /// <param name="result">The computed regions.</param>
    /// <param name="linux">The guest kernel's section size (128 MiB by default).</param>
    /// <returns>The findings, region by region; empty when nothing is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <remarks>
    /// Also reports the hazards Xen leaves to the user (xenstore page of a direct-mapped domU, the hardware domain's
    /// device-tree budget, <c>iomem</c> before 4.21). The budget check assumes a root with 2 address and 2 size cells;
    /// use <see cref="Audit(ExtendedRegionsResult, HypervisorNodeSettings, LinuxGuestOptions)"/> to give the real ones.
    /// </remarks>
    public static IReadOnlyList<AuditFinding> Audit(ExtendedRegionsResult result, LinuxGuestOptions? linux = null) =>
        Audit(result, new HypervisorNodeSettings(), linux);

    /// <summary>Audits a result against the facts of its input, with the cell counts of the domain's root.</summary>
    /// <param name="result">The computed regions.</param>
    /// <param name="hypervisorNode">How <c>/hypervisor</c> is encoded (the root's cells; Dom0: the host tree's).</param>
    /// <param name="linux">The guest kernel's section size (128 MiB by default).</param>
    /// <returns>The findings, region by region; empty when nothing is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="hypervisorNode"/> is null.</exception>
    public static IReadOnlyList<AuditFinding> Audit(ExtendedRegionsResult result, HypervisorNodeSettings hypervisorNode, LinuxGuestOptions? linux)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (hypervisorNode is null)
        {
            throw new ArgumentNullException(nameof(hypervisorNode));
        }

        var findings = new List<AuditFinding>();
        List<(AddressRange Range, AuditFindingKind Kind, string Subject)> used = CollectUsedSpace(result);
        for (int i = 0; i < result.Regions.Count; i++)
        {
            if (!result.Regions[i].TryGetRange(out AddressRange region))
            {
                continue;
            }

            foreach ((AddressRange range, AuditFindingKind kind, string subject) in used)
            {
                if (region.TryIntersect(range, out AddressRange overlap))
                {
                    // Boot modules are not removed by any producer, find_unallocated_memory included: Xen discards
                    // them into its heap once Dom0 is built, so the overlap is by design. Say so rather than cry wolf.
                    bool byDesign = kind == AuditFindingKind.OverlapsBootModule;
                    findings.Add(new AuditFinding(kind, byDesign ? AuditSeverity.Note : AuditSeverity.Unsafe, i, overlap, subject, FormattableString.Invariant(
                        $"{Hex.Of(region.First)}->{Hex.Of(region.Last + 1)} overlaps {subject} at {overlap}{(byDesign ? " (by design: Xen frees boot-module memory once Dom0 is built)" : string.Empty)}")));
                }
            }
        }

        if (result.Producer == ProducerKind.HostUnallocatedMemory)
        {
            CheckHostRam(result, findings);
        }

        XenHazardChecks.Add(result, hypervisorNode, findings);
        if (result.Regions.Count > 0)
        {
            LinuxGuestReport report = LinuxGuestView.Check(result.Regions, linux);
            if (!report.Accepted)
            {
                findings.Add(new AuditFinding(AuditFindingKind.RejectedByLinux, AuditSeverity.Unsafe, -1, null, null, report.Rejection!));
            }
            else
            {
                foreach (int index in report.UselessRegions)
                {
                    findings.Add(new AuditFinding(AuditFindingKind.UnusableByLinux, AuditSeverity.Warning, index, null, null,
                        "no whole memory section of this region is usable by Linux after section alignment"));
                }
            }
        }

        // Zephyr reads the regions at build time and refuses the whole list when one entry breaks its rules.
        foreach (ZephyrRegionVerdict verdict in ZephyrGuestView.Check(result.Regions).Entries)
        {
            if (!verdict.Usable && verdict.RegIndex >= 1)
            {
                findings.Add(new AuditFinding(AuditFindingKind.RejectedByZephyr, AuditSeverity.Warning, verdict.RegIndex - 1, null, null,
                    "a Zephyr guest refuses this region at build time (" + verdict.Problem + ")"));
            }
        }

        return findings;
    }

    private static List<(AddressRange, AuditFindingKind, string)> CollectUsedSpace(ExtendedRegionsResult result)
    {
        ExtendedRegionsInput input = result.Input;
        var used = new List<(AddressRange, AuditFindingKind, string)>();
        void AddBank(MemoryBank bank, AuditFindingKind kind, string what)
        {
            if (bank.Start != XenConstants.InvalidPaddr && TryRange(bank.Start, bank.Size, out AddressRange r))
            {
                used.Add((r, kind, bank.Source ?? what));
            }
        }

        bool hostLayout = result.Producer is ProducerKind.HostUnallocatedMemory or ProducerKind.DeviceTreeHoles;
        if (hostLayout)
        {
            foreach (DescribedWindow w in input.DescribedWindows)
            {
                if (w.IsFailure || !TryRange(w.Address, w.Size, out AddressRange r))
                {
                    continue;
                }

                AuditFindingKind kind = w.Kind == DescribedWindowKind.PciRange ? AuditFindingKind.OverlapsPciAperture
                    : IsMemoryNode(w.NodePath) ? AuditFindingKind.OverlapsHostRam
                    : w.NodePath.StartsWith("/reserved-memory/", StringComparison.Ordinal) ? AuditFindingKind.OverlapsReservedMemory
                    : AuditFindingKind.OverlapsDeviceRegister;
                if (kind == AuditFindingKind.OverlapsHostRam && result.Producer == ProducerKind.HostUnallocatedMemory)
                {
                    continue; // P1 offers host RAM by design.
                }

                used.Add((r, kind, FormattableString.Invariant($"{w.NodePath} {(w.Kind == DescribedWindowKind.Reg ? "reg" : "ranges")}[{w.Index}]")));
            }

            foreach (MemoryBank b in input.ReservedMemory)
            {
                AddBank(b, AuditFindingKind.OverlapsReservedMemory, "reserved memory");
            }

            foreach (MemoryBank b in input.MemoryReservations)
            {
                AddBank(b, AuditFindingKind.OverlapsReservedMemory, "/memreserve/");
            }

            foreach (MemoryBank b in input.HostSharedMemory)
            {
                AddBank(b, AuditFindingKind.OverlapsReservedMemory, "static shared memory");
            }

            foreach (BootModule m in input.BootModules)
            {
                AddBank(m.Bank, AuditFindingKind.OverlapsBootModule, "boot module");
            }

            foreach (MemoryBank b in input.DomainRam)
            {
                AddBank(b, AuditFindingKind.OverlapsDomainRam, "domain RAM");
            }
        }
        else
        {
            ulong[] bases = [XenConstants.GuestRam0Base, XenConstants.GuestRam1Base];
            for (int i = 0; i < 2; i++)
            {
                AddBank(new MemoryBank(bases[i], input.GuestRamBankSize(i)), AuditFindingKind.OverlapsDomainRam, FormattableString.Invariant($"guest RAM bank {i}"));
            }

            foreach (IoMemRange io in input.IoMem)
            {
                if (io.FrameCount != 0 && io.FrameCount <= (ulong.MaxValue >> XenConstants.PageShift) - io.GuestFrame)
                {
                    AddBank(new MemoryBank(io.GuestFrame << XenConstants.PageShift, io.FrameCount << XenConstants.PageShift), AuditFindingKind.OverlapsDeviceRegister, "iomem " + io);
                }
            }
        }

        foreach (MemoryBank b in input.DomainSharedMemory)
        {
            AddBank(b, AuditFindingKind.OverlapsReservedMemory, "the domain's static shared memory");
        }

        foreach (MemoryBank b in input.XenReg)
        {
            AddBank(b, AuditFindingKind.OverlapsDeviceRegister, "xen,reg");
        }

        foreach (MemoryBank b in input.UserExclusions)
        {
            AddBank(b, AuditFindingKind.OverlapsUserExclusion, "user exclusion");
        }

        AddBank(result.GrantWindow, AuditFindingKind.OverlapsGrantWindow, "the grant-table window");
        return used;
    }

    private static void CheckHostRam(ExtendedRegionsResult result, List<AuditFinding> findings)
    {
        var ram = new RangeSet();
        var pageRam = new RangeSet();
        foreach (MemoryBank bank in result.Input.HostRam)
        {
            if (bank.TryGetRange(out AddressRange r))
            {
                ram.Add(r);
                ulong pageLast = r.Last | (XenConstants.PageSize - 1);
                pageRam.Add(r.First & ~(XenConstants.PageSize - 1), pageLast);
            }
        }

        for (int i = 0; i < result.Regions.Count; i++)
        {
            if (!result.Regions[i].TryGetRange(out AddressRange region))
            {
                continue;
            }

            foreach (AddressRange outside in ram.Complement(region.First, region.Last))
            {
                bool partialPage = pageRam.Contains(outside.First, outside.Last);
                findings.Add(new AuditFinding(AuditFindingKind.NotHostRam, partialPage ? AuditSeverity.Warning : AuditSeverity.Unsafe, i, outside, null,
                    partialPage
                        ? FormattableString.Invariant($"covers {outside}, the unused tail of a partial RAM page (outward page rounding)")
                        : FormattableString.Invariant($"covers {outside}, which is not host RAM")));
            }
        }
    }

    private static bool IsMemoryNode(string path) =>
        path.StartsWith("/memory", StringComparison.Ordinal) && path.IndexOf('/', 1) < 0
        && (path.Length == "/memory".Length || path["/memory".Length] == '@');

    private static bool TryRange(ulong start, ulong size, out AddressRange range)
    {
        if (size == 0)
        {
            range = default;
            return false;
        }

        // A window running past 2^64 is clipped at the top for the audit.
        range = size - 1 > ulong.MaxValue - start ? new AddressRange(start, ulong.MaxValue) : new AddressRange(start, start + (size - 1));
        return true;
    }
}
