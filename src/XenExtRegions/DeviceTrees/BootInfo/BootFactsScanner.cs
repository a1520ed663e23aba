using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XenExtRegions.Memory;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Finds what Xen's boot-time scan (<c>boot_fdt_info</c> / <c>early_scan_node</c>) finds in a host tree, with the
/// per-release rules of a <see cref="BootScanOptions"/>. Walks without recursion; thread-safe.
/// </summary>
/// <remarks>
/// Cells follow the flat scan: a node's <c>reg</c> uses the nearest ancestor's <c>#address-cells</c>/<c>#size-cells</c>
/// (root defaults 2/1), except inside <c>/reserved-memory</c>, which restarts from that node's own values (or 2/1).
/// Not modelled: the DTB itself as a module (its load address is unknown here), the XSM magic probe of unnamed
/// modules after the second, and the boot-module overlap check of <c>add_boot_module</c>.
/// </remarks>
public sealed partial class BootFactsScanner
{
    private readonly ILogger _logger;

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">The release rules; <see cref="BootScanOptions.Latest"/> when null.</param>
    /// <param name="logger">Where diagnostics are logged; nothing when null.</param>
    public BootFactsScanner(BootScanOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? BootScanOptions.Latest;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The release rules.</summary>
    public BootScanOptions Options { get; }

    /// <summary>The compatible strings <see cref="EarlyScanNode"/> branches on, as found in one node's list.</summary>
    [Flags]
    private enum CompatibleKinds
    {
        None = 0,
        MultibootModule = 1,
        Domain = 2,
        SharedMemory = 4,
    }

    private enum Rc
    {
        Ok,
        NoEnt,
        Inval,
        NoSpc,
        Panic,
    }

    /// <summary>Scans a tree.</summary>
    /// <param name="tree">The host tree.</param>
    /// <returns>The facts.</returns>
    public BootFacts Scan(DeviceTree tree)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        var state = new ScanState(Options, _logger);
        BootScanOutcome outcome = ScanCore(tree, state);
        var ram = state.Ram.OrderBy(b => b.Start).ToArray(); // stable; Xen sorts by start too
        return new BootFacts(Options, outcome, ram, state.Reserved.ToArray(), state.Reservations.ToArray(), state.ShmHost.ToArray(),
            state.Shm.ToArray(), state.Modules.Select(m => m.Module).ToArray(), BuildDomains(tree, state), state.Diagnostics.ToArray());
    }

    private BootScanOutcome ScanCore(DeviceTree tree, ScanState state)
    {
        foreach (MemoryReservation r in tree.MemoryReservations)
        {
            var bank = new MemoryBank(r.Address, r.Size, MemoryBankKind.MemoryReservation, "/memreserve/");
            state.Reservations.Add(bank);
            if (!Options.MemoryReservationsAreReserved)
            {
                state.Report(BootScanDiagnosticId.MemoryReservationNotReserved, LogLevel.Information, "/memreserve/",
                    FormattableString.Invariant($"/memreserve/ 0x{r.Address:x} size 0x{r.Size:x} is only printed by this release, not reserved."));
                continue;
            }

            if (state.Reserved.Count >= Options.MaxMemoryBanks)
            {
                state.Report(BootScanDiagnosticId.ReservedBankLimitReached, LogLevel.Critical, "/memreserve/", "Cannot allocate reserved memory bank (Xen panics).");
                return BootScanOutcome.Panicked;
            }

            state.Reserved.Add(bank);
        }

        if (Options.BootedViaUefi)
        {
            state.Report(BootScanDiagnosticId.MemoryNodesSkippedForUefi, LogLevel.Information, "/", "Booted via UEFI: RAM comes from the EFI memory map; memory nodes are not read.");
        }

        Rc rc = Walk(NodeHandle.Of(tree.Root), state, inReservedMemory: false);
        return rc switch
        {
            Rc.Ok => BootScanOutcome.Completed,
            Rc.Panic => BootScanOutcome.Panicked,
            _ => BootScanOutcome.Stopped,
        };
    }

