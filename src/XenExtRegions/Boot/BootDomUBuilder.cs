using System.Collections.Generic;
using System.Linq;
using XenExtRegions.DeviceTrees;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>
/// A dom0less domU (a <c>/chosen</c> <c>xen,domain</c> node): fully known before boot unless it is direct-mapped
/// without static memory. Guest layout: find_domU_holes; direct-mapped: the host-layout producers.
/// </summary>
internal static class BootDomUBuilder
{
    public static BootDomain Build(BootContext ctx, PlannedDomain planned, ExtendedRegionsInput host, ref bool passthroughSeen)
    {
        DomainNodeFacts node = planned.Node!;
        DeviceTreeNode? treeNode = ctx.Tree.FindNode(node.Path);
        var facts = new List<BootFact>();
        XenLogDomain? logged = ctx.Log?.FindDomain(planned.Name);
        CheckPanics(ctx, planned, node, treeNode);

        facts.Add(new BootFact("memory", node.MemoryBytes is ulong m ? XenExtRegions.Diagnostics.AddressText.FormatSize(m) : "missing", BootFactOrigin.HostTree, ctx.TreePlace(node.Path, "memory")));
        facts.Add(new BootFact("xen,enhanced", node.HasEnhancedProperty ? (node.EnhancedValue ?? "(no value)") : "absent", BootFactOrigin.HostTree, ctx.TreePlace(node.Path, "xen,enhanced")));
        if (node.DirectMap)
        {
            facts.Add(new BootFact("layout", "direct-mapped (host layout)", BootFactOrigin.HostTree, ctx.TreePlace(node.Path, "direct-map")));
        }

        if (node.Cpus is uint cpus)
        {
            facts.Add(new BootFact("cpus", cpus.ToString(System.Globalization.CultureInfo.InvariantCulture), BootFactOrigin.HostTree, ctx.TreePlace(node.Path, "cpus")));
        }

        bool iommu = DomainIommu(ctx, planned, node, treeNode, facts, ref passthroughSeen);
        DomainWidth width = ctx.WidthFromLog(logged, facts);
        NotePassThrough(ctx, planned, node);

        ExtendedRegionsResult? result = null;
        try
        {
            ExtendedRegionsInput input = host.WithDomainNode(node) with
            {
                DomainName = planned.Name,
                Width = width,
                IommuEnabled = iommu,
                GrantWindow = new MemoryBank(XenConstants.GuestGrantTableBase, XenConstants.GuestGrantTableSize, MemoryBankKind.GrantTable, "GUEST_GNTTAB_BASE"),
            };
            if (input.Kind == DomainKind.DirectMappedDomU)
            {
                BootBankChecks.Check(ctx, planned.Name, input.DomainRam, null);
            }
            else
            {
                CheckGuestBanks(ctx, planned, input, logged);
            }

            result = BootEngine.Compute(ctx, planned.Name, input);
        }
        catch (DeviceTreeFormatException e)
        {
            ctx.Finding(BootFindingId.DomainNotComputable, BootFindingSeverity.Error, planned.Name, "not computed: " + node.Path + ": " + e.Message);
        }

        (BootDomainVerdict verdict, BootLogComparison? comparison) = BootLogComparer.Compare(ctx, result, logged);
        DomainKind kind = node.DirectMap ? DomainKind.DirectMappedDomU : DomainKind.Dom0lessDomU;
        string description = (node.DirectMap ? "direct-mapped dom0less domU" : "dom0less domU (guest layout)") + (node.IsEnhanced ? string.Empty : ", no xen,enhanced: no /hypervisor node");
        return new BootDomain(planned.Name, planned.Id, planned.NodePath, kind, false, description, result, facts, [], verdict, comparison);
    }

