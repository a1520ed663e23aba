using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>The node walk of Xen's <c>find_memory_holes</c> and the per-node item builder.</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>
    /// Every address of the tree as Xen's P2 producer walks it: every node in document order (disabled ones,
    /// <c>/chosen</c>, <c>/memory</c>, CPUs… included); each address tuple translated or failed; then, for a node whose
    /// <c>device_type</c> is "pci" compared case-insensitively (as P2 does; "pciex" is not matched) and which has a
    /// <c>ranges</c> property, every range.
    /// </summary>
    /// <param name="tree">The tree.</param>
    /// <returns>The items, failures and diagnostics.</returns>
    /// <remarks>
    /// A node whose <c>device_type</c> is "PCI" in another case is selected by P2 but parsed by Xen's
    /// case-sensitive bus matcher as a default bus (child cells from its parent). We reproduce that, because the engine
    /// must match Xen bit for bit, and report <see cref="AddressDiagnosticId.PciDeviceTypeCaseMismatch"/>.
    /// Untranslatable PCI ranges are items with the all-ones address and an Error-level diagnostic, not entries of
    /// <see cref="AddressEnumeration.Errors"/>: Xen 4.18+ fails on them (-ERANGE), 4.16–4.17 does not.
    /// </remarks>
    public AddressEnumeration EnumerateAddresses(DeviceTree tree) => EnumerateAddresses(tree, collectDiagnostics: true);

    /// <summary>As <see cref="EnumerateAddresses(DeviceTree)"/>; without <paramref name="collectDiagnostics"/> only the logger sees them (and messages are made only for it).</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="collectDiagnostics">Whether the result keeps the diagnostics.</param>
    /// <param name="items">An empty list to fill with the items (a caller's reusable one), or null for a new one.</param>
    internal AddressEnumeration EnumerateAddresses(DeviceTree tree, bool collectDiagnostics, List<AddressItem>? items = null)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        items ??= new List<AddressItem>();
        var errors = new List<AddressTranslationError>();
        var diagnostics = new List<AddressDiagnostic>();
        AncestorFrames frames = AncestorFrames.Take();
        var sink = new DiagnosticSink(_logger, collectDiagnostics ? diagnostics : null, frames);
        List<PciRange>? ranges = null;

        // Document order (as tree.Nodes gives it) with the path from the root kept in the frames: every lookup the
        // translation makes of an ancestor is then an array read.
        frames.Enter(0, NodeHandle.Of(tree.Root));
        AppendNodeItems(tree.Root, 0, sink, items, errors, ref ranges);
        bool quiet = !sink.WantsAny();
        int depth = 0;
        while (depth >= 0)
        {
            if (frames.NextChild(depth, out NodeHandle child))
            {
                depth++;
                frames.Enter(depth, child);

                // Without reg, assigned-addresses or device_type a node adds no item, only (when asked for)
                // diagnostics about its parent: a record that surely lacks all three is not made into an object.
                if (!quiet || child.MayHaveAny(ItemPropertyBits))
                {
                    AppendNodeItems(child.Node, depth, sink, items, errors, ref ranges);
                }
            }
            else
            {
                depth--;
            }
        }

        frames.Return();
        return new AddressEnumeration(items, errors, diagnostics);
    }

    /// <summary>One node's items: its address tuples, then, for a PCI host bridge, its ranges.</summary>
    private static readonly int ItemPropertyBits =
        PackedTreeStorage.KnownNameBit("reg") | PackedTreeStorage.KnownNameBit("assigned-addresses") | PackedTreeStorage.KnownNameBit("device_type");

    private void AppendNodeItems(DeviceTreeNode node, int depth, DiagnosticSink sink, List<AddressItem> items, List<AddressTranslationError> errors, ref List<PciRange>? ranges)
    {
        AppendRegItems(node, depth, sink, items, errors);

        if (!node.TryGetValue("device_type", out ReadOnlyMemory<byte> typeValue) || !XenNodeText.CStringEqualsIgnoreCase(typeValue.Span, "pci") || !LookUpRanges(node, sink, depth, out _))
        {
            return;
        }

        string type = XenNodeText.CString(node, "device_type")!;

        if (!string.Equals(type, "pci", StringComparison.Ordinal) && MatchBus(node, null) != AddressBusKind.Pci)
        {
            sink.Report(AddressDiagnosticId.PciDeviceTypeCaseMismatch, LogLevel.Warning, node.Path, -1,
                FormattableString.Invariant($"{node.Path}: device_type \"{type}\" selects the node as a PCI host bridge (case-insensitive), but Xen's bus matcher is case-sensitive, so its ranges are parsed with default-bus cell counts."));
        }

        ranges ??= new List<PciRange>();
        ranges.Clear();
        if (!TryEnumerateRanges(node, depth, sink, ranges, out AddressTranslationError error))
        {
            items.Add(new AddressItem(AddressItemKind.PciRange, node, -1, 0, BadAddress, 0, error, null));
            errors.Add(error);
            sink.Report(AddressDiagnosticId.CannotEnumerateRanges, LogLevel.Error, node.Path, -1, error.Message);
            return;
        }

        foreach (PciRange range in ranges)
        {
            items.Add(new AddressItem(AddressItemKind.PciRange, node, range.Index, range.ChildAddress, range.CpuAddress, range.Size, null, range));
        }
    }

    private void AppendRegItems(DeviceTreeNode node, int depth, DiagnosticSink sink, List<AddressItem> items, List<AddressTranslationError>? errors)
    {
        if (!TryLocateAddresses(node, depth, sink, out AddressLayout layout))
        {
            return;
        }

        for (int i = 0; i < layout.Count; i++)
        {
            RegEntry entry = layout.Entry(i, sink, node);
            if (entry.Size == 0 && sink.Wants(LogLevel.Warning))
            {
                sink.Report(AddressDiagnosticId.ZeroSize, LogLevel.Warning, node.Path, i,
                    FormattableString.Invariant($"{node.Path}: {layout.PropertyName} entry {i} has size 0 (Xen removes an inverted range there; a debug build asserts)."));
            }

            if (TryTranslateToCpu(node, depth, layout, i, sink, out ulong cpu, out AddressTranslationError error))
            {
                items.Add(new AddressItem(AddressItemKind.Reg, node, i, entry.Address, cpu, entry.Size, null, null));
                if (entry.Size != 0 && entry.Size - 1 > ulong.MaxValue - cpu && sink.Wants(LogLevel.Error))
                {
                    sink.Report(AddressDiagnosticId.AddressOverflow, LogLevel.Error, node.Path, i,
                        FormattableString.Invariant($"{node.Path}: entry {i} at 0x{cpu:x} size 0x{entry.Size:x} runs past 2^64 - 1 (Xen wraps the end to 0x{unchecked(cpu + entry.Size):x})."));
                }
            }
            else
            {
                items.Add(new AddressItem(AddressItemKind.Reg, node, i, entry.Address, BadAddress, entry.Size, error, null));
                errors?.Add(error);
            }
        }
    }
}
