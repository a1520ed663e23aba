using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Builds P2's input (<see cref="ExtendedRegionsInput.DescribedWindows"/>) from a host device tree.</summary>
public static class DescribedWindowReader
{
    /// <summary>A buffer grown past this many items (a huge tree's) is not kept for the next read.</summary>
    private const int ReusedItemsLimit = 1 << 14;

    [ThreadStatic]
    private static List<AddressItem>? t_items;

    /// <summary>
    /// Every translated <c>reg</c> entry and PCI aperture of <paramref name="tree"/> in Xen's P2 order, failures kept
    /// as values (P2 then fails on the first one, as Xen does).
    /// </summary>
    /// <param name="tree">The host tree.</param>
    /// <param name="decoder">The decoder; Xen's rules by default.</param>
    /// <returns>The windows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public static IReadOnlyList<DescribedWindow> Read(DeviceTree tree, DeviceTreeAddressDecoder? decoder = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        // The items only pass through on their way to the windows: their list is this thread's, reused.
        List<AddressItem> buffer = t_items ?? new List<AddressItem>();
        t_items = null;
        AddressEnumeration enumeration = (decoder ?? new DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions.Xen)).EnumerateAddresses(tree, collectDiagnostics: false, buffer);
        var windows = new List<DescribedWindow>(enumeration.Items.Count);
        foreach (AddressItem item in enumeration.Items)
        {
            DescribedWindowKind kind = item.Kind == AddressItemKind.PciRange ? DescribedWindowKind.PciRange : DescribedWindowKind.Reg;
            if (item.Error is { } error)
            {
                windows.Add(DescribedWindow.Failed(item.NodePath, item.Index, kind, error.Message));
            }
            else if (item.Range is { IsTranslated: false } range)
            {
                windows.Add(DescribedWindow.UntranslatedPciRange(item.NodePath, item.Index, item.Size, FormattableString.Invariant(
                    $"parent address 0x{range.ParentAddress:x} of ranges entry {range.Index} does not translate to a CPU address ({range.Failure})")));
            }
            else if (kind == DescribedWindowKind.PciRange)
            {
                windows.Add(DescribedWindow.PciRange(item.NodePath, item.Index, item.Address, item.Size));
            }
            else
            {
                windows.Add(DescribedWindow.Reg(item.Node, item.Index, item.Address, item.Size));
            }
        }

        buffer.Clear();
        if (buffer.Capacity <= ReusedItemsLimit)
        {
            t_items = buffer;
        }

        return windows;
    }
}