    /// <summary>Xen's <c>device_tree_for_each_node</c> from <paramref name="first"/> (skipped itself), depth relative to it.</summary>
    /// <remarks>
    /// Pre-order with one frame per depth (the children still to visit and the cells they inherit), so the walk holds
    /// the path to the current node, not every pending sibling; a node too deep is not entered, which bounds the frames.
    /// </remarks>
    private Rc Walk(NodeHandle first, ScanState state, bool inReservedMemory)
    {
        var frames = new WalkFrame[8];
        int top = -1;
        NodeHandle node = first;
        bool atFirst = true;
        int depth = 0;
        uint ac = 2, sc = 1;
        while (true)
        {
            if (depth >= Options.MaxDepth)
            {
                ReportTooDeep(node.Node, depth, state);
            }
            else
            {
                if (!atFirst)
                {
                    Rc rc = inReservedMemory ? ReservedMemoryChild(node.Node, ac, sc, state) : EarlyScanNode(node, depth, ac, sc, state);
                    if (rc != Rc.Ok)
                    {
                        return rc;
                    }
                }

                if (node.HasChildren)
                {
                    if (++top == frames.Length)
                    {
                        Array.Resize(ref frames, frames.Length * 2);
                    }

                    frames[top] = new WalkFrame(node.Children(), depth + 1, GetU32(node, "#address-cells", ac), GetU32(node, "#size-cells", sc));
                }
            }

            atFirst = false;
            NodeHandle next = default;
            while (top >= 0 && !frames[top].Children.MoveNext(out next))
            {
                top--;
            }

            if (top < 0)
            {
                return Rc.Ok;
            }

            node = next;
            depth = frames[top].Depth;
            ac = frames[top].Ac;
            sc = frames[top].Sc;
        }
    }

    private void ReportTooDeep(DeviceTreeNode node, int depth, ScanState state)
    {
        // Xen's depth counts from the node the walk starts at (the root, or /reserved-memory for its children).
        if (Options.DeepNodesHangBoot)
        {
            state.Report(BootScanDiagnosticId.NestedTooDeepHangsBoot, LogLevel.Error, node.Path, FormattableString.Invariant(
                $"{node.Path} is nested {depth} deep (DEVICE_TREE_MAX_DEPTH is {Options.MaxDepth}): this release's device_tree_for_each_node loops forever on it and the boot hangs (fixed in 4.20.4, 4.21.2 and 4.22.0); computed as if the node and its children were skipped."));
            return;
        }

        state.Report(BootScanDiagnosticId.NestedTooDeep, LogLevel.Warning, node.Path, FormattableString.Invariant(
            $"Warning: device tree node `{node.Name}' is nested too deep; skipped ({node.Path}, depth {depth}, DEVICE_TREE_MAX_DEPTH {Options.MaxDepth}; its children too)."));
    }

    private Rc EarlyScanNode(NodeHandle node, int depth, uint ac, uint sc, ScanState state)
    {
        // The compatible checks below all read one value: look it up and go through its strings once (most nodes
        // of a board are this shallow).
        CompatibleKinds compatible = depth <= 3 && node.TryGetValue("compatible", out ReadOnlyMemory<byte> value) ? Classify(value.Span) : CompatibleKinds.None;
        Rc rc;
        if (!Options.BootedViaUefi && IsMemoryNode(node, depth))
        {
            rc = GetMemInfo(node.Node, "reg", ac, sc, state, MemoryBankKind.HostRam, reserved: false);
            if (rc == Rc.NoEnt)
            {
                state.Report(BootScanDiagnosticId.InvalidCells, LogLevel.Error, node.Node.Path, node.Node.Path + ": memory node without reg; parsing failed.");
            }
        }
        else if (depth == 1 && node.NameEqualsIgnoreCase("reserved-memory"))
        {
            rc = Walk(node, state, inReservedMemory: true);
        }
        else if ((compatible & CompatibleKinds.MultibootModule) != 0)
        {
            rc = MultibootModule(node.Node, ac, sc, state);
        }
        else if (depth == 1 && NameMatches(node, "chosen"))
        {
            rc = Chosen(node.Node, ac, sc, state);
        }
        else if (depth == 2 && (compatible & CompatibleKinds.Domain) != 0)
        {
            rc = StaticMemory(node.Node, ac, sc, state);
        }
        else if ((compatible & CompatibleKinds.SharedMemory) != 0)
        {
            rc = SharedMemory(node.Node, ac, sc, state);
        }
        else
        {
            rc = Rc.Ok;
        }

        return rc;
    }

