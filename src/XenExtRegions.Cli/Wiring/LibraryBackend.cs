using System;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Wiring;

/// <summary>The real backend: calls the XenExtRegions library. Pieces not merged yet throw <see cref="NotWiredException"/>.</summary>
internal sealed class LibraryBackend : IRegionsBackend
{
    private static readonly byte[] DtbMagic = [0xd0, 0x0d, 0xfe, 0xed];

    public LoadedTree LoadTree(string path, byte[] content)
    {
        if (content.AsSpan().StartsWith(DtbMagic))
        {
            return new LoadedTree(ReadDtb(path, content), path, true);
        }

        string text = new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF');
        var options = new DtsReaderOptions { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) };
        return new LoadedTree(DtsReader.Parse(text, path, options), path, false);
    }

    public LoadedTree LoadEmbeddedBoard(string dtsText) =>
        new(DtsReader.Parse(dtsText, "salvator-x-h3.dts"), Boards.SampleBoard.Name, false);

    public bool TryNormaliseXenVersion(string text, out string normalised, out string known)
    {
        known = XenVersions.KnownList;
        return XenVersions.TryNormalise(text, out normalised);
    }

    public RegionReport ComputeDom0(Dom0Request request) => throw new NotWiredException("The extended-regions engine");

    public RegionReport ComputeDomU(DomURequest request) => throw new NotWiredException("The extended-regions engine");

    public GuestReport CheckGuest(LoadedTree guest, ulong sectionSize) => throw new NotWiredException("The Linux guest view");

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

    public string WriteDts(LoadedTree tree) => DtsWriter.Write(tree.Tree);

    public byte[] WriteDtb(LoadedTree tree) => throw new NotWiredException("The DTB writer");

    public byte[] WriteDtbWithHypervisor(LoadedTree? tree, RegionReport report) => throw new NotWiredException("The DTB writer");

    private static DeviceTree ReadDtb(string path, byte[] content) => throw new NotWiredException("The DTB reader");
}
