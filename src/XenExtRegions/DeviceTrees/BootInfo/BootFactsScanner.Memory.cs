using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary>Xen's <c>device_tree_get_meminfo</c> and the reserved-region overlap check.</summary>
public sealed partial class BootFactsScanner
{
    private Rc GetMemInfo(DeviceTreeNode node, string propertyName, uint ac, uint sc, ScanState state, MemoryBankKind kind, bool reserved)
    {
        if (Options.SkipDisabledNodes && !IsAvailable(node))
        {
            state.Report(BootScanDiagnosticId.DisabledNodeSkipped, LogLevel.Debug, node.Path,
                node.Path + ": status is not \"okay\"; " + propertyName + " ignored.");
            return Rc.Ok;
        }

        if (ac < 1 || sc < 1)
        {
            state.Report(BootScanDiagnosticId.InvalidCells, LogLevel.Error, node.Path,
                FormattableString.Invariant($"fdt: property `{propertyName}' of {node.Path}: invalid #address-cells ({ac}) or #size-cells ({sc})."));
            return Rc.Inval;
        }

        // The value in place: no property objects for the node (every reserved-memory child comes here).
        if (!node.TryGetValue(propertyName, out ReadOnlyMemory<byte> property))
        {
            return Rc.NoEnt;
        }

        List<MemoryBank> target = reserved ? state.Reserved : state.Ram;
        long tupleBytes = ((long)ac + sc) * 4;
        long banks = property.Length / tupleBytes;
        if (property.Length % tupleBytes != 0)
        {
            state.Report(BootScanDiagnosticId.TrailingPartialTuple, LogLevel.Warning, node.Path,
                FormattableString.Invariant($"{node.Path}: {propertyName} ends with {property.Length % tupleBytes} bytes that do not make a whole {ac}+{sc}-cell tuple; ignored."));
        }

        long i = 0;
        for (; i < banks && target.Count < Options.MaxMemoryBanks; i++)
        {
            ReadOnlySpan<byte> tuple = property.Span.Slice((int)(i * tupleBytes), (int)tupleBytes);
            ulong start = CellReader.ReadNumber(tuple.Slice(0, (int)ac * 4));
            ulong size = CellReader.ReadNumber(tuple.Slice((int)ac * 4));
            if (reserved && Options.RejectReservedOverlaps && Overlaps(node.Path, start, size, state, Options.AllowOverlapInsideMemoryReservation))
            {
                return Rc.Inval;
            }

            if (size == 0)
            {
                state.Report(BootScanDiagnosticId.EmptyBankIgnored, LogLevel.Information, node.Path,
                    FormattableString.Invariant($"{node.Path}: {propertyName} entry {i} at 0x{start:x} has size 0; ignored."));
                continue;
            }

            target.Add(new MemoryBank(start, size, kind, node.Path));
        }

        if (i < banks)
        {
            state.Report(reserved ? BootScanDiagnosticId.ReservedBankLimitReached : BootScanDiagnosticId.RamBankLimitReached, LogLevel.Warning, node.Path,
                FormattableString.Invariant($"Warning: Max number of supported memory regions reached ({Options.MaxMemoryBanks}); {node.Path} entry {i} and later are dropped."));
            return Rc.NoSpc;
        }

        return Rc.Ok;
    }

    /// <summary>
    /// Xen's <c>check_reserved_regions_overlap</c> over the reserved banks and (when separate) the static shared memory
    /// host banks; exclusive ends wrap as in Xen, and an INVALID_PADDR start is skipped. Containment in a
    /// <c>/memreserve/</c> bank is allowed only where Xen passes <c>allow_memreserve_overlap</c> (device_tree_get_meminfo,
    /// not static shared memory).
    /// </summary>
    private static bool Overlaps(string nodePath, ulong start, ulong size, ScanState state, bool allowInsideMemoryReservation)
    {
        ulong end = unchecked(start + size);
        if (Overlaps(nodePath, start, end, state.Reserved, state, allowInsideMemoryReservation)
            || Overlaps(nodePath, start, end, state.ShmHost, state, allowInsideMemoryReservation))
        {
            return true;
        }

        return false;
    }

    private static bool Overlaps(string nodePath, ulong start, ulong end, List<MemoryBank> banks, ScanState state, bool allowInsideMemoryReservation)
    {
        for (int i = 0; i < banks.Count; i++)
        {
            MemoryBank bank = banks[i];
            ulong bankEnd = unchecked(bank.Start + bank.Size);
            if (bank.Start == StaticSharedMemoryBank.InvalidAddress || end <= bank.Start || start >= bankEnd)
            {
                continue;
            }

            if (allowInsideMemoryReservation && bank.Kind == MemoryBankKind.MemoryReservation && start >= bank.Start && end <= bankEnd)
            {
                continue;
            }

            state.Report(BootScanDiagnosticId.ReservedOverlap, LogLevel.Error, nodePath,
                FormattableString.Invariant($"Region: [0x{start:x}, 0x{end:x}) of {nodePath} overlapping with bank[{i}]: [0x{bank.Start:x}, 0x{bankEnd:x}) from {bank.Source}."));
            return true;
        }

        return false;
    }
}
