using System;
using System.Buffers.Binary;

namespace XenExtRegions.DeviceTrees;

/// <summary>The upward walk through <c>ranges</c> (Xen's <c>__dt_translate_address</c>), cell for cell.</summary>
public sealed partial class DeviceTreeAddressDecoder
{
    private const uint PciFlagIo = 1;
    private const uint PciFlagMemory = 2;

    /// <summary>
    /// Translates the address cells <paramref name="input"/> of a tuple of <paramref name="dev"/> (its parent's bus
    /// decides how many cells are read). Returns the failure, or None with the low 64 bits of the final cells.
    /// <paramref name="depth"/> is <paramref name="dev"/>'s depth in the sink's walk frames (negative when not walking).
    /// </summary>
    private AddressTranslationFailure TranslateCells(DeviceTreeNode dev, int depth, ReadOnlySpan<byte> input, DiagnosticSink? sink, out ulong result, out DeviceTreeNode at, out string reason)
    {
        result = BadAddress;
        at = dev;
        reason = string.Empty;
        DeviceTreeNode? parent = dev.Parent;
        if (parent is null)
        {
            reason = "the root has no parent bus";
            return AddressTranslationFailure.NoSuchEntry;
        }

        AddressBusKind bus = Bus(parent, sink, depth - 1);
        if (bus == AddressBusKind.None)
        {
            at = parent;
            reason = FormattableString.Invariant($"{parent.Path} is not a valid bus");
            return AddressTranslationFailure.NotABus;
        }

        Counts(bus, dev, sink, depth, out int na, out int ns);
        if (!IsValidCounts(na, ns) || input.Length < na * 4)
        {
            reason = FormattableString.Invariant($"bad cell count for {dev.Path} ({DescribeCells(dev, na, ns)})");
            return AddressTranslationFailure.BadCellCount;
        }

        // Xen copies the address into a DT_MAX_ADDR_CELLS buffer and rewrites it level by level.
        Span<uint> addr = stackalloc uint[MaxAddressCells];
        for (int i = 0; i < na; i++)
        {
            addr[i] = BinaryPrimitives.ReadUInt32BigEndian(input.Slice(i * 4, 4));
        }

        while (true)
        {
            dev = parent;
            depth--;
            parent = dev.Parent;
            if (parent is null)
            {
                result = ReadBuffer(addr, 0, na);
                return AddressTranslationFailure.None;
            }

            AddressBusKind pbus = Bus(parent, sink, depth - 1);
            if (pbus == AddressBusKind.None)
            {
                at = parent;
                reason = FormattableString.Invariant($"{parent.Path} is not a valid bus");
                return AddressTranslationFailure.NotABus;
            }

            Counts(pbus, dev, sink, depth, out int pna, out int pns);
            if (!IsValidCounts(pna, pns))
            {
                at = dev;
                reason = FormattableString.Invariant($"bad cell count for parent of {dev.Path} ({DescribeCells(dev, pna, pns)})");
                return AddressTranslationFailure.BadCellCount;
            }

            if (!LookUpRanges(dev, sink, depth, out ReadOnlyMemory<byte> ranges))
            {
                at = dev;
                reason = FormattableString.Invariant($"{dev.Path} has no ranges; cannot translate");
                return AddressTranslationFailure.NoRanges;
            }

            ulong offset;
            if (ranges.IsEmpty)
            {
                // Empty ranges: identity; the parent cells restart from zero plus the offset.
                offset = ReadBuffer(addr, 0, na);
                addr.Slice(0, pna).Clear();
            }
            else
            {
                ReadOnlySpan<byte> all = ranges.Span;
                long tupleCells = (long)na + pna + ns;
                long remaining = all.Length / 4;
                int position = 0;
                offset = BadAddress;
                for (; remaining >= tupleCells; remaining -= tupleCells, position += (int)tupleCells)
                {
                    offset = Map(bus, addr, all.Slice(position * 4, (int)tupleCells * 4), na, ns, pna);
                    if (offset != BadAddress)
                    {
                        break;
                    }
                }

                if (offset == BadAddress)
                {
                    at = dev;
                    reason = FormattableString.Invariant($"no ranges entry of {dev.Path} contains 0x{ReadBuffer(addr, 0, na):x}");
                    return AddressTranslationFailure.NoMatchingRange;
                }

                ReadOnlySpan<byte> parentCells = all.Slice((position + na) * 4, pna * 4);
                for (int i = 0; i < pna; i++)
                {
                    addr[i] = BinaryPrimitives.ReadUInt32BigEndian(parentCells.Slice(i * 4, 4));
                }
            }

            if (pbus == AddressBusKind.Pci)
            {
                AddOffset(addr.Slice(1), offset, pna - 1);
            }
            else
            {
                AddOffset(addr, offset, pna);
            }

            na = pna;
            ns = pns;
            bus = pbus;
        }
    }

    /// <summary>The bus's <c>map</c>: the offset of the address in one <c>ranges</c> tuple, or all ones.</summary>
    private static ulong Map(AddressBusKind bus, Span<uint> addr, ReadOnlySpan<byte> tuple, int na, int ns, int pna)
    {
        ulong cp, da;
        ulong s = CellReader.ReadNumber(tuple.Slice((na + pna) * 4, ns * 4));
        if (bus == AddressBusKind.Pci)
        {
            // Only the I/O-vs-memory class must agree; prefetchable and 32/64-bit do not matter.
            uint af = PciFlags(addr[0]);
            uint rf = PciFlags(BinaryPrimitives.ReadUInt32BigEndian(tuple));
            if (((af ^ rf) & (PciFlagIo | PciFlagMemory)) != 0)
            {
                return BadAddress;
            }

            cp = CellReader.ReadNumber(tuple.Slice(4, (na - 1) * 4));
            da = ReadBuffer(addr, 1, na - 1);
        }
        else
        {
            cp = CellReader.ReadNumber(tuple.Slice(0, na * 4));
            da = ReadBuffer(addr, 0, na);

            // More than two cells: an identifier that must match exactly, every cell.
            if (na > 2)
            {
                for (int i = 0; i < na; i++)
                {
                    if (BinaryPrimitives.ReadUInt32BigEndian(tuple.Slice(i * 4, 4)) != addr[i])
                    {
                        return BadAddress;
                    }
                }
            }
        }

        // Xen's containment test: start only, 64-bit wrapping end.
        if (da < cp || da >= unchecked(cp + s))
        {
            return BadAddress;
        }

        return da - cp;
    }

    private static uint PciFlags(uint physHigh) => ((physHigh >> 24) & 3) switch
    {
        1 => PciFlagIo,
        2 or 3 => PciFlagMemory,
        _ => 0,
    };

    /// <summary>The default bus's <c>translate</c>: value + offset written into the low two of <paramref name="count"/> cells.</summary>
    private static void AddOffset(Span<uint> addr, ulong offset, int count)
    {
        ulong value = unchecked(ReadBuffer(addr, 0, count) + offset);
        addr.Slice(0, count).Clear();
        if (count > 1)
        {
            addr[count - 2] = (uint)(value >> 32);
        }

        addr[count - 1] = unchecked((uint)value);
    }

    private static ulong ReadBuffer(Span<uint> addr, int first, int count)
    {
        ulong value = 0;
        for (int i = first; i < first + count; i++)
        {
            value = (value << 32) | addr[i];
        }

        return value;
    }
}
