using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary><c>/chosen</c>: boot modules, initrd, static heap, static memory, static shared memory, domain nodes.</summary>
public sealed partial class BootFactsScanner
{
    private static Rc MultibootModule(DeviceTreeNode node, uint ac, uint sc, ScanState state)
    {
        // Xen compares the first 7 characters of the path only.
        if (!node.Path.StartsWith("/chosen", StringComparison.Ordinal))
        {
            state.Report(BootScanDiagnosticId.ModuleOutsideChosen, LogLevel.Debug, node.Path, node.Path + ": multiboot module outside /chosen; ignored.");
            return Rc.Ok;
        }

        DeviceTreeProperty? reg = node.GetProperty("reg");
        if (reg is null || reg.Length < ((long)ac + sc) * 4 || ac + sc == 0)
        {
            state.Report(BootScanDiagnosticId.ModuleWithoutReg, LogLevel.Critical, node.Path,
                reg is null ? "node " + node.Name + " missing `reg' property (Xen panics)." : "fdt: node `" + node.Name + "': `reg` property length is too short (Xen panics).");
            return Rc.Panic;
        }

        ulong start = CellReader.ReadNumber(reg.Span.Slice(0, (int)ac * 4));
        ulong size = CellReader.ReadNumber(reg.Span.Slice((int)ac * 4, (int)sc * 4));
        BootModuleKind kind = ModuleKind(node);
        if (kind == BootModuleKind.Unknown)
        {
            // First unnamed module is the kernel, second the ramdisk (Xen would take an XSM policy by its magic, which
            // needs the module's bytes); later ones stay unknown.
            kind = state.KindGuess switch
            {
                0 => BootModuleKind.Kernel,
                1 => BootModuleKind.Ramdisk,
                _ => BootModuleKind.Unknown,
            };
            state.KindGuess++;
        }

        AddModule(state, new BootModule(kind, start, size, node.Path), node.Parent?.Path ?? "/");
        return Rc.Ok;
    }

    private static BootModuleKind ModuleKind(DeviceTreeNode node)
    {
        if (node.IsCompatible("xen,linux-zimage") || node.IsCompatible("multiboot,kernel"))
        {
            return BootModuleKind.Kernel;
        }

        if (node.IsCompatible("xen,linux-initrd") || node.IsCompatible("multiboot,ramdisk"))
        {
            return BootModuleKind.Ramdisk;
        }

        if (node.IsCompatible("xen,xsm-policy"))
        {
            return BootModuleKind.XsmPolicy;
        }

        return node.IsCompatible("multiboot,device-tree") ? BootModuleKind.GuestDeviceTree : BootModuleKind.Unknown;
    }

    /// <summary>Xen's <c>add_boot_module</c>: a module of the same kind and start is recorded once.</summary>
    private static void AddModule(ScanState state, BootModule module, string parentPath)
    {
        if (state.Modules.Any(m => m.Module.Kind == module.Kind && m.Module.Start == module.Start))
        {
            return;
        }

        state.Modules.Add((module, parentPath));
    }

    private Rc Chosen(DeviceTreeNode node, uint ac, uint sc, ScanState state)
    {
        if (Options.StaticHeapSupported && node.HasProperty("xen,static-heap"))
        {
            Rc rc = GetMemInfo(node, "xen,static-heap", ac, sc, state, MemoryBankKind.StaticHeap, reserved: true);
            if (rc != Rc.Ok)
            {
                return rc;
            }
        }

        DeviceTreeProperty? startProperty = node.GetProperty("linux,initrd-start");
        if (startProperty is null)
        {
            return Rc.Ok;
        }

        DeviceTreeProperty? endProperty = node.GetProperty("linux,initrd-end");
        if (startProperty.Length is not (4 or 8) || endProperty is null || endProperty.Length is not (4 or 8))
        {
            state.Report(BootScanDiagnosticId.InvalidInitrd, LogLevel.Error, node.Path,
                node.Path + ": linux,initrd-start/-end missing or not 4 or 8 bytes long.");
            return Rc.Inval;
        }

        ulong start = CellReader.ReadNumber(startProperty.Span);
        ulong end = CellReader.ReadNumber(endProperty.Span);
        if (start >= end)
        {
            state.Report(BootScanDiagnosticId.InvalidInitrd, LogLevel.Error, node.Path,
                FormattableString.Invariant($"linux,initrd limits invalid: 0x{start:x} >= 0x{end:x}."));
            return Rc.Inval;
        }

        AddModule(state, new BootModule(BootModuleKind.Ramdisk, start, end - start, node.Path), node.Path);
        return Rc.Ok;
    }