    // parse_dom0less_node (4.21+) / create_domUs: the domain gets the IOMMU when Xen has one and the node asks for
    // pass-through ("passthrough" = "enabled", or a partial device tree). Up to 4.20 the flag is a variable outside
    // the loop, so once set it stays set for every later node.
    private static bool DomainIommu(BootContext ctx, PlannedDomain planned, DomainNodeFacts node, DeviceTreeNode? treeNode, List<BootFact> facts, ref bool passthroughSeen)
    {
        bool asks = treeNode?.GetProperty("passthrough") is { } p && p.TryGetString(out string? s) && s == "enabled";
        bool partialTree = node.Modules.Any(mod => mod.Kind == BootModuleKind.GuestDeviceTree);
        bool carried = !ctx.Release.IsAtLeast(4, 21) && passthroughSeen && !asks;
        passthroughSeen |= asks;
        bool iommu = ctx.IommuEnabled && (asks || partialTree || carried);
        if (ctx.IommuEnabled)
        {
            string why = asks ? "passthrough = \"enabled\"" : partialTree ? "a multiboot,device-tree module (pass-through)" : carried ? "carried over from an earlier node's passthrough (Xen up to 4.20)" : "no pass-through asked";
            facts.Add(new BootFact("IOMMU", iommu ? "on" : "off", BootFactOrigin.HostTree, ctx.TreePlace(node.Path) + ": " + why));
            if (carried && node.DirectMap)
            {
                ctx.Finding(BootFindingId.PassthroughCarriesOver, BootFindingSeverity.Warning, planned.Name,
                    node.Path + " does not ask for pass-through, but Xen " + ctx.Release + " keeps an earlier node's passthrough = \"enabled\" (create_domUs), so this direct-mapped domain gets the IOMMU and find_memory_holes");
            }
        }

        return iommu;
    }

    private static void CheckPanics(BootContext ctx, PlannedDomain planned, DomainNodeFacts node, DeviceTreeNode? treeNode)
    {
        if (node.Cpus is null)
        {
            ctx.Finding(BootFindingId.DomainPanics, BootFindingSeverity.Error, planned.Name, node.Path + " has no 'cpus' property: Xen panics (\"Missing property 'cpus' for domain\")");
        }

        if (node.DirectMap && treeNode?.HasProperty("xen,static-mem") != true)
        {
            ctx.Finding(BootFindingId.DomainPanics, BootFindingSeverity.Error, planned.Name, node.Path + " has direct-map without xen,static-mem: Xen panics (\"direct-map is not valid for domain … without static allocation\")");
        }

        if (!node.Modules.Any(m => m.Kind == BootModuleKind.Kernel))
        {
            ctx.Finding(BootFindingId.DomainPanics, BootFindingSeverity.Error, planned.Name, node.Path + " has no kernel module (compatible \"multiboot,kernel\"): Xen cannot build the domain");
        }
    }

    private static void NotePassThrough(BootContext ctx, PlannedDomain planned, DomainNodeFacts node)
    {
        if (ctx.Release.IsAtLeast(4, 21) && node.Modules.Any(m => m.Kind == BootModuleKind.GuestDeviceTree))
        {
            ctx.Finding(BootFindingId.FactNotKnownBeforeBoot, BootFindingSeverity.Note, planned.Name,
                node.Path + " has a partial device tree: Xen excludes its xen,reg pass-through ranges, which are in that module, not in the host tree; they are not excluded here");
        }
    }

    // The guest layout puts bank 0 at GUEST_RAM0_BASE (up to 3 GiB), the rest at GUEST_RAM1_BASE; the log's BANK lines
    // of the domain must say the same.
    private static void CheckGuestBanks(BootContext ctx, PlannedDomain planned, ExtendedRegionsInput input, XenLogDomain? logged)
    {
        if (logged is not { Ram.Count: > 0 })
        {
            return;
        }

        var expected = new List<MemoryBank>();
        if (input.GuestRamBankSize(0) > 0)
        {
            expected.Add(new MemoryBank(XenConstants.GuestRam0Base, input.GuestRamBankSize(0)));
        }

        if (input.GuestRamBankSize(1) > 0)
        {
            expected.Add(new MemoryBank(XenConstants.GuestRam1Base, input.GuestRamBankSize(1)));
        }

        if (!BootHostFacts.SameRanges(expected, logged.Ram))
        {
            ctx.Finding(BootFindingId.DomainRamDiffersFromLog, BootFindingSeverity.Warning, planned.Name,
                "the log's BANK lines of " + planned.Name + " (" + BootHostFacts.Banks(logged.Ram) + ") differ from the guest layout of " + planned.NodePath + "'s memory ("
                + BootHostFacts.Banks(expected) + ")");
        }
    }
}
