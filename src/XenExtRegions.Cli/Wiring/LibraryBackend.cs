using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Cli.Wiring;

/// <summary>The real backend: calls the XenExtRegions library. Pieces not merged yet throw <see cref="NotWiredException"/>.</summary>
internal sealed class LibraryBackend : IRegionsBackend
{
    public LoadedTree LoadTree(string path, byte[] content) => throw new NotWiredException("Reading DTB/DTS files");

    public LoadedTree LoadEmbeddedBoard(string dtsText) => throw new NotWiredException("The DTS reader (for the embedded board)");

    public bool TryNormaliseXenVersion(string text, out string normalised, out string known)
    {
        known = XenVersions.KnownList;
        return XenVersions.TryNormalise(text, out normalised);
    }

    public RegionReport ComputeDom0(Dom0Request request) => throw new NotWiredException("The extended-regions engine");

    public RegionReport ComputeDomU(DomURequest request) => throw new NotWiredException("The extended-regions engine");

    public GuestReport CheckGuest(LoadedTree guest, ulong sectionSize) => throw new NotWiredException("The Linux guest view");

    public JsonRegsDocument DecodeRegs(LoadedTree tree) => throw new NotWiredException("The address decoder");

    public string WriteDts(LoadedTree tree) => throw new NotWiredException("The DTS writer");

    public byte[] WriteDtb(LoadedTree tree) => throw new NotWiredException("The DTB writer");

    public byte[] WriteDtbWithHypervisor(LoadedTree? tree, RegionReport report) => throw new NotWiredException("The DTB writer");
}
