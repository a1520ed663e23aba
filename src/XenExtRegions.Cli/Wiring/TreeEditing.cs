using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Wiring;

/// <summary>
/// Copies a tree with the root's <c>hypervisor</c> child added or replaced. Nodes belong to one parent, so the
/// copy is deep; it walks with an explicit stack (no recursion over the input's depth).
/// </summary>
internal static class TreeEditing
{
    public static DeviceTree WithRootChild(DeviceTree tree, DeviceTreeNode replacement)
    {
        // Post-order over the original: a node is rebuilt once all its children are.
        var built = new Dictionary<DeviceTreeNode, DeviceTreeNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(DeviceTreeNode Node, bool Expanded)>();
        stack.Push((tree.Root, false));
        while (stack.Count > 0)
        {
            (DeviceTreeNode node, bool expanded) = stack.Pop();
            if (!expanded)
            {
                stack.Push((node, true));
                foreach (DeviceTreeNode child in node.Children)
                {
                    if (!(node.IsRoot && child.Name == replacement.Name))
                    {
                        stack.Push((child, false));
                    }
                }

                continue;
            }

            IEnumerable<DeviceTreeNode> children = node.Children
                .Where(c => !(node.IsRoot && c.Name == replacement.Name))
                .Select(c => built[c]);
            if (node.IsRoot)
            {
                children = children.Append(replacement);
            }

            built[node] = new DeviceTreeNode(node.Name, node.Properties.Select(p => new DeviceTreeProperty(p.Name, p.Span)), children);
        }

        return new DeviceTree(built[tree.Root], tree.MemoryReservations, tree.BootCpuIdPhys);
    }
}
