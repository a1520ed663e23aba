namespace XenExtRegions.Memory;

/// <summary>The kinds of boot module Xen recognises in <c>/chosen</c> (by compatible) or prints as <c>MODULE[n]</c>.</summary>
public enum BootModuleKind
{
    /// <summary>A module whose kind Xen could not tell.</summary>
    Unknown = 0,

    /// <summary>Xen's own image.</summary>
    XenImage,

    /// <summary>The device tree blob.</summary>
    DeviceTree,

    /// <summary>A kernel (<c>multiboot,kernel</c>).</summary>
    Kernel,

    /// <summary>An initial ramdisk (<c>multiboot,ramdisk</c>).</summary>
    Ramdisk,

    /// <summary>An XSM/FLASK policy (<c>xen,xsm-policy</c>).</summary>
    XsmPolicy,

    /// <summary>A domain device-tree fragment for pass-through (<c>multiboot,device-tree</c>).</summary>
    GuestDeviceTree,
}