    private Rc StaticMemory(DeviceTreeNode node, uint ac, uint sc, ScanState state)
    {
        if (!node.HasProperty("xen,static-mem"))
        {
            return Rc.Ok;
        }

        if (!Options.StaticMemoryCompiledIn)
        {
            if (Options.RejectStaticMemoryWithoutConfig)
            {
                state.Report(BootScanDiagnosticId.StaticMemoryNotCompiledIn, LogLevel.Critical, node.Path, node.Path +
                    ": CONFIG_STATIC_MEMORY must be enabled for parsing xen,static-mem; the boot scan fails and Xen panics (\"Early FDT parsing failed\").");
                return Rc.Inval;
            }

            // Before master the banks are reserved, but the static-memory allocator is compiled out, so the domain is
            // built without them (nothing in a release build, an assertion from 4.20 in a debug build).
            state.Report(BootScanDiagnosticId.StaticMemoryNotCompiledIn, LogLevel.Warning, node.Path, node.Path +
                ": xen,static-mem in a Xen built without CONFIG_STATIC_MEMORY: the banks are reserved, but Xen cannot give them to the domain.");
        }

        if (Options.StaticMemoryUsesOwnCellProperties)
        {
            ac = GetU32(node, "#xen,static-mem-address-cells", 0);
            sc = GetU32(node, "#xen,static-mem-size-cells", 0);
        }

        return GetMemInfo(node, "xen,static-mem", ac, sc, state, MemoryBankKind.StaticMemory, reserved: true);
    }

    private Rc SharedMemory(DeviceTreeNode node, uint ac, uint sc, ScanState state)
    {
        if (!Options.StaticSharedMemorySupported)
        {
            state.Report(BootScanDiagnosticId.InvalidSharedMemory, LogLevel.Error, node.Path, "CONFIG_STATIC_SHM must be enabled for parsing static shared memory nodes.");
            return Rc.Inval;
        }

        string? shmId = XenNodeText.CString(node, "xen,shm-id");
        DeviceTreeProperty? property = node.GetProperty("xen,shared-mem");
        long withHost = ((2L * ac) + sc) * 4;
        long withoutHost = ((long)ac + sc) * 4;
        bool hostGiven = property is not null && property.Length == withHost;
        bool hostOmitted = property is not null && !Options.SharedMemoryHostBanksAreReserved && property.Length == withoutHost;
        if (string.IsNullOrEmpty(shmId) || ac < 1 || sc < 1 || !(hostGiven || hostOmitted))
        {
            state.Report(BootScanDiagnosticId.InvalidSharedMemory, LogLevel.Error, node.Path,
                node.Path + ": static shared memory needs xen,shm-id and xen,shared-mem = <[host] guest size> with the parent's cell sizes.");
            return Rc.Inval;
        }

        ReadOnlySpan<byte> cells = property!.Span;
        int a = (int)ac * 4;
        ulong host = hostGiven ? CellReader.ReadNumber(cells.Slice(0, a)) : StaticSharedMemoryBank.InvalidAddress;
        int guestAt = hostGiven ? a : 0;
        ulong guest = CellReader.ReadNumber(cells.Slice(guestAt, a));
        ulong size = CellReader.ReadNumber(cells.Slice(guestAt + a, (int)sc * 4));
        var bank = new StaticSharedMemoryBank(shmId!, host, guest, size, XenNodeText.CString(node, "role"), node.Path, node.Parent?.Path ?? "/");
        state.Shm.Add(bank);

        // One host bank per shm-id; a second node with the same id must agree on it.
        List<MemoryBank> hostList = Options.SharedMemoryHostBanksAreReserved ? state.Reserved : state.ShmHost;
        for (int i = 0; i < state.Shm.Count - 1; i++)
        {
            StaticSharedMemoryBank earlier = state.Shm[i];
            if (earlier.ShmId == bank.ShmId)
            {
                if (earlier.HostAddress != host || earlier.Size != size)
                {
                    state.Report(BootScanDiagnosticId.InvalidSharedMemory, LogLevel.Error, node.Path,
                        node.Path + ": static shared memory " + shmId + " disagrees with " + earlier.Source + " on host address or size.");
                    return Rc.Inval;
                }

                return Rc.Ok;
            }
        }

        if (host != StaticSharedMemoryBank.InvalidAddress && Options.RejectReservedOverlaps && Overlaps(node.Path, host, size, state, allowInsideMemoryReservation: false))
        {
            return Rc.Inval;
        }

        if (hostList.Count >= Options.MaxMemoryBanks)
        {
            state.Report(BootScanDiagnosticId.ReservedBankLimitReached, LogLevel.Error, node.Path, "No room for static shared memory bank " + shmId + ".");
            return Rc.NoSpc;
        }

        hostList.Add(new MemoryBank(host, size, MemoryBankKind.StaticSharedMemory, node.Path));
        return Rc.Ok;
    }

