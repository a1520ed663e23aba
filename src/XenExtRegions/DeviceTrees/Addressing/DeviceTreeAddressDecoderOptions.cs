namespace XenExtRegions.DeviceTrees;

/// <summary>Options of <see cref="DeviceTreeAddressDecoder"/>.</summary>
public sealed class DeviceTreeAddressDecoderOptions
{
    /// <summary>The options the extended-region engine uses: Xen's cell lookup.</summary>
    public static DeviceTreeAddressDecoderOptions Xen { get; } = new() { Policy = AddressingPolicy.Xen };

    /// <summary>The Devicetree Specification's (and libfdt's) cell lookup.</summary>
    public static DeviceTreeAddressDecoderOptions Specification { get; } = new() { Policy = AddressingPolicy.Specification };

    /// <summary>Linux's cell lookup: what a Linux kernel decodes from the same tree.</summary>
    public static DeviceTreeAddressDecoderOptions Linux { get; } = new() { Policy = AddressingPolicy.Linux };

    /// <summary>Where <c>#address-cells</c>/<c>#size-cells</c> come from; Xen's rule by default.</summary>
    public AddressingPolicy Policy { get; init; } = AddressingPolicy.Xen;
}
