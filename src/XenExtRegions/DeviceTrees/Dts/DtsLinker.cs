using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Turns the parser's mutable tree into the immutable model the way dtc's checks do, in dtc's order: duplicate
/// labels, explicit phandles, phandle references (assigning new phandles 1, 2, 3… in document order of the
/// references, skipping numbers in use), path references, then removal of unreferenced <c>/omit-if-no-ref/</c> nodes;
/// then, as dtc does after its checks, <c>__symbols__</c> (with <see cref="DtsReaderOptions.GenerateSymbols"/>) and,
/// for an overlay, <c>__fixups__</c> and <c>__local_fixups__</c>. Every walk is iterative. Partial files: overlay
/// nodes, building the model.
/// </summary>
internal static partial class DtsLinker
{
    /// <summary>Iterated in place of a missing label list (never changed).</summary>
    private static readonly List<string> NoLabels = new(0);

    /// <summary>Ends the owner of a label that no other use may share (a label inside a value); never in a path.</summary>
    private const string UniqueOwner = "\0";

    public static DeviceTree Link(DtsParser parser)
    {
        DtsSourceNode root = parser.Root;
        DtsReaderOptions options = parser.Options;

        // dtc guesses the boot CPU when parsing ends, before references are resolved or nodes omitted.
        uint bootCpu = options.BootCpuIdPhys ?? GuessBootCpuId(root);
        var phandles = new Dictionary<uint, DtsSourceNode>();
        var allocator = new PhandleAllocator(phandles);

        // Each pass is skipped when the parser saw nothing it acts on (a pass over such a tree changes nothing and
        // throws nothing), which is the common case of generated and flattened sources.
        if (parser.SawLabels || parser.SawPhandleProperty || parser.SawReferences)
        {
            List<DtsSourceNode> nodes = LiveNodesPreOrder(root);
            if (parser.SawLabels)
            {
                CheckDuplicateLabels(nodes);
            }

            if (parser.SawPhandleProperty)
            {
                AssignExplicitPhandles(nodes, phandles);
            }

            if (parser.SawReferences)
            {
                ResolvePhandleReferences(parser, nodes, allocator);
                ResolvePathReferences(parser, nodes);
            }
        }

        if (parser.SawOmitIfNoRef)
        {
            OmitUnreferenced(parser, root, phandles, options.GenerateSymbols);
        }

        if (options.GenerateSymbols && parser.SawLabels)
        {
            AddSymbols(root, allocator);
        }

        if (parser.IsPlugin && parser.SawReferences)
        {
            AddFixups(parser, root);
        }

        return new DeviceTree(Build(root), parser.Reservations, bootCpu);
    }

    /// <summary>
    /// dtc's guess_boot_cpuid: the <c>reg</c> of the first child of <c>/cpus</c> (the first written, even one deleted
    /// since) when it is one cell, else 0.
    /// </summary>
    private static uint GuessBootCpuId(DtsSourceNode root)
    {
        if (root.FindChild("cpus") is not { Deleted: false } cpus || cpus.ChildCount == 0)
        {
            return 0;
        }

        DtsSourceNode first = cpus.ChildAt(0);
        int reg = first.FindLiveProperty("reg");
        if (reg < 0 || first.PropertyAt(reg).Value.Length != 4)
        {
            return 0;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(first.PropertyAt(reg).Value.Span);
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
            foreach (string label in node.Labels?.Live() ?? NoLabels)
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
                foreach (string label in property.Labels?.Live() ?? NoLabels)
                {
                    Claim(owners, label, owner ??= (path ??= node.Path) + ":" + property.Name, property.Location);
                }

                foreach (string label in property.ValueLabels ?? NoLabels)
                {
                    // Each label inside a value is its own place, as in dtc: two of them, or one that is also the
                    // property's label, clash.
                    Claim(owners, label, "the value of " + (owner ??= (path ??= node.Path) + ":" + property.Name) + UniqueOwner, property.Location);
                }
            }
        }
    }

    private static void Claim(Dictionary<string, string> owners, string label, string owner, DtsSourceLocation at)
    {
        if (owners.TryGetValue(label, out string? first))
        {
            if (!string.Equals(first, owner, StringComparison.Ordinal) || owner.EndsWith(UniqueOwner, StringComparison.Ordinal))
            {
                throw at.Error($"Duplicate label '{label}' on {owner.Replace(UniqueOwner, string.Empty)} and {first.Replace(UniqueOwner, string.Empty)}.");
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

    private static void ResolvePhandleReferences(DtsParser parser, List<DtsSourceNode> nodes, PhandleAllocator allocator)
    {
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

                    DtsSourceNode? target = parser.FindNodeByReference(reference.Target);
                    if (target is null && parser.IsPlugin)
                    {
                        // An overlay's reference to a label it does not define stays 0xffffffff and becomes a fixup.
                        continue;
                    }

                    target ??= Resolve(parser, reference);
                    target.Referenced = true;
                    BinaryPrimitives.WriteUInt32BigEndian(value.Span.Slice(reference.Offset, 4), allocator.PhandleOf(target));
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
                var shifted = new List<DtsValueReference>(property.References.Count);
                int copied = 0;
                foreach (DtsValueReference reference in property.References)
                {
                    // Later references move by what the paths before them insert, so fixups name the final offsets.
                    int offset = reference.Offset + (value.Count - copied);
                    shifted.Add(new DtsValueReference(offset, reference.Target, reference.IsPhandle, reference.Location));
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
                property.References = shifted;
            }
        }
    }

    private static DtsSourceNode Resolve(DtsParser parser, DtsValueReference reference) =>
        parser.FindNodeByReference(reference.Target)
        ?? throw reference.Location.Error(reference.Target.StartsWith("/", StringComparison.Ordinal)
            ? $"Reference to non-existent node '{reference.Target}'."
            : $"Reference to non-existent node or label '{reference.Target}'.");

    /// <summary>
    /// Deletes unreferenced /omit-if-no-ref/ nodes in pre-order, as dtc's omit_unused_nodes check: with their
    /// subtrees, labels and phandles, so the passes after it (symbols, fixups, new phandles) see the tree dtc sees.
    /// </summary>
    private static void OmitUnreferenced(DtsParser parser, DtsSourceNode root, Dictionary<uint, DtsSourceNode> phandles, bool generateSymbols)
    {
        var stack = new Stack<DtsSourceNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            DtsSourceNode node = stack.Pop();
            // As dtc: with -@ a labelled node stays, since an overlay may refer to it through __symbols__.
            if (node.OmitIfNoRef && !node.Referenced && node.Parent is not null && !(generateSymbols && node.Labels is not null))
            {
                parser.DeleteSubtree(node, gone =>
                {
                    if (gone.Phandle != 0 && phandles.TryGetValue(gone.Phandle, out DtsSourceNode? owner) && owner == gone)
                    {
                        phandles.Remove(gone.Phandle);
                    }
                });
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

    private static byte[] BigEndian(uint value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
