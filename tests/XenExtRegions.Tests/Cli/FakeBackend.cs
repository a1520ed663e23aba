using System.Collections.Generic;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.Tests.Cli;

/// <summary>
/// A stand-in for the library that answers the spec's worked example E1, so the command layer (options, log
/// merging, rendering, exit codes) is tested on its own. The real backend is tested end to end separately.
/// </summary>
internal sealed class FakeBackend : IRegionsBackend
{
    public static readonly MemoryBank[] E1Regions =
    [
        new(0x48000000, 0xC000000, MemoryBankKind.ExtendedRegion),
        new(0x57000000, 0x9000000, MemoryBankKind.ExtendedRegion),
        new(0x70000000, 0x8000000, MemoryBankKind.ExtendedRegion),
        new(0x78200000, 0x47E00000, MemoryBankKind.ExtendedRegion),
        new(0x500000000, 0x80000000, MemoryBankKind.ExtendedRegion),
        new(0x600000000, 0x80000000, MemoryBankKind.ExtendedRegion),
        new(0x700000000, 0x80000000, MemoryBankKind.ExtendedRegion),
    ];

    public Dom0Request? LastDom0 { get; private set; }

    public bool NoRegions { get; init; }

    public LoadedTree LoadTree(string path, byte[] content, TreeReadChoices? choices = null)
    {
        if (content.Length >= 4 && content[0] == 0xd0 && content[1] == 0x0d && content[2] == 0xfe && content[3] == 0xed)
        {
            if (content.Length < 40)
            {
                throw new DeviceTreeFormatException("the header is truncated", 4);
            }
        }

        return new LoadedTree(new DeviceTree(new DeviceTreeNode(string.Empty)), path, false);
    }

    public LoadedTree LoadEmbeddedBoard(string dtsText) =>
        new(new DeviceTree(new DeviceTreeNode(string.Empty)), "embedded", false);

    public bool TryNormaliseXenVersion(string text, out string normalised, out string known)
    {
        known = LibraryBackend.KnownReleases;
        bool ok = XenExtRegions.ExtendedRegions.XenRelease.TryParse(text, out var release);
        normalised = ok ? release.ToString() : string.Empty;
        return ok;
    }

    public RegionReport ComputeDom0(Dom0Request request)
    {
        LastDom0 = request;
        IReadOnlyList<MemoryBank> regions = NoRegions ? [] : E1Regions;
        var hostRam = request.HostRam ?? new MemoryBank[]
        {
            new(0x48000000, 0x78000000, MemoryBankKind.HostRam), new(0x500000000, 0x80000000, MemoryBankKind.HostRam),
            new(0x600000000, 0x80000000, MemoryBankKind.HostRam), new(0x700000000, 0x80000000, MemoryBankKind.HostRam),
        };
        var reserved = request.Reserved ?? new MemoryBank[] { new(0x54000000, 0x3000000, MemoryBankKind.ReservedMemory, "/reserved-memory/lossy-decompression@54000000") };
        var map = new List<MapItem>();
        map.AddRange(hostRam.Select(b => new MapItem(MapLayer.HostRam, b.Start, b.Size, b.Source ?? "memory")));
        map.AddRange(reserved.Select(b => new MapItem(MapLayer.Reserved, b.Start, b.Size, b.Source ?? "reserved")));
        map.Add(new MapItem(MapLayer.Module, 0x7a000000, 0x2000000, "kernel"));
        map.Add(new MapItem(MapLayer.Module, 0x7c000000, 0x1000000, "ramdisk"));
        map.AddRange((request.Dom0Ram ?? []).Select(b => new MapItem(MapLayer.DomainRam, b.Start, b.Size, "Dom0 RAM")));
        if (request.GrantTable is { } g)
        {
            map.Add(new MapItem(MapLayer.GrantTable, g.Start, g.Size, "grant table <_stext> & \"Xen\""));
        }

        if (request.Iommu)
        {
            map.Add(new MapItem(MapLayer.Mmio, 0xe6e88000, 0x40, "/soc/serial@e6e88000"));
            map.Add(new MapItem(MapLayer.PciAperture, 0xfe200000, 0x200000, "/soc/pcie@fe000000"));
        }

        map.AddRange(request.Exclusions.Select(b => new MapItem(MapLayer.Exclusion, b.Start, b.Size, "--exclude")));
        map.AddRange(regions.Select((r, i) => new MapItem(MapLayer.ExtendedRegion, r.Start, r.Size, $"region {i}")));
        return new RegionReport
        {
            Subject = "Dom0",
            XenVersion = request.XenVersion,
            Producer = request.Iommu ? "P2: holes of the host tree (IOMMU)" : "P1: host RAM not given to Dom0 (no IOMMU)",
            Regions = regions,
            GrantTable = request.GrantTable,
            XenLogLines = regions.Select((r, i) => $"d0: extended region {i}: 0x{r.Start:x}->0x{r.Start + r.Size:x}").ToList(),
            Inputs = [new ReportInput("host tree", request.Host.Source), new ReportInput("IPA bits", request.IpaBits.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            InputFacts = new ReportInputs { Source = request.Host.Source, IpaBits = request.IpaBits, Iommu = request.Iommu, HostRam = hostRam, Reserved = reserved, DomainRam = request.Dom0Ram ?? [], Exclusions = request.Exclusions },
            Map = map,
            Warnings = NoRegions ? ["d0: failed to allocate extended regions"] : [],
        };
    }

    public RegionReport ComputeDomU(DomURequest request) => throw new System.NotSupportedException("the fake backend has no domu");

    public BootReport AnalyzeBoot(BootRequest request) => throw new System.NotSupportedException("the fake backend has no boot analysis");

    public GuestReport CheckGuest(LoadedTree guest, ulong sectionSize) => throw new System.NotSupportedException("the fake backend has no guest check");

    public JsonRegsDocument DecodeRegs(LoadedTree tree) => new(
        [new JsonReg("/soc/serial@e6e88000", 0, "0xe6e88000", "0x40")],
        [new JsonPciRange("/soc/pcie@fe000000", "0xfe100000", "0x100000")],
        [],
        []);

    public string DescribeInputError(XenExtRegions.DeviceTrees.DeviceTreeFormatException error) => error.Message;

    public byte[] WriteDts(LoadedTree tree) => "/dts-v1/;\n\n/ {\n};\n"u8.ToArray();

    public byte[] WriteDtb(LoadedTree tree) => [0xd0, 0x0d, 0xfe, 0xed];

    public byte[] WriteDtbWithHypervisor(LoadedTree? tree, RegionReport report) => [0xd0, 0x0d, 0xfe, 0xed];
}