    private List<DomainNodeFacts> BuildDomains(DeviceTree tree, ScanState state)
    {
        var domains = new List<DomainNodeFacts>();
        // Found by name among the root's children without making the others into objects.
        DeviceTreeNode? chosen = null;
        NodeChildCursor children = NodeHandle.Of(tree.Root).Children();
        while (chosen is null && children.MoveNext(out NodeHandle child))
        {
            chosen = NameMatches(child, "chosen") ? child.Node : null;
        }

        if (chosen is null)
        {
            return domains;
        }

        foreach (DeviceTreeNode node in chosen.Children)
        {
            if (!CompatibleIgnoreCase(node, "xen,domain"))
            {
                continue;
            }

            DeviceTreeProperty? enhanced = node.GetProperty("xen,enhanced");
            // Xen's dt_property_read_string: fails on an empty value or one without a NUL, else reads up to the first NUL.
            string? value = enhanced is { Length: > 0 } && enhanced.Span.IndexOf((byte)0) >= 0 ? XenNodeText.CString(node, "xen,enhanced") : null;
            bool isEnhanced = enhanced is not null &&
                (value is null || value == "enabled" || value == "no-xenstore" || (Options.EnhancedLegacyRecognised && value == "legacy"));
            DeviceTreeProperty? memory = node.GetProperty("memory");
            ulong? kib = memory is { Length: >= 8 } ? memory.ReadNumber(0, 2) : null;
            if (kib is null)
            {
                state.Report(BootScanDiagnosticId.DomainWithoutMemory, LogLevel.Warning, node.Path, node.Path + ": no valid \"memory\" property (Xen panics when it builds the domain).");
            }

            uint? cpus = node.GetProperty("cpus") is { Length: >= 4 } c ? c.GetCell(0) : null;
            domains.Add(new DomainNodeFacts(
                node.Path, value, enhanced is not null, isEnhanced, kib, node.HasProperty("direct-map"), cpus,
                state.Reserved.Where(b => b.Kind == MemoryBankKind.StaticMemory && b.Source == node.Path).ToArray(),
                state.Shm.Where(b => b.DomainPath == node.Path).ToArray(),
                state.Modules.Where(m => m.ParentPath == node.Path).Select(m => m.Module).ToArray()));
        }

        return domains;
    }
}
