namespace XenExtRegions.ExtendedRegions;

/// <summary>The constants of the feature, in one place (xen/include/public/arch-arm.h).</summary>
public static class XenConstants
{
    /// <summary>PAGE_SIZE: 4 KiB.</summary>
    public const ulong PageSize = 0x1000;

    /// <summary>PAGE_SHIFT.</summary>
    public const int PageShift = 12;

    /// <summary>Region alignment of start and size: 2 MiB (SZ_2M).</summary>
    public const ulong RegionAlignment = 0x200000;

    /// <summary>The smallest region Xen advertises: 64 MiB.</summary>
    public const ulong MinimumRegionSize = 0x4000000;

    /// <summary>NR_MEM_BANKS of 4.16.0.</summary>
    public const int LegacyMaxRegions = 128;

    /// <summary>NR_MEM_BANKS from 4.16.1 / 4.17, and libxl's MAX_NR_EXT_REGIONS (4.21+).</summary>
    public const int MaxRegions = 256;

    /// <summary>GUEST_ROOT_ADDRESS_CELLS.</summary>
    public const int GuestRootAddressCells = 2;

    /// <summary>GUEST_ROOT_SIZE_CELLS.</summary>
    public const int GuestRootSizeCells = 2;

    /// <summary>GUEST_GNTTAB_BASE.</summary>
    public const ulong GuestGrantTableBase = 0x38000000;

    /// <summary>GUEST_GNTTAB_SIZE (16 MiB).</summary>
    public const ulong GuestGrantTableSize = 0x01000000;

    /// <summary>GUEST_RAM0_BASE.</summary>
    public const ulong GuestRam0Base = 0x40000000;

    /// <summary>GUEST_RAM0_SIZE (3 GiB).</summary>
    public const ulong GuestRam0Size = 0xC0000000;

    /// <summary>GUEST_RAM1_BASE.</summary>
    public const ulong GuestRam1Base = 0x0200000000;

    /// <summary>GUEST_RAM1_SIZE (1016 GiB).</summary>
    public const ulong GuestRam1Size = 0xFE00000000;

    /// <summary>PADDR_BITS of an Arm64 build, printed by the 4.18+ PCI-range width check.</summary>
    public const int Arm64PaddrBits = 48;

    /// <summary>INVALID_PADDR: a static shared-memory bank whose host address Xen chooses (skipped from 4.19).</summary>
    public const ulong InvalidPaddr = ulong.MaxValue;

    /// <summary>Linux's memory section on arm64 with 4 KiB pages since 5.12: 128 MiB.</summary>
    public const ulong LinuxSectionSize = 0x8000000;

    /// <summary>GIC interrupt specifier flags Xen writes for the event-channel PPI: CPU mask 0xf, active-low level.</summary>
    public const uint EventChannelInterruptFlags = 0xf08;
}
