using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>Cell counts and bus matching (spec §8.1, §8.2).</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>
    /// The cell count for <paramref name="node"/>'s own addresses: under Xen's policy the first of parent, grandparent…
    /// root that has the property; under the specification's policy the parent only. Reads the first cell as Xen's
    /// signed <c>int</c>; a value shorter than one cell gives 0 (invalid) instead of Xen's out-of-bounds read.
    /// </summary>
    private int ReadCells(DeviceTreeNode node, string name, int fallback, out DeviceTreeNode? from)
    {
        DeviceTreeNode np = node.Parent ?? node;
        while (true)
        {
            if (np.GetProperty(name) is { } property)
            {
                from = np;
                return property.Length < 4 ? 0 : unchecked((int)BinaryPrimitives.ReadUInt32BigEndian(property.Span));
            }

            if (Policy == AddressingPolicy.Specification || np.Parent is null)
            {
                from = null;
                return fallback;
            }

            np = np.Parent;
        }
    }

    /// <summary>Xen's <c>dt_match_bus</c>: PCI first (device_type, then node name with a warning), then default.</summary>
    private static AddressBusKind MatchBus(DeviceTreeNode np, DiagnosticSink? sink)
    {
        string? type = XenNodeText.CString(np, "device_type");
        if (type is "pci" or "pciex" or "vci" or "ht")
        {
            return AddressBusKind.Pci;
        }

        string name = XenNodeText.XenName(np);
        if (name is "pci" or "pcie")
        {
            sink?.MissingDeviceType(np);
            return AddressBusKind.Pci;
        }

        return np.Parent is null || np.HasProperty("ranges") ? AddressBusKind.Default : AddressBusKind.None;
    }

    /// <summary>The bus's <c>count_cells</c> for a child <paramref name="dev"/>: PCI hard-wires 3/2.</summary>
    private void CountCells(AddressBusKind bus, DeviceTreeNode dev, out int na, out int ns)
    {
        if (bus == AddressBusKind.Pci)
        {
            na = 3;
            ns = 2;
            return;
        }

        na = ReadCells(dev, "#address-cells", 2, out _);
        ns = ReadCells(dev, "#size-cells", 1, out _);
    }

    /// <summary>Describes where a node's cell counts came from, for messages.</summary>
    private string DescribeCells(DeviceTreeNode dev, int na, int ns)
    {
        ReadCells(dev, "#address-cells", 2, out DeviceTreeNode? aFrom);
        ReadCells(dev, "#size-cells", 1, out DeviceTreeNode? sFrom);
        string a = aFrom is null ? "default" : "from " + aFrom.Path;
        string s = sFrom is null ? "default" : "from " + sFrom.Path;
        return FormattableString.Invariant($"#address-cells = {na} ({a}), #size-cells = {ns} ({s})");
    }
}
