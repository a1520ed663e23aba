namespace XenExtRegions.Cli.Rendering;

/// <summary>The lanes of a memory map, top to bottom, each with its legend colour.</summary>
internal enum MapLayer
{
    HostRam,
    Reserved,
    Module,
    DomainRam,
    GrantTable,
    Mmio,
    PciAperture,
    Exclusion,
    ExtendedRegion,
}
