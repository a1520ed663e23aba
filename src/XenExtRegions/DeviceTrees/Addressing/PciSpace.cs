namespace XenExtRegions.DeviceTrees;

/// <summary>The space code (bits 24–25 of <c>phys.hi</c>) of a PCI bus address (the <c>ss</c> field of the PCI Bus Binding to Open Firmware).</summary>
public enum PciSpace
{
    /// <summary>Configuration space (<c>ss</c> = 00).</summary>
    Configuration = 0,

    /// <summary>I/O space (<c>ss</c> = 01).</summary>
    Io = 1,

    /// <summary>32-bit memory space (<c>ss</c> = 10).</summary>
    Memory32 = 2,

    /// <summary>64-bit memory space (<c>ss</c> = 11).</summary>
    Memory64 = 3,
}
