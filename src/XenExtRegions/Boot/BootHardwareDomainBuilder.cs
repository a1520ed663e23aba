using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Boot;

/// <summary>
/// The hardware domain: the classic Dom0 built from <c>/chosen</c>'s modules, or (4.21+) a domain node with the hardware
/// capability. It uses the host layout (find_host_extended_regions without an IOMMU, find_memory_holes with one); its RAM
/// banks and grant window come from Xen's allocator and image, so they are taken from the options or the log.
/// </summary>
internal static class BootHardwareDomainBuilder
{
    public static BootDomain Build(BootContext ctx, PlannedDomain planned, ExtendedRegionsInput host)
    {
        var facts = new List<BootFact>();
        var missing = new List<string>();
        XenLogDomain? logged = ctx.Log?.FindDomain(planned.Name);
        bool classic = planned.Node is null;

        bool coloured = ctx.CommandLine.LlcColoring == true && ctx.Release.IsAtLeast(4, 20) && classic;
        DomainKind kind = coloured ? DomainKind.ColouredHardwareDomain : DomainKind.HardwareDomain;
        if (coloured)
        {
            facts.Add(new BootFact("layout", "LLC-coloured (not direct-mapped, host layout)", BootFactOrigin.Inferred, "llc-coloring on Xen's command line"));
        }

        IReadOnlyList<MemoryBank>? ram = null;
        if (classic && ctx.Input.Dom0Ram is { } asked)
        {
            ram = asked;
            facts.Add(new BootFact("RAM", BootHostFacts.Banks(asked), BootFactOrigin.Option, asked.Count > 0 && asked[0].Source is { } from ? from : "--dom0-bank"));
        }
        else if (logged is { Ram.Count: > 0 })
        {
            ram = logged.Ram;
            facts.Add(new BootFact("RAM", BootHostFacts.Banks(logged.Ram), BootFactOrigin.BootLog, ctx.Input.LogName + " BANK lines of " + planned.Name));
        }
        else if (planned.Node is { DirectMap: true, StaticMemory.Count: > 0 } node)
        {
            ram = node.StaticMemory;
            facts.Add(new BootFact("RAM", BootHostFacts.Banks(node.StaticMemory), BootFactOrigin.HostTree, ctx.TreePlace(node.Path, "xen,static-mem")));
        }

        MemoryBank? grant = classic ? ctx.Input.Dom0GrantTable : null;
        if (grant is MemoryBank g)
        {
            facts.Add(new BootFact("grant table", BootHostFacts.Range(g), BootFactOrigin.Option, g.Source ?? "--gnttab"));
        }
        else if (logged?.GrantTable is MemoryBank lg)
        {
            grant = lg;
            facts.Add(new BootFact("grant table", BootHostFacts.Range(lg), BootFactOrigin.BootLog, ctx.LogSource(lg.Source)));
        }

        bool iommu = ctx.IommuEnabled;
        DomainWidth width = ctx.WidthFromLog(logged, facts);

        // Without regions to look for (ext_regions=0, a 32-bit domain) Xen never reads the banks.
        bool looksForRegions = ctx.ExtendedRegionsEnabled && width == DomainWidth.Bits64;
        if (!iommu && looksForRegions)
        {
            if (ram is null)
            {
                missing.Add(planned.Name + "'s RAM banks: Xen's allocator (allocate_memory_11, dom0_mem=) chooses them at boot and prints them as 'BANK[n]'; give --dom0-bank or the boot log");
            }

            if (grant is null)
            {
                missing.Add(planned.Name + "'s grant-table window: Xen's own _stext, printed as 'Grant table range'; give --gnttab or the boot log");
            }
        }
        else if (grant is null && looksForRegions)
        {
            ctx.Finding(BootFindingId.FactNotKnownBeforeBoot, BootFindingSeverity.Note, planned.Name,
                "the grant-table window (reg[0]) is Xen's _stext, known only after boot ('Grant table range'); the regions do not depend on it with an IOMMU");
        }

        if (ram is not null)
        {
            BootBankChecks.Check(ctx, planned.Name, ram, grant);
            CheckDom0Memory(ctx, planned, ram, logged);
        }

        foreach (string m in missing)
        {
            ctx.Finding(BootFindingId.FactNotKnownBeforeBoot, ctx.Log is null ? BootFindingSeverity.Note : BootFindingSeverity.Warning, planned.Name, "not computed: needs " + m);
        }

        ExtendedRegionsResult? result = null;
        if (missing.Count == 0)
        {
            ExtendedRegionsInput input = host with
            {
                DomainName = planned.Name,
                Kind = kind,
                Width = width,
                IommuEnabled = iommu,
                DomainRam = ram ?? [],
                GrantWindow = grant,
            };
            result = BootEngine.Compute(ctx, planned.Name, input);
        }

        (BootDomainVerdict verdict, BootLogComparison? comparison) = BootLogComparer.Compare(ctx, result, logged);
        string description = classic
            ? (coloured ? "hardware domain (Dom0, LLC-coloured)" : "hardware domain (Dom0)")
            : "hardware domain described by " + planned.NodePath;
        return new BootDomain(planned.Name, planned.Id, planned.NodePath, kind, true, description, result, facts, missing, verdict, comparison);
    }

    private static void CheckDom0Memory(BootContext ctx, PlannedDomain planned, IReadOnlyList<MemoryBank> ram, XenLogDomain? logged)
    {
        ulong total = 0;
        foreach (MemoryBank b in ram)
        {
            total = unchecked(total + b.Size);
        }

        ulong? wanted = planned.Node is null ? ctx.CommandLine.Dom0Memory : planned.Node.MemoryBytes;
        if (wanted is ulong w && w != total && !(logged is { Ram.Count: > 0 } && ctx.CommandLine.LlcColoring == true))
        {
            string what = planned.Node is null ? "dom0_mem=" + Size(w) : planned.Node.Path + " memory = " + Size(w);
            ctx.Finding(BootFindingId.Dom0MemoryDiffers, BootFindingSeverity.Warning, planned.Name,
                what + " but the domain's RAM banks total " + Size(total) + " (" + BootHostFacts.Banks(ram) + ")");
        }
    }

    private static string Size(ulong bytes) => XenExtRegions.Diagnostics.AddressText.FormatSize(bytes);
}
