using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>The source tree's bookkeeping: labels and their owners, deletion, lookups by reference.</summary>
internal sealed partial class DtsParser
{
    private void AddNodeLabel(DtsSourceNode node, string label)
    {
        if (!node.AddLabel(label))
        {
            return; // the node has it, so its owners know already
        }

        if (!_labels.TryGetValue(label, out DtsLabelOwners? owners))
        {
            owners = new DtsLabelOwners(label);
            _labels.Add(label, owners);
        }

        owners.Took(node);
    }

    /// <summary>Marks a node, its properties and its descendants deleted, and drops their labels (as dtc's delete_node).</summary>
    /// <param name="node">The subtree's top.</param>
    /// <param name="deleted">Told of each node deleted, when set.</param>
    public void DeleteSubtree(DtsSourceNode node, Action<DtsSourceNode>? deleted = null)
    {
        var stack = new Stack<DtsSourceNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            DtsSourceNode n = stack.Pop();
            if (n.Labels is not null)
            {
                foreach (string label in n.Labels.Live())
                {
                    _labels[label].Lost(n);
                }
            }

            n.Deleted = true;
            deleted?.Invoke(n);
            n.ClearLabels();
            foreach (ref DtsSourceProperty p in n.Properties)
            {
                p.Deleted = true;
                p.ClearLabels();
            }

            for (int i = 0; i < n.ChildCount; i++)
            {
                DtsSourceNode child = n.ChildAt(i);
                if (!child.Deleted)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Finds a live node by label or by path (as dtc's get_node_by_ref).</summary>
    public DtsSourceNode? FindNodeByReference(string target)
    {
        if (_root is null)
        {
            return null;
        }

        if (target.Length > 0 && target[0] == '/')
        {
            DtsSourceNode node = _root;
            foreach (string part in target.Split('/'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                DtsSourceNode? child = node.FindChild(part);
                if (child is null || child.Deleted)
                {
                    return null;
                }

                node = child;
            }

            return node;
        }

        return _labels.TryGetValue(target, out DtsLabelOwners? owners) ? owners.Current() : null;
    }

}
