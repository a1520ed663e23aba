using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Cli.Wiring;

/// <summary>The real backend: every answer comes from the XenExtRegions library; this class only maps types.</summary>
internal sealed partial class LibraryBackend : IRegionsBackend
{
    private static readonly byte[] DtbMagic = [0xd0, 0x0d, 0xfe, 0xed];

    // The trees this invocation loaded, so that a malformed value found later can be traced to its file.
    private readonly List<LoadedTree> _loaded = new();

    public LoadedTree LoadTree(string path, byte[] content, TreeReadChoices? choices = null)
    {
        if (content.AsSpan().StartsWith(DtbMagic))
        {
            try
            {
                DeviceTree blob = DtbReader.Read(content);
                if (choices?.BootCpu is uint cpu)
                {
                    // dtc's -b sets the header field whatever the input form.
                    blob = new DeviceTree(blob.Root, blob.MemoryReservations, cpu, blob.Version, blob.LastCompatibleVersion);
                }

                return Loaded(new LoadedTree(blob, path, true));
            }
            catch (DeviceTreeFormatException e)
            {
                // The reader knows offsets, not file names; the user needs both.
                throw new CliInputException($"{path}: {e.Message}", e);
            }
        }

        string text = DtsReader.DecodeSource(content);
        var options = new DtsReaderOptions
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
            GenerateSymbols = choices?.Symbols ?? false,
            BootCpuIdPhys = choices?.BootCpu,
        };
        return Loaded(new LoadedTree(DtsReader.Parse(text, path, options), path, false));
    }

    public LoadedTree LoadEmbeddedBoard(string dtsText) =>
        Loaded(new LoadedTree(DtsReader.Parse(dtsText, "salvator-x-h3.dts"), Boards.SampleBoard.Name, false));

    public string DescribeInputError(DeviceTreeFormatException error)
    {
        if (error is DtsSyntaxException)
        {
            return error.Message; // it names its file and line itself
        }

        // Several inputs (base and overlays, host and guest) may hold the same path: name every one that could be meant.
        var holders = _loaded
            .Where(t => error.NodePath is { } path && t.Tree.FindNode(path.Length == 0 ? "/" : path) is { } node
                && (error.PropertyName is null || node.HasProperty(error.PropertyName)))
            .Select(t => t.Source)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (holders.Count == 0 && _loaded.Count == 1)
        {
            holders.Add(_loaded[0].Source);
        }

        return holders.Count == 0 ? error.Message : $"{string.Join(" or ", holders)}: {error.Message}";
    }

    private LoadedTree Loaded(LoadedTree tree)
    {
        _loaded.Add(tree);
        return tree;
    }

    public bool TryNormaliseXenVersion(string text, out string normalised, out string known)
    {
        known = KnownReleases;
        bool ok = XenRelease.TryParse(text, out XenRelease release);
        normalised = ok ? release.ToString() : string.Empty;
        return ok;
    }

    /// <summary>The releases the library knows, from its own table (tags 4.16.0 … 4.22.0, master, latest).</summary>
    public static string KnownReleases => XenRelease.KnownReleasesText;

    public JsonRegsDocument DecodeRegs(LoadedTree tree)
    {
        AddressEnumeration all = new DeviceTreeAddressDecoder().EnumerateAddresses(tree.Tree);
        var regs = all.Items
            .Where(i => i.Kind == AddressItemKind.Reg && i.IsTranslated)
            .Select(i => new JsonReg(Rendering.JsonText.Escape(i.NodePath), i.Index, Hex.Of(i.Address), Hex.Of(i.Size)))
            .ToList();
        var pci = all.Items
            .Where(i => i.Kind == AddressItemKind.PciRange && i.IsTranslated)
            .Select(i => new JsonPciRange(Rendering.JsonText.Escape(i.NodePath), Hex.Of(i.Address), Hex.Of(i.Size)))
            .ToList();
        var errors = all.Items
            .Where(i => i.Error is not null)
            .Select(i => new JsonRegError(Rendering.JsonText.Escape(i.NodePath), i.Index, Rendering.JsonText.Escape(i.Error!.Value.Message)))
            .ToList();
        return new JsonRegsDocument(regs, pci, errors, NotAddresses(tree.Tree, all));
    }

    /// <summary>
    /// Every node with reg that gave no entry, with the decoder's reason, plus every reg cut short by a partial
    /// tuple: so that a node is never left out of dt regs without a word.
    /// </summary>
    private static List<JsonRegNotAddress> NotAddresses(DeviceTree tree, AddressEnumeration all)
    {
        var reasons = new Dictionary<string, AddressDiagnostic>(StringComparer.Ordinal);
        foreach (AddressDiagnostic d in all.Diagnostics)
        {
            if (d.Id is AddressDiagnosticId.RootReg or AddressDiagnosticId.NotOnABus or AddressDiagnosticId.InvalidCellCountNoAddresses
                or AddressDiagnosticId.RegUnderPciBus or AddressDiagnosticId.EmptyAddressProperty or AddressDiagnosticId.TrailingPartialTuple)
            {
                reasons.TryAdd(d.NodePath, d);
            }
        }

        var withEntries = new HashSet<DeviceTreeNode>(all.Items.Where(i => i.Kind == AddressItemKind.Reg).Select(i => i.Node));
        var notes = new List<JsonRegNotAddress>();
        foreach (DeviceTreeNode node in tree.Nodes)
        {
            bool listed = withEntries.Contains(node);
            if (reasons.TryGetValue(node.Path, out AddressDiagnostic reason))
            {
                notes.Add(new JsonRegNotAddress(node.Path, WithoutPath(reason.Message, node.Path), reason.Id.ToString()));
            }
            else if (!listed && node.HasProperty("reg"))
            {
                notes.Add(new JsonRegNotAddress(node.Path, "reg gives no whole address entry, so Xen reads no address from it.", nameof(AddressDiagnosticId.EmptyAddressProperty)));
            }
        }

        return notes;
    }

    private static string WithoutPath(string message, string path) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal) ? message[(path.Length + 2)..] : message;

    public byte[] WriteDts(LoadedTree tree)
    {
        try
        {
            // Bytes, not a string: the text goes to a file as it is, with no copy and no encoding pass.
            return DtsWriter.WriteUtf8(tree.Tree);
        }
        catch (DtsWriteException e)
        {
            // The writer knows nodes, not file names; say which input cannot be printed.
            throw new CliInputException($"{tree.Source}: cannot be printed as DTS: {e.Message}", e);
        }
    }

    public byte[] WriteDtb(LoadedTree tree) => DtbWriter.Write(tree.Tree);

    public byte[] WriteDtbWithHypervisor(LoadedTree? tree, RegionReport report)
    {
        DeviceTreeNode node = report.Hypervisor?.ToDeviceTreeNode()
            ?? throw new CliInputException("--format dtb: no /hypervisor node could be built for this result (see the warnings)");
        DeviceTree result = tree is null
            ? new DeviceTree(new DeviceTreeNode(string.Empty, [Cells("#address-cells", 2), Cells("#size-cells", 2)], [node]))
            : WithHypervisorNode(tree.Tree, node);
        return DtbWriter.Write(result);
    }

    /// <summary>The input tree with the root's <c>hypervisor</c> child added or replaced.</summary>
    private static DeviceTree WithHypervisorNode(DeviceTree tree, DeviceTreeNode node)
    {
        var builder = new DeviceTreeBuilder(tree);
        builder.ReplaceNode("/" + node.Name, node);
        return builder.Build();
    }

    /// <summary>The tree the DTS form prints: a root with the cell counts and the /hypervisor node.</summary>
    internal static string HypervisorDts(HypervisorNode node)
    {
        var root = new DeviceTreeNode(
            string.Empty,
            [Cells("#address-cells", (uint)node.AddressCells), Cells("#size-cells", (uint)node.SizeCells)],
            [node.ToDeviceTreeNode()]);
        return DtsWriter.Write(new DeviceTree(root));
    }

    private static DeviceTreeProperty Cells(string name, uint value) =>
        new(name, [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
