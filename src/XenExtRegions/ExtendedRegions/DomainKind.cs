namespace XenExtRegions.ExtendedRegions;

/// <summary>What kind of domain the regions are for; decides the producer with the release's dispatch rule.</summary>
public enum DomainKind
{
    /// <summary>Dom0 built by Xen, direct-mapped (guest addresses = host addresses): P1 or P2.</summary>
    HardwareDomain = 0,

    /// <summary>An LLC-coloured Dom0 (4.20+): not direct-mapped but uses the host layout, so still P1 or P2.</summary>
    ColouredHardwareDomain,

    /// <summary>A dom0less domU with <c>direct-map</c> (host layout): P1 or P2 (4.17+).</summary>
    DirectMappedDomU,

    /// <summary>A dom0less domU with the guest layout of xen/include/public/arch-arm.h: P3 (4.17+), needs <c>xen,enhanced</c>.</summary>
    Dom0lessDomU,

    /// <summary>A domU created by the toolstack (xl/libxl): P4.</summary>
    ToolstackDomU,
}
