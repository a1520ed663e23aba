namespace XenExtRegions.ExtendedRegions;

/// <summary>The domain's execution width; 32-bit domains get no extended regions.</summary>
public enum DomainWidth
{
    /// <summary>A 64-bit (AArch64) domain.</summary>
    Bits64 = 0,

    /// <summary>A 32-bit domain (always, on an Arm32 hypervisor).</summary>
    Bits32,
}
