using System;
using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Deriving an input's host and domain facts from a host device tree (Xen's boot scan, and the windows find_memory_holes removes).</summary>
public sealed partial record ExtendedRegionsInput
{
    /// <summary>
    /// A copy whose host facts come from <paramref name="tree"/>: Xen's boot scan with this input's release rules
    /// (RAM, reserved memory, <c>/memreserve/</c>, static shared memory, boot modules) and every described window for P2.
    /// The domain's own facts (RAM, grant window, IOMMU, ipa bits) stay as they are.
    /// </summary>
    /// <param name="tree">The host tree.</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public ExtendedRegionsInput WithHostDeviceTree(DeviceTree tree) => WithHostDeviceTree(tree, BootScanOptions.ForRelease(Release));

    /// <summary>
    /// As <see cref="WithHostDeviceTree(DeviceTree)"/>, with boot-scan rules of the caller's choosing: usually
    /// <c>BootScanOptions.ForRelease(Release) with { … }</c> to describe the Xen build (CONFIG_STATIC_MEMORY, UEFI boot…).
    /// </summary>
    /// <param name="tree">The host tree.</param>
    /// <param name="options">The boot-scan rules (they should be this input's release's).</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="options"/> is null.</exception>
    public ExtendedRegionsInput WithHostDeviceTree(DeviceTree tree, BootScanOptions options)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        BootFacts facts = new BootFactsScanner(options).Scan(tree);
        return WithBootFacts(facts) with { DescribedWindows = DescribedWindowReader.Read(tree) };
    }

    /// <summary>A copy whose host facts come from a boot scan.</summary>
    /// <param name="facts">The scan's result (scanned with the same release's rules).</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public ExtendedRegionsInput WithBootFacts(BootFacts facts)
    {
        if (facts is null)
        {
            throw new ArgumentNullException(nameof(facts));
        }

        // The engine adds /memreserve/ (4.19+) and 4.17–4.18 shm host banks to the reserved list itself, in Xen's order.
        return this with
        {
            HostRam = facts.HostRam,
            ReservedMemory = facts.ReservedMemory
                .Where(b => b.Kind is not MemoryBankKind.MemoryReservation and not MemoryBankKind.StaticSharedMemory).ToArray(),
            MemoryReservations = facts.MemoryReservations,
            HostSharedMemory = facts.SharedMemoryHostBanks.Count > 0
                ? facts.SharedMemoryHostBanks
                : facts.ReservedMemory.Where(b => b.Kind == MemoryBankKind.StaticSharedMemory).ToArray(),
            BootModules = facts.Modules,
        };
    }

    /// <summary>
    /// A copy describing the dom0less domain <paramref name="domain"/>: direct-mapped or guest layout,
    /// <c>xen,enhanced</c>, its memory split over the two guest banks (bank 0 first, up to 3 GiB), its shm guest banks.
    /// </summary>
    /// <param name="domain">The domain node's facts.</param>
    /// <returns>The new input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="DeviceTreeFormatException">
    /// The node's <c>memory</c> does not fit 64 bits in bytes, or exceeds the two guest RAM banks: Xen cannot build
    /// such a domain, so there are no regions to compute.
    /// </exception>
    public ExtendedRegionsInput WithDomainNode(DomainNodeFacts domain)
    {
        if (domain is null)
        {
            throw new ArgumentNullException(nameof(domain));
        }

        if (domain.MemoryKiB is ulong kib && domain.MemoryBytes is null)
        {
            throw new DeviceTreeFormatException(
                FormattableString.Invariant($"The domain's memory, 0x{kib:x} KiB, does not fit 64 bits in bytes (Xen would wrap it)."), null, domain.Path, "memory");
        }

        ulong memory = domain.MemoryBytes ?? 0;
        const ulong guestRam = XenConstants.GuestRam0Size + XenConstants.GuestRam1Size;
        if (memory > guestRam)
        {
            throw new DeviceTreeFormatException(
                FormattableString.Invariant($"The domain's memory, 0x{memory:x} bytes, exceeds the two guest RAM banks (0x{guestRam:x} bytes at most); Xen cannot build this domain."),
                null,
                domain.Path,
                "memory");
        }

        ulong bank0 = Math.Min(memory, XenConstants.GuestRam0Size);
        return this with
        {
            Kind = domain.DirectMap ? DomainKind.DirectMappedDomU : DomainKind.Dom0lessDomU,
            XenEnhanced = domain.IsEnhanced,
            GuestRamBankSizes = [bank0, memory - bank0],
            DomainSharedMemory = domain.SharedMemory
                .Select(s => new MemoryBank(s.GuestAddress, s.Size, MemoryBankKind.StaticSharedMemory, s.Source)).ToArray(),
            DomainRam = domain.DirectMap ? domain.StaticMemory : DomainRam,
        };
    }
}
