using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>The labels of one node and of its properties (kept on the node: most nodes and almost all properties have none).</summary>
internal sealed class DeviceTreeLabels
{
    public DeviceTreeLabels(string[] node, Dictionary<string, string[]>? properties)
    {
        Node = node;
        Properties = properties;
    }

    /// <summary>The node's labels.</summary>
    public string[] Node { get; }

    /// <summary>Property name to its labels; null when no property has one.</summary>
    public Dictionary<string, string[]>? Properties { get; }

    /// <summary>The labels of the property called <paramref name="name"/>, or null.</summary>
    public string[]? ForProperty(string name) =>
        Properties is not null && Properties.TryGetValue(name, out string[]? labels) ? labels : null;

    /// <summary>A set, or null when both parts are empty.</summary>
    public static DeviceTreeLabels? Create(string[]? node, Dictionary<string, string[]>? properties) =>
        (node is null || node.Length == 0) && (properties is null || properties.Count == 0)
            ? null
            : new DeviceTreeLabels(node ?? Array.Empty<string>(), properties is { Count: > 0 } ? properties : null);
}
