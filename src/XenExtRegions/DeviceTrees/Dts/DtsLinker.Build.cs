using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>Building the immutable model from the linked source tree.</summary>
internal static partial class DtsLinker
{
    /// <summary>
    /// Builds the immutable nodes bottom-up with an explicit post-order stack. Finished children wait on one shared
    /// list until their parent is made, so no list is allocated per node. Labels go along in dtc's order.
    /// </summary>
    private static DeviceTreeNode Build(DtsSourceNode root)
    {
        var stack = new Stack<(DtsSourceNode Node, int NextChild, int FirstBuilt)>();
        var built = new List<DeviceTreeNode>();
        stack.Push((root, 0, 0));
        while (true)
        {
            (DtsSourceNode node, int next, int firstBuilt) = stack.Pop();
            int childCount = node.ChildCount;
            while (next < childCount && node.ChildAt(next).Deleted)
            {
                next++;
            }

            if (next < childCount)
            {
                stack.Push((node, next + 1, firstBuilt));
                stack.Push((node.ChildAt(next), 0, built.Count));
                continue;
            }

            Span<DtsSourceProperty> sourceProperties = node.Properties;
            int live = 0;
            foreach (ref DtsSourceProperty p in sourceProperties)
            {
                live += p.Deleted ? 0 : 1;
            }

            DeviceTreeProperty[] properties = live == 0 ? Array.Empty<DeviceTreeProperty>() : new DeviceTreeProperty[live];
            Dictionary<string, string[]>? propertyLabels = null;
            live = 0;
            foreach (ref DtsSourceProperty p in sourceProperties)
            {
                if (!p.Deleted)
                {
                    properties[live++] = new DeviceTreeProperty(p.Name, p.Value, trusted: true);
                    if (p.Labels?.ToDtcOrder() is string[] labels)
                    {
                        (propertyLabels ??= new Dictionary<string, string[]>(StringComparer.Ordinal))[p.Name] = labels;
                    }
                }
            }

            int builtCount = built.Count - firstBuilt;
            DeviceTreeNode[] children = builtCount == 0 ? Array.Empty<DeviceTreeNode>() : new DeviceTreeNode[builtCount];
            if (builtCount > 0)
            {
                built.CopyTo(firstBuilt, children, 0, builtCount);
                built.RemoveRange(firstBuilt, builtCount);
            }

            var made = new DeviceTreeNode(node.Name, properties, children, validate: false)
            {
                LabelSet = DeviceTreeLabels.Create(node.Labels?.ToDtcOrder(), propertyLabels),
            };
            if (stack.Count == 0)
            {
                return made;
            }

            built.Add(made);
        }
    }
}
