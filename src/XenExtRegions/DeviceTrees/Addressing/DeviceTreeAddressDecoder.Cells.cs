using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>Cell counts and bus matching: Xen's <c>dt_n_addr_cells</c>, <c>dt_n_size_cells</c>, <c>dt_match_bus</c>.</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>
    /// The <c>#address-cells</c> used when no node in the lookup has the property: 1 for Linux, 2 for Xen and the
    /// specification.
    /// </summary>
    private int DefaultAddressCells => Policy == AddressingPolicy.Linux ? 1 : 2;

    /// <summary>
    /// The cell count for <paramref name="node"/>'s own addresses: under Xen's and Linux's policies the first of parent,
    /// grandparent… root that has the property; under the specification's policy the parent only. Reads the first cell as Xen's
    /// signed <c>int</c>; a value shorter than one cell gives 0 (invalid) instead of Xen's out-of-bounds read.
    /// </summary>
    private int ReadCells(DeviceTreeNode node, string name, int fallback, out DeviceTreeNode? from)
    {
        DeviceTreeNode np = node.Parent ?? node;
        while (true)
        {
            if (np.TryGetValue(name, out ReadOnlyMemory<byte> value))
            {
                from = np;
                return value.Length < 4 ? 0 : unchecked((int)BinaryPrimitives.ReadUInt32BigEndian(value.Span));
            }

            if (Policy == AddressingPolicy.Specification || np.Parent is null)
            {
                from = null;
                return fallback;
            }

            np = np.Parent;
        }
    }

    /// <summary>
    /// <see cref="MatchBus"/> through the walk's frames when <paramref name="depth"/> is where they hold
    /// <paramref name="np"/> (a negative depth: not known).
    /// </summary>
    private static AddressBusKind Bus(DeviceTreeNode np, DiagnosticSink? sink, int depth)
    {
        if (sink?.Frames is not { } frames || !frames.Holds(depth, np))
        {
            return MatchBus(np, sink);
        }

        if (!frames.TryGetBus(depth, out AddressBusKind bus))
        {
            bus = MatchBus(np, sink);
            frames.SetBus(depth, bus);
        }

        return bus;
    }

    /// <summary>
    /// <see cref="CountCells"/> through the walk's frames, when <paramref name="depth"/> is <paramref name="dev"/>'s
    /// depth there. The default bus's counts for a child start their lookup at the child's parent, so they are kept
    /// per parent: once per bus, not once per device.
    /// </summary>
    private void Counts(AddressBusKind bus, DeviceTreeNode dev, DiagnosticSink? sink, int depth, out int na, out int ns)
    {
        if (bus == AddressBusKind.Pci || sink?.Frames is not { } frames || dev.Parent is not { } parent || !frames.Holds(depth - 1, parent))
        {
            CountCells(bus, dev, out na, out ns);
            return;
        }

        if (!frames.TryGetChildCounts(depth - 1, out na, out ns))
        {
            CountCells(bus, dev, out na, out ns);
            frames.SetChildCounts(depth - 1, na, ns);
        }
    }

    /// <summary>The node's <c>ranges</c>, through the walk's frames when <paramref name="depth"/> is where they hold it.</summary>
    private static bool LookUpRanges(DeviceTreeNode dev, DiagnosticSink? sink, int depth, out ReadOnlyMemory<byte> ranges) =>
        sink?.Frames is { } frames && frames.Holds(depth, dev) ? frames.TryGetRanges(depth, out ranges) : dev.TryGetValue("ranges", out ranges);

    /// <summary>Xen's <c>dt_match_bus</c>: PCI first (device_type, then node name with a warning), then default.</summary>
    private static AddressBusKind MatchBus(DeviceTreeNode np, DiagnosticSink? sink)
    {
        if (np.TryGetValue("device_type", out ReadOnlyMemory<byte> type) &&
            (XenNodeText.CStringEquals(type.Span, "pci") || XenNodeText.CStringEquals(type.Span, "pciex") ||
             XenNodeText.CStringEquals(type.Span, "vci") || XenNodeText.CStringEquals(type.Span, "ht")))
        {
            return AddressBusKind.Pci;
        }

        if (XenNodeText.XenNameEquals(np, "pci") || XenNodeText.XenNameEquals(np, "pcie"))
        {
            sink?.MissingDeviceType(np);
            return AddressBusKind.Pci;
        }

        return np.Parent is null || np.HasValue("ranges") ? AddressBusKind.Default : AddressBusKind.None;
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

        na = ReadCells(dev, "#address-cells", DefaultAddressCells, out _);
        ns = ReadCells(dev, "#size-cells", 1, out _);
    }

    /// <summary>Describes where a node's cell counts came from, for messages.</summary>
    private string DescribeCells(DeviceTreeNode dev, int na, int ns)
    {
        ReadCells(dev, "#address-cells", DefaultAddressCells, out DeviceTreeNode? aFrom);
        ReadCells(dev, "#size-cells", 1, out DeviceTreeNode? sFrom);
        string a = aFrom is null ? "default" : "from " + aFrom.Path;
        string s = sFrom is null ? "default" : "from " + sFrom.Path;
        return FormattableString.Invariant($"#address-cells = {na} ({a}), #size-cells = {ns} ({s})");
    }
}
