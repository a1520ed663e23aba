using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Decodes <c>reg</c> properties and translates them to CPU physical addresses with Xen's <c>device-tree.c</c>: bus matching,
/// cell counts by <see cref="AddressingPolicy"/>, <c>ranges</c> walking, PCI apertures, and the P2 enumeration.
/// </summary>
/// <remarks>
/// The translation reproduces Xen's <c>__dt_translate_address</c> cell for cell, including its quirks: the default bus
/// compares every cell when a bus has more than two address cells, PCI matching uses the I/O-vs-memory class and the
/// low two cells, the containment test uses 64-bit wrapping arithmetic, only the start address is checked, a
/// one-cell parent keeps only the low 32 bits, and a result of all ones counts as a failure. Nothing recurses.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed partial class DeviceTreeAddressDecoder
{
    /// <summary>Xen's <c>DT_MAX_ADDR_CELLS</c>.</summary>
    public const int MaxAddressCells = 4;

    /// <summary>The all-ones value Xen uses as its "bad address" marker.</summary>
    public const ulong BadAddress = ulong.MaxValue;

    private readonly ILogger _logger;

    /// <summary>Creates a decoder.</summary>
    /// <param name="options">Options; Xen's policy when null.</param>
    /// <param name="logger">Where diagnostics are logged; nothing when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The options name an unknown <see cref="AddressingPolicy"/>.</exception>
    public DeviceTreeAddressDecoder(DeviceTreeAddressDecoderOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? DeviceTreeAddressDecoderOptions.Xen;
        if (Options.Policy is not (AddressingPolicy.Xen or AddressingPolicy.Specification or AddressingPolicy.Linux))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Policy, "Unknown addressing policy.");
        }

        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The options.</summary>
    public DeviceTreeAddressDecoderOptions Options { get; }

    /// <summary>The cell-lookup policy.</summary>
    public AddressingPolicy Policy => Options.Policy;

    /// <summary>The bus <paramref name="node"/> presents to its children (Xen's <c>dt_match_bus</c>).</summary>
    /// <param name="node">The would-be bus node.</param>
    /// <returns>The bus kind.</returns>
    public static AddressBusKind GetBusKind(DeviceTreeNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        return MatchBus(node, null);
    }

    /// <summary>
    /// The <c>#address-cells</c> that applies to <paramref name="node"/>'s own <c>reg</c> under the policy, as a signed
    /// value like Xen's <c>int</c> (a malformed property shorter than one cell gives 0).
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>The address cell count.</returns>
    public int GetAddressCells(DeviceTreeNode node) => ReadCells(node ?? throw new ArgumentNullException(nameof(node)), "#address-cells", DefaultAddressCells, out _);

    /// <summary>The <c>#size-cells</c> that applies to <paramref name="node"/>'s own <c>reg</c> under the policy.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The size cell count.</returns>
    public int GetSizeCells(DeviceTreeNode node) => ReadCells(node ?? throw new ArgumentNullException(nameof(node)), "#size-cells", 1, out _);

    /// <summary>Xen's <c>dt_number_of_address</c>: how many address tuples the node has (0 when not on a bus).</summary>
    /// <param name="node">The node.</param>
    /// <returns>The number of whole tuples.</returns>
    public int GetAddressCount(DeviceTreeNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        return TryLocateAddresses(node, -1, null, out AddressLayout layout) ? layout.Count : 0;
    }

    /// <summary>
    /// Decodes the node's address tuples (untranslated) with the parent bus's rules; empty when Xen sees none.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="diagnostics">Receives partial-tuple, truncation and cell-count notes; may be null.</param>
    /// <returns>The tuples in order.</returns>
    public IReadOnlyList<RegEntry> DecodeReg(DeviceTreeNode node, ICollection<AddressDiagnostic>? diagnostics = null)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        var sink = new DiagnosticSink(_logger, diagnostics);
        if (!TryLocateAddresses(node, -1, sink, out AddressLayout layout))
        {
            return Array.Empty<RegEntry>();
        }

        var entries = new RegEntry[layout.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = layout.Entry(i, sink, node);
        }

        return entries;
    }

    /// <summary>
    /// Decodes the node's <c>reg</c> strictly: invalid cell counts are an exception instead of "no addresses".
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>The tuples in order (empty when the node has no <c>reg</c> or is not on a bus).</returns>
    /// <exception cref="DeviceTreeFormatException">The cell counts that apply are invalid (address cells not 1..4, size cells 0).</exception>
    public IReadOnlyList<RegEntry> GetReg(DeviceTreeNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        if (node.Parent is { } parent && MatchBus(parent, null) == AddressBusKind.Default && node.HasValue("reg"))
        {
            int na = ReadCells(node, "#address-cells", DefaultAddressCells, out DeviceTreeNode? aFrom);
            int ns = ReadCells(node, "#size-cells", 1, out DeviceTreeNode? sFrom);
            if (!IsValidAddressCount(na))
            {
                throw new DeviceTreeFormatException(
                    FormattableString.Invariant($"#address-cells = {na} is not in 1..{MaxAddressCells}, so reg cannot be decoded"), null, aFrom?.Path ?? node.Path, "#address-cells");
            }

            if (ns <= 0)
            {
                throw new DeviceTreeFormatException(
                    FormattableString.Invariant($"#size-cells = {ns} leaves reg of {node.Path} without sizes, so it cannot be decoded"), null, sFrom?.Path ?? node.Path, "#size-cells");
            }
        }

        return DecodeReg(node);
    }

    /// <summary>Translates address tuple <paramref name="index"/> of <paramref name="node"/> to a CPU physical address.</summary>
    /// <param name="node">The node.</param>
    /// <param name="index">The tuple index.</param>
    /// <param name="address">The translated address, on success.</param>
    /// <param name="error">Why it failed, on failure.</param>
    /// <returns>True on success.</returns>
    public bool TryTranslate(DeviceTreeNode node, int index, out TranslatedAddress address, out AddressTranslationError error)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        var sink = new DiagnosticSink(_logger, null);
        if (!TryLocateAddresses(node, -1, sink, out AddressLayout layout) || index < 0 || index >= layout.Count)
        {
            address = default;
            error = new AddressTranslationError(node.Path, index, AddressItemKind.Reg, AddressTranslationFailure.NoSuchEntry, node.Path,
                FormattableString.Invariant($"{node.Path} has no address {index}."));
            return false;
        }

        return TryTranslateEntry(node, layout, index, sink, out address, out error);
    }

    /// <summary>Translates address tuple <paramref name="index"/> of <paramref name="node"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="index">The tuple index.</param>
    /// <returns>The translated address.</returns>
    /// <exception cref="DeviceTreeFormatException">The entry does not exist or cannot be translated.</exception>
    public TranslatedAddress Translate(DeviceTreeNode node, int index)
    {
        if (!TryTranslate(node, index, out TranslatedAddress address, out AddressTranslationError error))
        {
            throw new DeviceTreeFormatException(error.Message, null, error.NodePath, "reg");
        }

        return address;
    }

    /// <summary>Translates every address tuple of <paramref name="node"/>; failures are returned, not thrown.</summary>
    /// <param name="node">The node.</param>
    /// <param name="diagnostics">Receives notes; may be null.</param>
    /// <returns>One item per tuple, each translated or carrying its error.</returns>
    public IReadOnlyList<AddressItem> TranslateAll(DeviceTreeNode node, ICollection<AddressDiagnostic>? diagnostics = null)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        var items = new List<AddressItem>();
        AppendRegItems(node, -1, new DiagnosticSink(_logger, diagnostics), items, null);
        return items;
    }

    private static bool IsValidAddressCount(int na) => na > 0 && na <= MaxAddressCells;

    private static bool IsValidCounts(int na, int ns) => IsValidAddressCount(na) && ns > 0;
}
