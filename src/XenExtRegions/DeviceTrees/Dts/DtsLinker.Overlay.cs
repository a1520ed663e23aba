using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The nodes dtc adds after its checks: <c>__symbols__</c> (dtc's <c>-@</c>), and for an overlay <c>__fixups__</c>
/// and <c>__local_fixups__</c>, each appended to the root (or extended when the source has it), each made only when it
/// would not be empty.
/// </summary>
internal static partial class DtsLinker
{
    /// <summary>
    /// <c>__symbols__</c>: a property per node label, in document order and dtc's label order, holding the node's path
    /// (a label already listed keeps its first value, as dtc keeps it with a warning). Every labelled node gets a
    /// phandle, numbered after those references took, so that overlays can point at it.
    /// </summary>
    private static void AddSymbols(DtsSourceNode root, PhandleAllocator allocator)
    {
        List<DtsSourceNode> nodes = LiveNodesPreOrder(root);
        bool any = false;
        foreach (DtsSourceNode node in nodes)
        {
            any |= node.Labels is not null;
        }

        if (!any)
        {
            return;
        }

        var generated = new GeneratedValues();
        DtsSourceNode symbols = GetOrAddGenerated(root, "__symbols__");
        var paths = new NodePaths();
        foreach (DtsSourceNode node in nodes)
        {
            if (node.Labels is null)
            {
                continue;
            }

            foreach (string label in node.Labels.ToDtcOrder() ?? Array.Empty<string>())
            {
                if (symbols.FindLiveProperty(label) < 0 && !generated.Has(symbols, label))
                {
                    generated.Append(symbols, label, paths.Of(node), terminate: true);
                }
            }

            // As dtc: a node that ever took a label gets a phandle, even when the labels died with a deletion it
            // was revived from.
            allocator.PhandleOf(node);
        }

        generated.Store();
    }

    /// <summary>
    /// <c>__fixups__</c>: per label the overlay references but does not define, "path:property:offset" of each cell
    /// to patch; <c>__local_fixups__</c>: the same tree shape as the overlay, a property per property that holds
    /// phandles of the overlay's own nodes, listing their offsets. Both in document order, as dtc writes them.
    /// </summary>
    private static void AddFixups(DtsParser parser, DtsSourceNode root)
    {
        var unresolved = new List<(DtsSourceNode Node, int Property, DtsValueReference Reference)>();
        var resolved = new List<(DtsSourceNode Node, int Property, DtsValueReference Reference)>();
        foreach (DtsSourceNode node in LiveNodesPreOrder(root))
        {
            for (int i = 0; i < node.PropertyCount; i++)
            {
                ref DtsSourceProperty property = ref node.PropertyAt(i);
                if (property.Deleted || property.References is null)
                {
                    continue;
                }

                foreach (DtsValueReference reference in property.References)
                {
                    if (reference.IsPhandle)
                    {
                        (parser.FindNodeByReference(reference.Target) is null ? unresolved : resolved).Add((node, i, reference));
                    }
                }
            }
        }

        var paths = new NodePaths();
        if (unresolved.Count > 0)
        {
            var generated = new GeneratedValues();
            DtsSourceNode fixups = GetOrAddGenerated(root, "__fixups__");
            foreach ((DtsSourceNode node, int index, DtsValueReference reference) in unresolved)
            {
                string path = paths.Of(node);
                string name = node.PropertyAt(index).Name;
                if (path.IndexOf(':') >= 0 || name.IndexOf(':') >= 0)
                {
                    throw reference.Location.Error($"Cannot record the fixup for '&{reference.Target}' in {path}:{name}: a fixup is \"path:property:offset\", so neither may contain ':'.");
                }

                generated.Append(fixups, reference.Target, FormattableString.Invariant($"{path}:{name}:{reference.Offset}"), terminate: true);
            }

            generated.Store();
        }

        if (resolved.Count > 0)
        {
            var generated = new GeneratedValues();
            DtsSourceNode local = GetOrAddGenerated(root, "__local_fixups__");
            var mirror = new Dictionary<DtsSourceNode, DtsSourceNode> { [root] = local };
            foreach ((DtsSourceNode node, int index, DtsValueReference reference) in resolved)
            {
                generated.AppendCell(MirrorOf(node, mirror), node.PropertyAt(index).Name, (uint)reference.Offset);
            }

            generated.Store();
        }
    }

    /// <summary>The node of <c>__local_fixups__</c> at the same relative path as <paramref name="node"/>, made on first use.</summary>
    private static DtsSourceNode MirrorOf(DtsSourceNode node, Dictionary<DtsSourceNode, DtsSourceNode> mirror)
    {
        var missing = new Stack<DtsSourceNode>();
        DtsSourceNode? at = node;
        DtsSourceNode? found;
        while (!mirror.TryGetValue(at!, out found))
        {
            missing.Push(at!);
            at = at!.Parent;
        }

        while (missing.Count > 0)
        {
            DtsSourceNode source = missing.Pop();
            found = GetOrAddGenerated(found, source.Name);
            mirror.Add(source, found);
        }

        return found;
    }

    /// <summary>The live child called <paramref name="name"/>, or a new last child (dtc's get_subnode, else build_and_name_child_node).</summary>
    private static DtsSourceNode GetOrAddGenerated(DtsSourceNode parent, string name)
    {
        if (parent.FindChild(name) is { Deleted: false } existing)
        {
            return existing;
        }

        var child = new DtsSourceNode(name, parent, parent.Location) { Depth = parent.Depth + 1 };
        parent.AddChild(child);
        return child;
    }

    /// <summary>
    /// Hands out phandles as dtc's get_node_phandle: a node keeps the one it has; else it takes the lowest number from
    /// where the last one was taken that no node holds, and gets a <c>phandle</c> property for it.
    /// </summary>
    private sealed class PhandleAllocator
    {
        private readonly Dictionary<uint, DtsSourceNode> _phandles;
        private uint _next = 1;

        public PhandleAllocator(Dictionary<uint, DtsSourceNode> phandles) => _phandles = phandles;

        public uint PhandleOf(DtsSourceNode target)
        {
            if (target.Phandle != 0)
            {
                return target.Phandle;
            }

            while (_phandles.ContainsKey(_next))
            {
                _next++;
            }

            target.Phandle = _next;
            _phandles.Add(_next, target);
            if (target.FindLiveProperty("phandle") < 0)
            {
                byte[] cell = BigEndian(_next);
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

            return _next;
        }
    }

    /// <summary>Node paths, each built once from its parent's (O(1) per node however deep).</summary>
    private sealed class NodePaths
    {
        private readonly Dictionary<DtsSourceNode, string> _paths = new();

        public string Of(DtsSourceNode node)
        {
            // Up to the nearest node with a known path, then down again: no recursion per level.
            var pending = new Stack<DtsSourceNode>();
            string path = "/";
            for (DtsSourceNode? n = node; n?.Parent is not null; n = n.Parent)
            {
                if (_paths.TryGetValue(n, out string? known))
                {
                    path = known;
                    break;
                }

                pending.Push(n);
            }

            while (pending.Count > 0)
            {
                DtsSourceNode n = pending.Pop();
                path = (path.Length == 1 ? "/" : path + "/") + n.Name;
                _paths.Add(n, path);
            }

            return path;
        }
    }

    /// <summary>
    /// Values of generated properties, grown by appending (dtc's append_to_property) and stored once at the end. A
    /// property is placed when first appended to; one the source already had is appended to.
    /// </summary>
    private sealed class GeneratedValues
    {
        private readonly Dictionary<(DtsSourceNode Node, string Name), List<byte>> _values = new();
        private readonly List<(DtsSourceNode Node, string Name)> _order = new();

        public bool Has(DtsSourceNode node, string name) => _values.ContainsKey((node, name));

        public void Append(DtsSourceNode node, string name, string text, bool terminate)
        {
            List<byte> bytes = Open(node, name);
            bytes.AddRange(EscapedUtf8.Encode(text));
            if (terminate)
            {
                bytes.Add(0);
            }
        }

        public void AppendCell(DtsSourceNode node, string name, uint cell) => Open(node, name).AddRange(BigEndian(cell));

        public void Store()
        {
            foreach ((DtsSourceNode node, string name) in _order)
            {
                int index = node.FindLiveProperty(name);
                if (index < 0)
                {
                    index = node.FindProperty(name);
                    index = index >= 0 ? index : node.AddProperty(name, node.Location);
                }

                ref DtsSourceProperty property = ref node.PropertyAt(index);
                property.Deleted = false;
                property.References = null;
                property.Value = _values[(node, name)].ToArray();
            }
        }

        private List<byte> Open(DtsSourceNode node, string name)
        {
            if (!_values.TryGetValue((node, name), out List<byte>? bytes))
            {
                bytes = new List<byte>();
                int existing = node.FindLiveProperty(name);
                if (existing >= 0)
                {
                    bytes.AddRange(node.PropertyAt(existing).Value.ToArray());
                }
                else
                {
                    // Take the place now, so properties keep the order of first use.
                    int deleted = node.FindProperty(name);
                    if (deleted < 0)
                    {
                        node.AddProperty(name, node.Location);
                    }
                }

                _values.Add((node, name), bytes);
                _order.Add((node, name));
            }

            return bytes;
        }
    }
}
