namespace XenExtRegions.DeviceTrees;

/// <summary>Options of <see cref="DeviceTreeAddressDecoder"/>.</summary>
public sealed class DeviceTreeAddressDecoderOptions
{
    /// <summary>The options the extended-region engine uses: Xen's cell lookup.</summary>
    public static DeviceTreeAddressDecoderOptions Xen { get; } = new() { Policy = AddressingPolicy.Xen };

    /// <summary>Where <c>#address-cells</c>/<c>#size-cells</c> come from; Xen's rule by default.</summary>
    public AddressingPolicy Policy { get; init; } = AddressingPolicy.Xen;
}
