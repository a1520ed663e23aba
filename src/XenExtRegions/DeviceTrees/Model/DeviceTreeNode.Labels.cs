using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Source labels: what <see cref="DtsReader"/> read before a node's or property's name.</summary>
public sealed partial class DeviceTreeNode
{
    private DeviceTreeLabels? _labels;

    /// <summary>
    /// The labels written before this node in DTS (<c>uart0: serial@1000 { ... };</c>), in the order dtc keeps them
    /// (it prints them, and lists them in <c>__symbols__</c>, in this order); empty for trees read from a blob, which
    /// has no labels. <see cref="DtsWriter"/> prints them back. Labels do not take part in
    /// <see cref="DeviceTreeComparer"/> equality (a blob compiled from the source has the same tree without them).
    /// </summary>
    public IReadOnlyList<string> Labels => _labels?.Node ?? Array.Empty<string>();

    /// <summary>The labels of this node and of its properties, or null when none; set once, before the tree is handed out.</summary>
    internal DeviceTreeLabels? LabelSet
    {
        get => _labels;
        set => _labels = value;
    }
}
