using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XenExtRegions.XenLog;
using XenExtRegions.DeviceTrees;
using XenExtRegions.Memory;

namespace XenExtRegions.Boot;

/// <summary>
/// Which domains Xen builds at boot and with which ids (start_xen: Dom0 first unless no Dom0 kernel is given, then
/// create_domUs over <c>/chosen</c>'s <c>xen,domain</c> children in order, ids from 1).
/// </summary>
internal static class BootDomainPlanner
{
    // DOMAIN_CAPS_HARDWARE of xen/include/public/bootfdt.h (4.21+).
    private const uint HardwareCapability = 1u << 1;

    public static List<PlannedDomain> Plan(BootContext ctx)
    {
        IReadOnlyList<DomainNodeFacts> nodes = ctx.HostFacts.Domains;
        bool dom0Kernel = ctx.HostFacts.Modules.Any(m => m.Kind == BootModuleKind.Kernel && !nodes.Any(d => d.Modules.Contains(m)));
        bool domUKernel = nodes.Any(d => d.Modules.Any(m => m.Kind == BootModuleKind.Kernel));
        bool dom0less = !dom0Kernel && domUKernel;
        var plan = new List<PlannedDomain>();
        if (!dom0less)
        {
            plan.Add(new PlannedDomain("d0", 0, "/chosen", null, true));
            if (!dom0Kernel)
            {
                ctx.Finding(BootFindingId.FactNotKnownBeforeBoot, BootFindingSeverity.Note, "d0",
                    ctx.Input.HostTreeName + " has no Dom0 kernel module under /chosen (the bootloader or ImageBuilder adds it); Dom0 is assumed");
            }
        }
        else
        {
            ctx.Fact("Dom0", "not built (dom0less mode)", BootFactOrigin.HostTree, "no kernel module directly under /chosen, only in domain nodes");
        }

        int nextId = 1;
        foreach (DomainNodeFacts node in nodes)
        {
            bool hardware = ctx.Release.IsAtLeast(4, 21) && Capabilities(ctx.Tree, node.Path) is uint caps && (caps & HardwareCapability) != 0;
            if (hardware && plan.Any(p => p.IsHardwareDomain))
            {
                ctx.Finding(BootFindingId.DomainPanics, BootFindingSeverity.Error, "d" + Text(nextId),
                    node.Path + " has the hardware capability but a hardware domain is already built: Xen panics (\"Only 1 hardware domain can be specified!\")");
            }

            plan.Add(new PlannedDomain("d" + Text(nextId), nextId, node.Path, node, hardware));
            nextId++;
        }

        if (ctx.Log is not null)
        {
            foreach (XenLogDomain logged in ctx.Log.Domains.Where(l => !plan.Any(p => p.Name == l.Name)))
            {
                ctx.Finding(BootFindingId.DomainNotInTree, BootFindingSeverity.Warning, logged.Name,
                    ctx.Input.LogName + " speaks of " + logged.Name + " but " + ctx.Input.HostTreeName + " describes only " + string.Join(", ", plan.Select(p => p.Name))
                    + ": the tree may not be the one Xen booted");
            }
        }

        return plan;
    }

    private static uint? Capabilities(DeviceTree tree, string path) =>
        tree.FindNode(path)?.GetProperty("capabilities") is { } p && p.TryGetUInt32(out uint v) ? v : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
