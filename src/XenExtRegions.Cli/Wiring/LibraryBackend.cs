using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;

namespace XenExtRegions.Cli.Wiring;

/// <summary>The real backend: every answer comes from the XenExtRegions library; this class only maps types.</summary>
internal sealed partial class LibraryBackend : IRegionsBackend
{
    private static readonly byte[] DtbMagic = [0xd0, 0x0d, 0xfe, 0xed];

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

                return new LoadedTree(blob, path, true);
            }
            catch (DeviceTreeFormatException e)
            {
                // The reader knows offsets, not file names; the user needs both.
                throw new CliInputException($"{path}: {e.Message}", e);
            }
        }

        string text = new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF');
        var options = new DtsReaderOptions
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
            GenerateSymbols = choices?.Symbols ?? false,
            BootCpuIdPhys = choices?.BootCpu,
        };
        return new LoadedTree(DtsReader.Parse(text, path, options), path, false);
    }

    public LoadedTree LoadEmbeddedBoard(string dtsText) =>
        new(DtsReader.Parse(dtsText, "salvator-x-h3.dts"), Boards.SampleBoard.Name, false);

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
            .Select(i => new JsonReg(i.NodePath, i.Index, Hex.Of(i.Address), Hex.Of(i.Size)))
            .ToList();
        var pci = all.Items
            .Where(i => i.Kind == AddressItemKind.PciRange && i.IsTranslated)
            .Select(i => new JsonPciRange(i.NodePath, Hex.Of(i.Address), Hex.Of(i.Size)))
            .ToList();
        var errors = all.Items
            .Where(i => i.Error is not null)
            .Select(i => new JsonRegError(i.NodePath, i.Index, i.Error!.Value.Message))
            .ToList();
        return new JsonRegsDocument(regs, pci, errors);
    }

    public string WriteDts(LoadedTree tree)
    {
        try
        {
            return DtsWriter.Write(tree.Tree);
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
