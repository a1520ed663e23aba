namespace XenExtRegions.ExtendedRegions;

/// <summary>How the guest kernel uses extended regions.</summary>
public sealed class LinuxGuestOptions
{
    /// <summary>The memory-section size: 128 MiB (arm64, 4 KiB pages, Linux 5.12+), 1 GiB before 5.12, 512 MiB with 64 KiB pages.</summary>
    public ulong SectionSize { get; init; } = XenConstants.LinuxSectionSize;
}
