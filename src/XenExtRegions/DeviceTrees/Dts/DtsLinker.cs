using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Turns the parser's mutable tree into the immutable model the way dtc's checks do, in dtc's order: duplicate
/// labels, explicit phandles, phandle references (assigning new phandles 1, 2, 3… in document order of the
/// references, skipping numbers in use), path references, then removal of unreferenced <c>/omit-if-no-ref/</c> nodes.
/// Every walk is iterative.
/// </summary>
internal static class DtsLinker
{
    public static DeviceTree Link(DtsParser parser)
    {
        DtsSourceNode root = parser.Root;
        List<DtsSourceNode> nodes = LiveNodesPreOrder(root);
        CheckDuplicateLabels(nodes);
        var phandles = new Dictionary<uint, DtsSourceNode>();
        AssignExplicitPhandles(nodes, phandles);
        ResolvePhandleReferences(parser, nodes, phandles);
        ResolvePathReferences(parser, nodes);
        OmitUnreferenced(root);
        return new DeviceTree(Build(root), parser.Reservations);
    }

    /// <summary>Live nodes in document order (pre-order), without recursion.</summary>
    private static List<DtsSourceNode> LiveNodesPreOrder(DtsSourceNode root)
    {
        var result = new List<DtsSourceNode>();
        var stack = new Stack<DtsSourceNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            DtsSourceNode node = stack.Pop();
            result.Add(node);
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                if (!node.Children[i].Deleted)
                {
                    stack.Push(node.Children[i]);
                }
            }
        }

        return result;
    }

    private static void CheckDuplicateLabels(List<DtsSourceNode> nodes)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DtsSourceNode node in nodes)
        {
            // Paths cost O(depth) each, so they are built only for nodes that carry labels.
            foreach (string label in node.Labels)
            {
                Claim(owners, label, node.Path, node.Location);
            }

            foreach (DtsSourceProperty property in node.Properties)
            {
                if (property.Deleted)
                {
                    continue;
                }

                foreach (string label in property.Labels)
                {
                    Claim(owners, label, node.Path + ":" + property.Name, property.Location);
                }
            }
        }
    }

    private static void Claim(Dictionary<string, string> owners, string label, string owner, DtsSourceLocation at)
    {
        if (owners.TryGetValue(label, out string? first))
        {
            if (!string.Equals(first, owner, StringComparison.Ordinal))
            {
                throw at.Error($"Duplicate label '{label}' on {owner} and {first}.");
            }

            return;
        }

        owners.Add(label, owner);
    }

    private static void AssignExplicitPhandles(List<DtsSourceNode> nodes, Dictionary<uint, DtsSourceNode> phandles)
    {
        foreach (DtsSourceNode node in nodes)
        {
            uint? epapr = ReadExplicit(node, "phandle");
            uint? legacy = ReadExplicit(node, "linux,phandle");
            if (epapr is uint a && legacy is uint b && a != b)
            {
                throw node.Location.Error($"Node {node.Path} has mismatching 'phandle' and 'linux,phandle' properties.");
            }

            if ((epapr ?? legacy) is not uint phandle)
            {
                continue;
            }

            if (phandles.TryGetValue(phandle, out DtsSourceNode? other))
            {
                throw (node.FindLiveProperty("phandle") ?? node.FindLiveProperty("linux,phandle"))!.Location
                    .Error(FormattableString.Invariant($"Duplicated phandle 0x{phandle:x} on {node.Path} (seen before at {other.Path})."));
            }

            phandles.Add(phandle, node);
            node.Phandle = phandle;
        }
    }

    private static uint? ReadExplicit(DtsSourceNode node, string name)
    {
        DtsSourceProperty? property = node.FindLiveProperty(name);
        if (property is null || property.References is not null)
        {
            // A phandle written as a reference to the node itself gets its number like any other reference.
            return null;
        }

        if (property.Value.Length != 4)
        {
            throw property.Location.Error(FormattableString.Invariant($"Bad length ({property.Value.Length}) of the '{name}' property of {node.Path}: a phandle is one cell."));
        }

        uint value = (uint)((property.Value[0] << 24) | (property.Value[1] << 16) | (property.Value[2] << 8) | property.Value[3]);
        if (value is 0 or uint.MaxValue)
        {
            throw property.Location.Error(FormattableString.Invariant($"Bad value (0x{value:x}) in the '{name}' property of {node.Path}."));
        }

        return value;
    }

    private static void ResolvePhandleReferences(DtsParser parser, List<DtsSourceNode> nodes, Dictionary<uint, DtsSourceNode> phandles)
    {
        // dtc keeps one counter for the whole run and takes the next number no node has yet.
        uint next = 1;
        foreach (DtsSourceNode node in nodes)
        {
            // By index: a reference to the node itself appends its new phandle property to this list.
            for (int i = 0; i < node.Properties.Count; i++)
            {
                DtsSourceProperty property = node.Properties[i];
                if (property.Deleted || property.References is null)
                {
                    continue;
                }

                foreach (DtsValueReference reference in property.References)
                {
                    if (!reference.IsPhandle)
                    {
                        continue;
                    }

                    DtsSourceNode target = Resolve(parser, reference);
                    target.Referenced = true;
                    if (target.Phandle == 0)
                    {
                        while (phandles.ContainsKey(next))
                        {
                            next++;
                        }

                        target.Phandle = next;
                        phandles.Add(next, target);
                        if (target.FindLiveProperty("phandle") is null)
                        {
                            var created = new DtsSourceProperty("phandle", target.Location);
                            created.Value = BigEndian(next);
                            if (target.FindProperty("phandle") is { } deleted)
                            {
                                deleted.Deleted = false;
                                deleted.Value = created.Value;
                                deleted.References = null;
                            }
                            else
                            {
                                target.AddProperty(created);
                            }
                        }
                    }

                    byte[] cell = BigEndian(target.Phandle);
                    Buffer.BlockCopy(cell, 0, property.Value, reference.Offset, 4);
                }
            }
        }
    }

    private static void ResolvePathReferences(DtsParser parser, List<DtsSourceNode> nodes)
    {
        foreach (DtsSourceNode node in nodes)
        {
            foreach (DtsSourceProperty property in node.Properties)
            {
                if (property.Deleted || property.References is null)
                {
                    continue;
                }

                bool anyPath = false;
                foreach (DtsValueReference reference in property.References)
                {
                    anyPath |= !reference.IsPhandle;
                }

                if (!anyPath)
                {
                    continue;
                }

                var value = new List<byte>(property.Value.Length + 32);
                int copied = 0;
                foreach (DtsValueReference reference in property.References)
                {
                    if (reference.IsPhandle)
                    {
                        continue;
                    }

                    DtsSourceNode target = Resolve(parser, reference);
                    target.Referenced = true;
                    for (; copied < reference.Offset; copied++)
                    {
                        value.Add(property.Value[copied]);
                    }

                    value.AddRange(System.Text.Encoding.UTF8.GetBytes(target.Path));
                    value.Add(0);
                }

                for (; copied < property.Value.Length; copied++)
                {
                    value.Add(property.Value[copied]);
                }

                property.Value = value.ToArray();
            }
        }
    }

    private static DtsSourceNode Resolve(DtsParser parser, DtsValueReference reference) =>
        parser.FindNodeByReference(reference.Target)
        ?? throw reference.Location.Error(reference.Target.StartsWith("/", StringComparison.Ordinal)
            ? $"Reference to non-existent node '{reference.Target}'."
            : $"Reference to non-existent node or label '{reference.Target}'.");

    /// <summary>Deletes unreferenced /omit-if-no-ref/ nodes in pre-order, as dtc's omit_unused_nodes check.</summary>
    private static void OmitUnreferenced(DtsSourceNode root)
    {
        var stack = new Stack<DtsSourceNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            DtsSourceNode node = stack.Pop();
            if (node.OmitIfNoRef && !node.Referenced && node.Parent is not null)
            {
                node.Deleted = true;
                continue;
            }

            foreach (DtsSourceNode child in node.Children)
            {
                if (!child.Deleted)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Builds the immutable nodes bottom-up with an explicit post-order stack.</summary>
    private static DeviceTreeNode Build(DtsSourceNode root)
    {
        var stack = new Stack<(DtsSourceNode Node, int NextChild, List<DeviceTreeNode> Built)>();
        stack.Push((root, 0, new List<DeviceTreeNode>()));
        DeviceTreeNode? result = null;
        while (stack.Count > 0)
        {
            (DtsSourceNode node, int next, List<DeviceTreeNode> built) = stack.Pop();
            while (next < node.Children.Count && node.Children[next].Deleted)
            {
                next++;
            }

            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1, built));
                stack.Push((node.Children[next], 0, new List<DeviceTreeNode>()));
                continue;
            }

            var properties = new List<DeviceTreeProperty>(node.Properties.Count);
            foreach (DtsSourceProperty p in node.Properties)
            {
                if (!p.Deleted)
                {
                    properties.Add(new DeviceTreeProperty(p.Name, p.Value, trusted: true));
                }
            }

            var made = new DeviceTreeNode(node.Name, properties.ToArray(), built.ToArray(), validate: false);
            if (stack.Count == 0)
            {
                result = made;
            }
            else
            {
                stack.Peek().Built.Add(made);
            }
        }

        return result!;
    }

    private static byte[] BigEndian(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