    private bool IsMemoryNode(NodeHandle node, int depth)
    {
        if (!NameMatches(node, "memory"))
        {
            return false;
        }

        if (Options.MemoryNodes == MemoryNodeMatching.AnyDepthByName)
        {
            return true;
        }

        return depth == 1 && node.TryGetValue("device_type", out ReadOnlyMemory<byte> type) && type.Length > "memory".Length && XenNodeText.CStringEquals(type.Span, "memory");
    }

    private Rc ReservedMemoryChild(DeviceTreeNode node, uint ac, uint sc, ScanState state)
    {
        Rc rc = GetMemInfo(node, "reg", ac, sc, state, MemoryBankKind.ReservedMemory, reserved: true);
        if (rc == Rc.NoSpc)
        {
            state.Report(BootScanDiagnosticId.ReservedBankLimitReached, LogLevel.Critical, node.Path, "Max number of supported reserved-memory regions reached (Xen panics).");
            return Rc.Panic;
        }

        return rc == Rc.NoEnt ? Rc.Ok : rc;
    }

    /// <summary>Xen's <c>device_tree_node_matches</c>: <c>name</c> or <c>name@…</c>, not <c>name-foo</c> (a record
    /// is matched without becoming an object).</summary>
    private static bool NameMatches(NodeHandle node, string match) => node.NameIsOrHasUnit(match);

    /// <summary>Xen's <c>device_tree_node_compatible</c>: any string of <c>compatible</c>, compared case-insensitively.</summary>
    private static bool CompatibleIgnoreCase(DeviceTreeNode node, string match) =>
        node.TryGetValue("compatible", out ReadOnlyMemory<byte> value) && ListHasIgnoreCase(value.Span, match);

    /// <summary>Which of the compatible strings the boot scan acts on <paramref name="span"/> lists (compared ignoring case).</summary>
    private static CompatibleKinds Classify(ReadOnlySpan<byte> span)
    {
        CompatibleKinds kinds = CompatibleKinds.None;
        while (span.Length > 0)
        {
            ReadOnlySpan<byte> one = NextListString(ref span);
            if (AsciiEqualsIgnoreCase(one, "xen,multiboot-module") || AsciiEqualsIgnoreCase(one, "multiboot,module"))
            {
                kinds |= CompatibleKinds.MultibootModule;
            }
            else if (AsciiEqualsIgnoreCase(one, "xen,domain"))
            {
                kinds |= CompatibleKinds.Domain;
            }
            else if (AsciiEqualsIgnoreCase(one, "xen,domain-shared-memory-v1"))
            {
                kinds |= CompatibleKinds.SharedMemory;
            }
        }

        return kinds;
    }

    /// <summary>True when one NUL-separated string of <paramref name="span"/> equals <paramref name="match"/>, ignoring case.</summary>
    private static bool ListHasIgnoreCase(ReadOnlySpan<byte> span, string match)
    {
        while (span.Length > 0)
        {
            if (AsciiEqualsIgnoreCase(NextListString(ref span), match))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first string of a NUL-separated list (without its NUL); <paramref name="span"/> moves past it.</summary>
    private static ReadOnlySpan<byte> NextListString(ref ReadOnlySpan<byte> span)
    {
        int nul = span.IndexOf((byte)0);
        ReadOnlySpan<byte> one = nul < 0 ? span : span.Slice(0, nul);
        span = nul < 0 ? ReadOnlySpan<byte>.Empty : span.Slice(nul + 1);
        return one;
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> bytes, string s)
    {
        if (bytes.Length != s.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            if (char.ToLowerInvariant((char)bytes[i]) != char.ToLowerInvariant(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Xen's <c>device_tree_get_u32</c>: the first cell when the value has at least 4 bytes, else the default.</summary>
    private static uint GetU32(NodeHandle node, string name, uint fallback) =>
        node.TryGetValue(name, out ReadOnlyMemory<byte> value) && value.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(value.Span) : fallback;

    private static uint GetU32(DeviceTreeNode node, string name, uint fallback) => GetU32(NodeHandle.Of(node), name, fallback);

    /// <summary>Xen's <c>device_tree_node_is_available</c>.</summary>
    private static bool IsAvailable(DeviceTreeNode node)
    {
        if (!node.TryGetValue("status", out ReadOnlyMemory<byte> status))
        {
            return true;
        }

        string? s = XenNodeText.CString(node, "status");
        return status.Length > 0 && (s == "ok" || s == "okay");
    }
}
