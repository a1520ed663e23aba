using System;
using System.Buffers.Binary;
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
    /// <summary>Iterated in place of a missing label list (never changed).</summary>
    private static readonly List<string> NoLabels = new(0);

    public static DeviceTree Link(DtsParser parser)
    {
        DtsSourceNode root = parser.Root;

        // Each pass is skipped when the parser saw nothing it acts on (a pass over such a tree changes nothing and
        // throws nothing), which is the common case of generated and flattened sources.
        if (parser.SawLabels || parser.SawPhandleProperty || parser.SawReferences)
        {
            List<DtsSourceNode> nodes = LiveNodesPreOrder(root);
            if (parser.SawLabels)
            {
                CheckDuplicateLabels(nodes);
            }

            var phandles = new Dictionary<uint, DtsSourceNode>();
            if (parser.SawPhandleProperty)
            {
                AssignExplicitPhandles(nodes, phandles);
            }

            if (parser.SawReferences)
            {
                ResolvePhandleReferences(parser, nodes, phandles);
                ResolvePathReferences(parser, nodes);
            }
        }

        if (parser.SawOmitIfNoRef)
        {
            OmitUnreferenced(root);
        }

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
            for (int i = node.ChildCount - 1; i >= 0; i--)
            {
                if (!node.ChildAt(i).Deleted)
                {
                    stack.Push(node.ChildAt(i));
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
            // Paths cost O(depth) each, so they are built only for nodes that carry labels, and once per node.
            string? path = null;
            foreach (string label in node.Labels ?? NoLabels)
            {
                Claim(owners, label, path ??= node.Path, node.Location);
            }

            foreach (ref DtsSourceProperty property in node.Properties)
            {
                if (property.Deleted)
                {
                    continue;
                }

                string? owner = null;
                foreach (string label in property.Labels ?? NoLabels)
                {
                    Claim(owners, label, owner ??= (path ??= node.Path) + ":" + property.Name, property.Location);
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
                int explicitAt = node.FindLiveProperty("phandle");
                throw node.PropertyAt(explicitAt >= 0 ? explicitAt : node.FindLiveProperty("linux,phandle")).Location
                    .Error(FormattableString.Invariant($"Duplicated phandle 0x{phandle:x} on {node.Path} (seen before at {other.Path})."));
            }

            phandles.Add(phandle, node);
            node.Phandle = phandle;
        }
    }

    private static uint? ReadExplicit(DtsSourceNode node, string name)
    {
        int index = node.FindLiveProperty(name);
        if (index < 0 || node.PropertyAt(index).References is not null)
        {
            // A phandle written as a reference to the node itself gets its number like any other reference.
            return null;
        }

        ref DtsSourceProperty property = ref node.PropertyAt(index);
        ReadOnlySpan<byte> bytes = property.Value.Span;
        if (bytes.Length != 4)
        {
            throw property.Location.Error(FormattableString.Invariant($"Bad length ({bytes.Length}) of the '{name}' property of {node.Path}: a phandle is one cell."));
        }

        uint value = (uint)((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
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
            // By index: a reference to the node itself appends its new phandle property to this list (which may
            // move the array, so the property's fields are copied out first; the value's bytes do not move).
            for (int i = 0; i < node.PropertyCount; i++)
            {
                ref DtsSourceProperty property = ref node.PropertyAt(i);
                if (property.Deleted || property.References is null)
                {
                    continue;
                }

                List<DtsValueReference> references = property.References;
                Memory<byte> value = property.Value;
                foreach (DtsValueReference reference in references)
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
                        if (target.FindLiveProperty("phandle") < 0)
                        {
                            byte[] cell = BigEndian(next);
                            int deleted = target.FindProperty("phandle");
                            if (deleted >= 0)
                            {
                                ref DtsSourceProperty revived = ref target.PropertyAt(deleted);
                                revived.Deleted = false;
                                revived.Value = cell;
                                revived.References = null;
                            }
                            else
                            {
                                target.PropertyAt(target.AddProperty("phandle", target.Location)).Value = cell;
                            }
                        }
                    }

                    BinaryPrimitives.WriteUInt32BigEndian(value.Span.Slice(reference.Offset, 4), target.Phandle);
                }
            }
        }
    }

    private static void ResolvePathReferences(DtsParser parser, List<DtsSourceNode> nodes)
    {
        foreach (DtsSourceNode node in nodes)
        {
            foreach (ref DtsSourceProperty property in node.Properties)
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

                ReadOnlySpan<byte> old = property.Value.Span;
                var value = new List<byte>(old.Length + 32);
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
                        value.Add(old[copied]);
                    }

                    value.AddRange(EscapedUtf8.Encode(target.Path));
                    value.Add(0);
                }

                for (; copied < old.Length; copied++)
                {
                    value.Add(old[copied]);
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

            for (int i = 0; i < node.ChildCount; i++)
            {
                DtsSourceNode child = node.ChildAt(i);
                if (!child.Deleted)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>
    /// Builds the immutable nodes bottom-up with an explicit post-order stack. Finished children wait on one shared
    /// list until their parent is made, so no list is allocated per node.
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
            live = 0;
            foreach (ref DtsSourceProperty p in sourceProperties)
            {
                if (!p.Deleted)
                {
                    properties[live++] = new DeviceTreeProperty(p.Name, p.Value, trusted: true);
                }
            }

            int builtCount = built.Count - firstBuilt;
            DeviceTreeNode[] children = builtCount == 0 ? Array.Empty<DeviceTreeNode>() : new DeviceTreeNode[builtCount];
            if (builtCount > 0)
            {
                built.CopyTo(firstBuilt, children, 0, builtCount);
                built.RemoveRange(firstBuilt, builtCount);
            }

            var made = new DeviceTreeNode(node.Name, properties, children, validate: false);
            if (stack.Count == 0)
            {
                return made;
            }

            built.Add(made);
        }
    }

    private static byte[] BigEndian(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
