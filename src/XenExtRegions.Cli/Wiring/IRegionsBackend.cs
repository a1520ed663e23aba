using XenExtRegions.Cli.Rendering;

namespace XenExtRegions.Cli.Wiring;

/// <summary>
/// Everything the tool asks of the library, in one seam: the commands parse and render; this computes. The real
/// implementation is <see cref="LibraryBackend"/>; tests may pass another.
/// </summary>
internal interface IRegionsBackend
{
    /// <summary>Reads a DTB or DTS file, deciding by content (DTB magic d00dfeed); <paramref name="choices"/> as dtc's -@ and -b.</summary>
    LoadedTree LoadTree(string path, byte[] content, TreeReadChoices? choices = null);

    /// <summary>
    /// The message of a malformed value met after loading (a property getter's <c>DeviceTreeFormatException</c>),
    /// prefixed with the name of the loaded file that holds that node and property.
    /// </summary>
    string DescribeInputError(XenExtRegions.DeviceTrees.DeviceTreeFormatException error);

    /// <summary>Parses the embedded sample board.</summary>
    LoadedTree LoadEmbeddedBoard(string dtsText);

    /// <summary>Normalises a --xen-version value, or returns false for an unknown release.</summary>
    bool TryNormaliseXenVersion(string text, out string normalised, out string known);

    RegionReport ComputeDom0(Dom0Request request);

    RegionReport ComputeDomU(DomURequest request);

    /// <summary>Every domain of one boot, from the host tree and optionally Xen's log.</summary>
    BootReport AnalyzeBoot(BootRequest request);

    GuestReport CheckGuest(LoadedTree guest, ulong sectionSize);

    JsonRegsDocument DecodeRegs(LoadedTree tree);

    /// <summary>The tree as DTS source, encoded as UTF-8 (what a .dts file holds).</summary>
    byte[] WriteDts(LoadedTree tree);

    byte[] WriteDtb(LoadedTree tree);

    /// <summary>The input tree (or, when null, an empty 2/2-cell root) with the /hypervisor node of the report added or replaced, as a DTB.</summary>
    byte[] WriteDtbWithHypervisor(LoadedTree? tree, RegionReport report);
}
