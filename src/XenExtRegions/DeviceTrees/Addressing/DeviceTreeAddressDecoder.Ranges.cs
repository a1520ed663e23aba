using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>Bus apertures: Xen's <c>dt_for_each_range</c>.</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>
    /// Decodes the node's <c>ranges</c> as Xen's <c>dt_for_each_range</c> does: the node's own bus decides the child
    /// cells (PCI → 3/2), the parent's bus the parent cells; each CPU address is translated from the node's parent
    /// upward, and an untranslatable one is passed on as <see cref="BadAddress"/> with <see cref="PciRange.Failure"/> set.
    /// </summary>
    /// <param name="node">The bridge node.</param>
    /// <param name="ranges">The ranges (empty for an empty <c>ranges</c> or a node that is not a bus).</param>
    /// <param name="error">Why the property cannot be enumerated, on failure.</param>
    /// <param name="diagnostics">Receives notes; may be null.</param>
    /// <returns>False when Xen's enumeration fails (-EINVAL): no <c>ranges</c>, bad cell counts, parent not a bus, root node.</returns>
    public bool TryGetRanges(DeviceTreeNode node, out IReadOnlyList<PciRange> ranges, out AddressTranslationError error, ICollection<AddressDiagnostic>? diagnostics = null)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        var list = new List<PciRange>();
        bool ok = TryEnumerateRanges(node, -1, new DiagnosticSink(_logger, diagnostics), list, out error);
        ranges = list;
        return ok;
    }

    /// <summary>Decodes the node's <c>ranges</c> (see <see cref="TryGetRanges"/>).</summary>
    /// <param name="node">The bridge node.</param>
    /// <returns>The ranges.</returns>
    /// <exception cref="DeviceTreeFormatException">The ranges cannot be enumerated.</exception>
    public IReadOnlyList<PciRange> GetRanges(DeviceTreeNode node)
    {
        if (!TryGetRanges(node, out IReadOnlyList<PciRange> ranges, out AddressTranslationError error))
        {
            throw new DeviceTreeFormatException(error.Message, null, error.NodePath, "ranges");
        }

        return ranges;
    }

    private bool TryEnumerateRanges(DeviceTreeNode dev, int depth, DiagnosticSink sink, List<PciRange> output, out AddressTranslationError error)
    {
        error = default;
        AddressBusKind bus = Bus(dev, sink, depth);
        if (bus == AddressBusKind.None)
        {
            return true;
        }

        DeviceTreeNode? parent = dev.Parent;
        if (parent is null)
        {
            error = RangesError(dev, AddressTranslationFailure.CannotEnumerateRanges, dev, "the root has no parent bus");
            return false;
        }

        if (!LookUpRanges(dev, sink, depth, out ReadOnlyMemory<byte> ranges))
        {
            error = RangesError(dev, AddressTranslationFailure.NoRanges, dev, "DT: no ranges; cannot enumerate");
            return false;
        }

        if (ranges.IsEmpty)
        {
            return true;
        }

        Counts(bus, dev, sink, depth, out int na, out int ns);
        if (!IsValidCounts(na, ns))
        {
            error = RangesError(dev, AddressTranslationFailure.BadCellCount, dev, "bad cell count for device (" + DescribeCells(dev, na, ns) + ")");
            return false;
        }

        AddressBusKind pbus = Bus(parent, sink, depth - 1);
        if (pbus == AddressBusKind.None)
        {
            error = RangesError(dev, AddressTranslationFailure.NotABus, parent, parent.Path + " is not a valid bus");
            return false;
        }

        Counts(pbus, dev, sink, depth, out int pna, out int pns);
        if (!IsValidCounts(pna, pns))
        {
            error = RangesError(dev, AddressTranslationFailure.BadCellCount, dev, "bad cell count for parent (" + DescribeCells(dev, pna, pns) + ")");
            return false;
        }

        ReadOnlySpan<byte> all = ranges.Span;
        long tupleCells = (long)na + pna + ns;
        long count = all.Length / 4 / tupleCells;
        if (all.Length % (tupleCells * 4) != 0)
        {
            sink.Report(AddressDiagnosticId.TrailingPartialTuple, LogLevel.Warning, dev.Path, (int)count,
                FormattableString.Invariant($"{dev.Path}: ranges is {all.Length} bytes, not a whole number of {na}+{pna}+{ns}-cell tuples; the trailing {all.Length % (tupleCells * 4)} bytes are ignored."));
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> tuple = all.Slice((int)(i * tupleCells * 4), (int)tupleCells * 4);
            ReadOnlySpan<byte> parentCells = tuple.Slice(na * 4, pna * 4);
            AddressTranslationFailure failure = TranslateCells(dev, depth, parentCells, sink, out ulong cpu, out DeviceTreeNode at, out string reason);
            if (failure != AddressTranslationFailure.None)
            {
                cpu = BadAddress;
                sink.Report(AddressDiagnosticId.PciRangeUntranslatable, LogLevel.Error, dev.Path, i,
                    FormattableString.Invariant($"{dev.Path}: ranges entry {i} (parent address 0x{CellReader.ReadNumber(parentCells):x}) cannot be translated ({reason}, at {at.Path}); Xen passes 0xffffffffffffffff on."));
            }

            uint physHigh = BinaryPrimitives.ReadUInt32BigEndian(tuple);
            ulong child = bus == AddressBusKind.Pci ? CellReader.ReadNumber(tuple.Slice(4, (na - 1) * 4)) : CellReader.ReadNumber(tuple.Slice(0, na * 4));
            ulong size = CellReader.ReadNumber(tuple.Slice((na + pna) * 4, ns * 4));
            output.Add(new PciRange(dev.Path, i, bus, physHigh, child, CellReader.ReadNumber(parentCells), cpu, size, failure));
        }

        return true;
    }

    private static AddressTranslationError RangesError(DeviceTreeNode dev, AddressTranslationFailure failure, DeviceTreeNode at, string reason) =>
        new(dev.Path, -1, AddressItemKind.PciRange, failure, at.Path, FormattableString.Invariant($"Cannot enumerate the ranges of {dev.Path}: {reason}."));
}
