using System;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace XenExtRegions.DeviceTrees;

/// <summary>Locating and reading a node's address tuples (Xen's <c>dt_number_of_address</c> / <c>dt_get_address</c>).</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>Where a node's tuples are: the property, the bus, the counts.</summary>
    private readonly struct AddressLayout
    {
        public AddressLayout(string propertyName, ReadOnlyMemory<byte> value, AddressBusKind bus, int na, int ns)
        {
            PropertyName = propertyName;
            Value = value;
            Bus = bus;
            Na = na;
            Ns = ns;
            Count = (int)(value.Length / 4 / ((long)na + ns));
        }

        public string PropertyName { get; }

        public ReadOnlyMemory<byte> Value { get; }

        public AddressBusKind Bus { get; }

        public int Na { get; }

        public int Ns { get; }

        public int Count { get; }

        public ReadOnlySpan<byte> AddressCells(int index) => Value.Span.Slice(checked(index * (Na + Ns) * 4), Na * 4);

        public ReadOnlySpan<byte> SizeCells(int index) => Value.Span.Slice(checked(((index * (Na + Ns)) + Na) * 4), Ns * 4);

        public RegEntry Entry(int index, DiagnosticSink? sink, DeviceTreeNode node)
        {
            ReadOnlySpan<byte> address = AddressCells(index);
            ReadOnlySpan<byte> size = SizeCells(index);
            bool truncated = !CellReader.TryReadExactNumber(size, out _);
            if (truncated && sink?.Wants(LogLevel.Warning) == true)
            {
                sink?.Report(AddressDiagnosticId.SizeTruncated, LogLevel.Warning, node.Path, index,
                    FormattableString.Invariant($"{node.Path}: the size of {PropertyName} entry {index} has non-zero bits above 64; only the low 64 bits are kept, as Xen does."));
            }

            return new RegEntry(index, Bus, Na, Ns, BinaryPrimitives.ReadUInt32BigEndian(address), CellReader.ReadNumber(address), CellReader.ReadNumber(size), truncated);
        }
    }

    /// <summary>
    /// Finds the node's tuples as Xen does: parent bus, counts valid, the bus's property present. False means "Xen sees
    /// no address" (reported to <paramref name="sink"/> when it is noteworthy).
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="depth">Its depth in the sink's walk frames, or -1.</param>
    /// <param name="sink">Where notes go; null for none.</param>
    /// <param name="layout">The tuples' layout, when found.</param>
    private bool TryLocateAddresses(DeviceTreeNode node, int depth, DiagnosticSink? sink, out AddressLayout layout)
    {
        layout = default;
        DeviceTreeNode? parent = node.Parent;
        if (parent is null)
        {
            if (sink?.Wants(LogLevel.Debug) == true && node.HasValue("reg"))
            {
                sink.Report(AddressDiagnosticId.RootReg, LogLevel.Debug, node.Path, -1,
                    "/: reg ignored because the root has no parent bus; Xen reads no address for the root.");
            }

            return false;
        }

        AddressBusKind bus = Bus(parent, sink, depth - 1);
        if (bus == AddressBusKind.None)
        {
            if (sink?.Wants(LogLevel.Debug) == true && node.HasValue("reg"))
            {
                sink.Report(AddressDiagnosticId.NotOnABus, LogLevel.Debug, node.Path, -1,
                    FormattableString.Invariant($"{node.Path}: reg ignored because {parent.Path} is not a bus (no ranges, not PCI, not the root)."));
            }

            return false;
        }

        Counts(bus, node, sink, depth, out int na, out int ns);
        string propertyName = bus == AddressBusKind.Pci ? "assigned-addresses" : "reg";
        bool found = node.TryGetValue(propertyName, out ReadOnlyMemory<byte> value);
        if (!IsValidCounts(na, ns))
        {
            if (found && sink?.Wants(LogLevel.Warning) == true)
            {
                sink.Report(AddressDiagnosticId.InvalidCellCountNoAddresses, LogLevel.Warning, node.Path, -1,
                    FormattableString.Invariant($"{node.Path}: {propertyName} ignored because {DescribeCells(node, na, ns)} is not a valid address layout; Xen sees no address."));
            }

            return false;
        }

        if (!found)
        {
            if (bus == AddressBusKind.Pci && sink?.Wants(LogLevel.Debug) == true && node.HasValue("reg"))
            {
                sink.Report(AddressDiagnosticId.RegUnderPciBus, LogLevel.Debug, node.Path, -1,
                    FormattableString.Invariant($"{node.Path}: reg holds PCI configuration-space addresses of bus {parent.Path}; Xen takes CPU addresses from assigned-addresses, which the node lacks."));
            }

            return false;
        }

        layout = new AddressLayout(propertyName, value, bus, na, ns);
        if (value.Length == 0 && sink?.Wants(LogLevel.Debug) == true)
        {
            sink.Report(AddressDiagnosticId.EmptyAddressProperty, LogLevel.Debug, node.Path, -1,
                FormattableString.Invariant($"{node.Path}: {propertyName} is empty, so it holds no address."));
        }

        if (value.Length % ((na + ns) * 4) != 0 && sink?.Wants(LogLevel.Warning) == true)
        {
            sink.Report(AddressDiagnosticId.TrailingPartialTuple, LogLevel.Warning, node.Path, layout.Count,
                FormattableString.Invariant($"{node.Path}: {propertyName} is {value.Length} bytes, not a whole number of {na}+{ns}-cell tuples; the trailing {value.Length % ((na + ns) * 4)} bytes are ignored."));
        }

        return true;
    }

    private bool TryTranslateEntry(DeviceTreeNode node, AddressLayout layout, int index, DiagnosticSink sink, out TranslatedAddress address, out AddressTranslationError error)
    {
        if (!TryTranslateToCpu(node, -1, layout, index, sink, out ulong cpu, out error))
        {
            address = default;
            return false;
        }

        RegEntry entry = layout.Entry(index, null, node);
        address = new TranslatedAddress(node.Path, index, entry.Address, cpu, entry.Size);
        return true;
    }

    /// <summary>Translates one tuple to its CPU address only (no path string: the whole-tree walk calls this for every entry).</summary>
    private bool TryTranslateToCpu(DeviceTreeNode node, int depth, AddressLayout layout, int index, DiagnosticSink sink, out ulong address, out AddressTranslationError error)
    {
        AddressTranslationFailure failure = TranslateCells(node, depth, layout.AddressCells(index), sink, out ulong cpu, out DeviceTreeNode at, out string reason);
        if (failure == AddressTranslationFailure.None && cpu == BadAddress)
        {
            failure = AddressTranslationFailure.BadAddressMarker;
            at = node;
            reason = "the translated address is 0xffffffffffffffff, Xen's failure marker";
        }

        if (failure != AddressTranslationFailure.None)
        {
            address = 0;
            error = new AddressTranslationError(node.Path, index, AddressItemKind.Reg, failure, at.Path,
                FormattableString.Invariant($"Unable to retrieve address {index} for {node.Path}: {reason}."));
            sink.UnableToRetrieve(error);
            return false;
        }

        address = cpu;
        error = default;
        return true;
    }
}
