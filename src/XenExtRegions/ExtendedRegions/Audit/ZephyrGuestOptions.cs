using XenExtRegions.Ranges;

namespace XenExtRegions.ExtendedRegions;

/// <summary>The Zephyr build settings its Xen region driver (<c>drivers/xen/regions.c</c>) checks the regions against.</summary>
public sealed class ZephyrGuestOptions
{
    /// <summary>CONFIG_MMU_PAGE_SIZE: region starts and sizes must be multiples of it (a power of two); 4 KiB by default.</summary>
    public ulong PageSize { get; init; } = 0x1000;

    /// <summary>The kernel's virtual-memory area (CONFIG_KERNEL_VM_BASE, CONFIG_KERNEL_VM_SIZE), which no region may overlap; null when unknown (not checked).</summary>
    public AddressRange? KernelVirtualMemory { get; init; }
}
