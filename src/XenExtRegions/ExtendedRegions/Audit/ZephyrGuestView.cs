using System;
using System.Collections.Generic;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>
/// Checks a region list as Zephyr's Xen region driver (<c>drivers/xen/regions.c</c>) does. Zephyr reads the regions
/// at build time from the board devicetree, not from the tree Xen gives it, and checks every <c>reg</c> entry of the
/// hypervisor node, the grant table included.
/// </summary>
public static class ZephyrGuestView
{
    /// <summary>Checks the entries and says which Zephyr can use and why not.</summary>
    /// <param name="regions">The extended regions (reg entries 1..N) in DT order.</param>
    /// <param name="options">Page size and kernel virtual-memory area; 4 KiB pages and no area by default.</param>
    /// <param name="grantTable">The grant table (reg entry 0), checked by the same rules, or null to skip it.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="regions"/> is null.</exception>
    /// <exception cref="ArgumentException">The page size is not a power of two.</exception>
    public static ZephyrGuestReport Check(IReadOnlyList<MemoryBank> regions, ZephyrGuestOptions? options = null, MemoryBank? grantTable = null)
    {
        if (regions is null)
        {
            throw new ArgumentNullException(nameof(regions));
        }

        options ??= new ZephyrGuestOptions();
        ulong page = options.PageSize;
        if (page == 0 || (page & (page - 1)) != 0)
        {
            throw new ArgumentException("The page size must be a power of two.", nameof(options));
        }

        var entries = new List<ZephyrRegionVerdict>();
        if (grantTable is { } g)
        {
            entries.Add(new ZephyrRegionVerdict(0, g, Problem(g, page, options.KernelVirtualMemory)));
        }

        for (int i = 0; i < regions.Count; i++)
        {
            entries.Add(new ZephyrRegionVerdict(i + 1, regions[i], Problem(regions[i], page, options.KernelVirtualMemory)));
        }

        string? rejection = regions.Count == 0
            ? "no extended region in the hypervisor node: Zephyr's build stops (\"No Extended regions were provided in DT\")"
            : null;
        return new ZephyrGuestReport(rejection, entries);
    }

    private static string? Problem(MemoryBank bank, ulong page, AddressRange? kernelVm)
    {
        // Zephyr's block allocator cannot manage a buffer at address 0, so the user must start at page 1.
        if (bank.Start == 0)
        {
            return FormattableString.Invariant($"starts at 0: Zephyr refuses it; skip page 0 (start {Hex.Of(page)}, size {Hex.Of(bank.Size >= page ? bank.Size - page : 0)})");
        }

        if ((bank.Start & (page - 1)) != 0)
        {
            return FormattableString.Invariant($"start {Hex.Of(bank.Start)} is not aligned to the {Hex.Of(page)} MMU page");
        }

        if ((bank.Size & (page - 1)) != 0)
        {
            return FormattableString.Invariant($"size {Hex.Of(bank.Size)} is not a multiple of the {Hex.Of(page)} MMU page");
        }

        if (bank.Size == 0 || bank.Overflows)
        {
            return "is empty or runs past 2^64";
        }

        if (kernelVm is { } vm && bank.Range.Overlaps(vm))
        {
            return FormattableString.Invariant($"overlaps the kernel's virtual-memory area {Hex.Of(vm.Start)}..{Hex.Of(vm.Last)} (CONFIG_KERNEL_VM_BASE/SIZE)");
        }

        return null;
    }
}
