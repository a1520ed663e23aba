using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.Ranges;

namespace XenExtRegions.Cli.Wiring;

/// <summary>dom0, domu and guest: map the request to the engine's input, and its result to the view model.</summary>
internal sealed partial class LibraryBackend
{
    // Xen gives every domain the event channel on PPI 31 (GUEST_EVTCHN_PPI) unless that PPI is taken.
    private const uint EventChannelPpi = 31;

    public RegionReport ComputeDom0(Dom0Request request)
    {
        XenRelease release = XenRelease.Parse(request.XenVersion);
        DeviceTree tree = request.Host.Tree;
        BootFacts facts = new BootFactsScanner(BootScanOptions.ForRelease(release)).Scan(tree);
        var warnings = new List<string>();
        warnings.AddRange(facts.Diagnostics.Where(d => d.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(d => "boot scan: " + d.Message));
        IReadOnlyList<DescribedWindow> windows = request.Iommu ? DescribedWindowReader.Read(tree) : [];
        IReadOnlyList<BootModule> modules = request.Modules ?? facts.Modules;
        var input = new ExtendedRegionsInput
        {
            Release = release,
            DomainName = "d0",
            Kind = DomainKind.HardwareDomain,
            IommuEnabled = request.Iommu,
            ExtendedRegionsEnabled = request.ExtendedRegions,
            IpaBits = request.IpaBits,
            HostRam = request.HostRam ?? facts.HostRam,
            // Xen's reserved list minus /memreserve/, which the engine adds itself from 4.19 (given once, not twice).
            ReservedMemory = request.Reserved ?? new ExtendedRegionsInput { Release = release }.WithBootFacts(facts).ReservedMemory,
            MemoryReservations = facts.MemoryReservations,
            HostSharedMemory = facts.SharedMemoryHostBanks,
            DomainRam = request.Dom0Ram ?? [],
            GrantWindow = request.GrantTable,
            DescribedWindows = windows,
            BootModules = modules,
            UserExclusions = request.Exclusions,
        };

        (int addressCells, int sizeCells) = RootCells(tree);
        var report = Report(input, "Dom0", request.Host.Source, addressCells, sizeCells, GicPhandle(tree), warnings, request.XenLogFile);
        return report with
        {
            Inputs = [new ReportInput("host tree", request.Host.Source), .. report.Inputs],
        };
    }

    public RegionReport ComputeDomU(DomURequest request)
    {
        XenRelease release = XenRelease.Parse(request.XenVersion);
        ulong bank0 = Math.Min(request.Memory, XenConstants.GuestRam0Size);
        ulong bank1 = request.Memory - bank0;
        if (bank1 > XenConstants.GuestRam1Size)
        {
            throw new CliInputException(string.Create(CultureInfo.InvariantCulture, $"--memory: {AddressTextSize(request.Memory)} does not fit the two guest RAM banks ({AddressTextSize(XenConstants.GuestRam0Size + XenConstants.GuestRam1Size)} at most)"));
        }

        ulong[] sizes = bank1 == 0 ? [bank0] : [bank0, bank1];
        var domainRam = new List<MemoryBank> { new(XenConstants.GuestRam0Base, bank0, MemoryBankKind.DomainRam, "guest RAM bank 0") };
        if (bank1 != 0)
        {
            domainRam.Add(new MemoryBank(XenConstants.GuestRam1Base, bank1, MemoryBankKind.DomainRam, "guest RAM bank 1"));
        }

        var input = new ExtendedRegionsInput
        {
            Release = release,
            DomainName = request.DomainName,
            Kind = request.Dom0less ? DomainKind.Dom0lessDomU : DomainKind.ToolstackDomU,
            XenEnhanced = true,
            IpaBits = request.GpaddrBits,
            DomainRam = domainRam,
            GuestRamBankSizes = sizes,
            IoMem = request.Dom0less ? [] : request.Exclusions.Select(e => new IoMemRange(e.Start >> 12, (e.Size + 0xfff) >> 12)).ToList(),
            XenReg = request.Dom0less ? request.Exclusions : [],
            UserExclusions = request.Exclusions,
        };
        string subject = request.Dom0less ? "dom0less DomU" : "DomU (xl)";
        return Report(input, subject, request.Dom0less ? "dom0less guest layout" : "toolstack guest layout", 2, 2, null, [], null);
    }

    public GuestReport CheckGuest(LoadedTree guest, ulong sectionSize)
    {
        DeviceTreeNode node = guest.Tree.FindNode("/hypervisor")
            ?? throw new CliInputException($"FILE: '{guest.Source}' has no /hypervisor node");
        IReadOnlyList<RegEntry> entries = new DeviceTreeAddressDecoder().DecodeReg(node);
        if (entries.Count == 0)
        {
            throw new CliInputException($"FILE: '{guest.Source}': /hypervisor has no reg entries");
        }

        var banks = entries.Select(e => new MemoryBank(e.Address, e.Size, MemoryBankKind.ExtendedRegion, node.Path)).ToList();
        List<MemoryBank> regions = banks.Skip(1).ToList();
        LinuxGuestReport linux = LinuxGuestView.Check(regions, new LinuxGuestOptions { SectionSize = sectionSize });
        var windows = new List<(int, MemoryBank)>();
        foreach (AddressRange w in linux.UsableWindows)
        {
            int region = regions.FindIndex(r => r.TryGetRange(out AddressRange rr) && rr.Contains(w)) + 1;
            windows.Add((region, MemoryBank.FromRange(w, MemoryBankKind.ExtendedRegion)));
        }

        var problems = new List<string>(LinuxGuestView.CheckNode(guest.Tree));
        bool linuxFindsNode = problems.Count == 0;
        if (!linux.Accepted)
        {
            problems.Add(linux.Rejection ?? "rejected by Linux");
        }

        foreach (int i in linux.UselessRegions)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"reg[{i + 1}] holds no {AddressTextSize(sectionSize)}-aligned section: Linux cannot use it"));
        }

        return new GuestReport
        {
            GrantTable = banks[0].WithKind(MemoryBankKind.GrantTable),
            Regions = regions,
            SectionSize = sectionSize,
            LinuxAccepts = linux.Accepted && linuxFindsNode,
            UsableWindows = linuxFindsNode ? windows : [],
            Problems = problems,
            Zephyr = ZephyrGuestView.Check(regions, null, banks[0].WithKind(MemoryBankKind.GrantTable)),
        };
    }

    private static RegionReport Report(ExtendedRegionsInput input, string subject, string source, int addressCells, int sizeCells, uint? gic, List<string> warnings, string? logFile) =>
        Describe(new ExtendedRegionsEngine().Compute(input), subject, source, addressCells, sizeCells, gic, warnings, logFile);

    /// <summary>The view model of a computed result: Xen's lines, the /hypervisor node, the map, inputs, warnings and notes.</summary>
    internal static RegionReport Describe(ExtendedRegionsResult result, string subject, string source, int addressCells, int sizeCells, uint? gic, List<string> warnings, string? logFile)
    {
        ExtendedRegionsInput input = AsShown(result.Input);
        warnings.AddRange(result.Diagnostics.Select(d => d.ToString()));
        IReadOnlyList<AuditFinding> findings = ExtendedRegionAudit.Audit(result, new HypervisorNodeSettings { AddressCells = addressCells, SizeCells = sizeCells }, null);
        warnings.AddRange(findings.Where(f => f.Severity != AuditSeverity.Note).Select(f => "audit: " + f));
        List<string> notes = findings.Where(f => f.Severity == AuditSeverity.Note).Select(f => "audit: " + f).ToList();
        HypervisorNode? hypervisor = null;
        if (result.Outcome != ExtendedRegionsOutcome.NoHypervisorNode)
        {
            var settings = new HypervisorNodeSettings { AddressCells = addressCells, SizeCells = sizeCells, EventChannelIrq = EventChannelPpi, InterruptParent = gic };
            if (HypervisorNodeBuilder.TryBuild(result, settings, out HypervisorNode? node, out string? error))
            {
                hypervisor = node;
                warnings.AddRange(node.Warnings.Select(w => "/hypervisor: " + w));
            }
            else
            {
                warnings.Add("/hypervisor: " + error);
            }
        }

        var map = new List<MapItem>();
        map.AddRange(input.HostRam.Select(b => new MapItem(MapLayer.HostRam, b.Start, b.Size, b.Source ?? "host RAM")));
        map.AddRange(input.ReservedMemory.Concat(input.MemoryReservations).Select(b => new MapItem(MapLayer.Reserved, b.Start, b.Size, b.Source ?? "reserved")));
        map.AddRange(input.BootModules.Select(m => new MapItem(MapLayer.Module, m.Start, m.Size, $"{m.Kind} ({m.Source})")));
        map.AddRange(input.DomainRam.Select(b => new MapItem(MapLayer.DomainRam, b.Start, b.Size, b.Source ?? "domain RAM")));
        if (result.GrantWindow.Size > 0)
        {
            map.Add(new MapItem(MapLayer.GrantTable, result.GrantWindow.Start, result.GrantWindow.Size, "grant table (reg[0])"));
        }

        foreach (DescribedWindow w in input.DescribedWindows.Where(w => !w.IsFailure))
        {
            map.Add(new MapItem(w.Kind == DescribedWindowKind.PciRange ? MapLayer.PciAperture : MapLayer.Mmio, w.Address, w.Size, string.Create(CultureInfo.InvariantCulture, $"{w.NodePath} #{w.Index}")));
        }

        map.AddRange(input.UserExclusions.Select(b => new MapItem(MapLayer.Exclusion, b.Start, b.Size, b.Source ?? "--exclude")));
        map.AddRange(result.Regions.Select((r, i) => new MapItem(MapLayer.ExtendedRegion, r.Start, r.Size, string.Create(CultureInfo.InvariantCulture, $"extended region {i} (reg[{i + 1}])"))));

        string producer = result.Producer switch
        {
            ProducerKind.HostUnallocatedMemory => "find_host_extended_regions (find_unallocated_memory before 4.21): host RAM not given to the domain (no IOMMU)",
            ProducerKind.DeviceTreeHoles => "find_memory_holes: holes of the host device tree (IOMMU)",
            ProducerKind.DomUHoles => "find_domU_holes: unused guest RAM banks (dom0less)",
            ProducerKind.Toolstack => "libxl finalize_hypervisor_node: unused guest RAM banks (xl)",
            _ => "no producer: " + result.Outcome,
        };
        if (result.Error != XenError.None && result.Outcome == ExtendedRegionsOutcome.Failed)
        {
            warnings.Insert(0, $"{producer} failed: {result.Error}" + (result.Culprit is null ? string.Empty : " at " + result.Culprit));
        }

        var inputs = new List<ReportInput>
        {
            new("Xen release", result.Release.ToString()),
            new("IOMMU", input.IommuEnabled ? "on" : "off"),
            new(input.Kind == DomainKind.ToolstackDomU ? "gpaddr bits" : "IPA bits", input.IpaBits.ToString(CultureInfo.InvariantCulture)),
        };
        AddBanks(inputs, "host RAM", input.HostRam);
        AddBanks(inputs, "reserved", input.ReservedMemory.Concat(input.MemoryReservations).ToList());
        AddBanks(inputs, "boot modules", input.BootModules.Select(m => m.Bank).ToList());
        AddBanks(inputs, subject + " RAM", input.DomainRam);
        inputs.Add(new ReportInput("grant table", Hex.Range(result.GrantWindow)));
        if (input.DescribedWindows.Count > 0)
        {
            inputs.Add(new ReportInput("described windows", string.Create(CultureInfo.InvariantCulture, $"{input.DescribedWindows.Count} reg/PCI windows from the tree")));
        }

        AddBanks(inputs, "exclusions", input.UserExclusions);
        if (logFile is not null)
        {
            inputs.Add(new ReportInput("Xen log", logFile));
        }

        return new RegionReport
        {
            Subject = subject,
            XenVersion = result.Release.ToString(),
            Producer = producer,
            Regions = result.Regions,
            GrantTable = result.GrantWindow,
            XenLogLines = result.LogLines.Select(l => l.Text).ToList(),
            Inputs = inputs,
            InputFacts = new ReportInputs
            {
                Source = source,
                Iommu = input.IommuEnabled,
                IpaBits = input.IpaBits,
                HostRam = input.HostRam,
                Reserved = input.ReservedMemory.Concat(input.MemoryReservations).ToList(),
                Modules = input.BootModules.Select(m => m.Bank).ToList(),
                DomainRam = input.DomainRam,
                Exclusions = input.UserExclusions,
                XenLog = logFile,
            },
            Map = map,
            Warnings = warnings,
            Notes = notes,
            AddressCells = addressCells,
            SizeCells = sizeCells,
            EventChannelPpi = EventChannelPpi,
            InterruptParent = gic,
            Hypervisor = hypervisor,
        };
    }

    /// <summary>
    /// What the map and the inputs show: a guest-layout domain lives in its own address space (GUEST_RAM0/1, the guest
    /// grant window), so the host's RAM, reserved memory, modules and device windows are left out and its RAM banks are
    /// drawn where Xen places them.
    /// </summary>
    private static ExtendedRegionsInput AsShown(ExtendedRegionsInput input)
    {
        if (input.Kind is not (DomainKind.Dom0lessDomU or DomainKind.ToolstackDomU))
        {
            return input;
        }

        var guestRam = new List<MemoryBank>();
        ulong[] bases = [XenConstants.GuestRam0Base, XenConstants.GuestRam1Base];
        for (int i = 0; i < bases.Length; i++)
        {
            if (input.GuestRamBankSize(i) > 0)
            {
                guestRam.Add(new MemoryBank(bases[i], input.GuestRamBankSize(i), MemoryBankKind.DomainRam, string.Create(CultureInfo.InvariantCulture, $"guest RAM bank {i}")));
            }
        }

        return input with
        {
            HostRam = [],
            ReservedMemory = [],
            MemoryReservations = [],
            HostSharedMemory = [],
            BootModules = [],
            DescribedWindows = [],
            DomainRam = guestRam,
        };
    }

    private static void AddBanks(List<ReportInput> inputs, string name, IReadOnlyList<MemoryBank> banks)
    {
        if (banks.Count == 0)
        {
            inputs.Add(new ReportInput(name, "none"));
            return;
        }

        for (int i = 0; i < banks.Count; i++)
        {
            MemoryBank b = banks[i];
            string from = b.Source is null ? string.Empty : $"  [{b.Source}]";
            inputs.Add(new ReportInput(i == 0 ? name : string.Empty, Hex.Range(b) + from));
        }
    }

    /// <summary>The root's cell counts as Xen reads them for Dom0 (absent: 2 and 1).</summary>
    internal static (int Address, int Size) RootCells(DeviceTree tree)
    {
        int Read(string name, int fallback) =>
            tree.Root.GetProperty(name) is { } p && p.TryGetUInt32(out uint v) && v <= int.MaxValue ? (int)v : fallback;
        return (Read("#address-cells", 2), Read("#size-cells", 1));
    }

    /// <summary>The phandle of the first interrupt controller named like a GIC.</summary>
    internal static uint? GicPhandle(DeviceTree tree) =>
        tree.Nodes.FirstOrDefault(n => n.HasProperty("interrupt-controller") && n.TryGetCompatible(out IReadOnlyList<string>? compatible) && compatible.Any(c => c.Contains("gic", StringComparison.OrdinalIgnoreCase)))?.Phandle;

    private static string AddressTextSize(ulong size) => XenExtRegions.Diagnostics.AddressText.FormatSize(size);
}
