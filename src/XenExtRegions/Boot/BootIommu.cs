using System.Collections.Generic;
using System.Linq;

namespace XenExtRegions.Boot;

/// <summary>Whether Xen's I/O virtualisation is on for this boot, and how the tree and the log agree about it.</summary>
internal static class BootIommu
{
    public static void Decide(BootContext ctx)
    {
        IReadOnlyList<IommuNode> nodes = IommuNodeFinder.Find(ctx.Tree);
        ctx.IommuNodes = nodes;
        List<IommuNode> drivable = nodes.Where(n => n.IsEnabled && n.XenDriver is not null).ToList();
        List<IommuNode> byDefault = drivable.Where(n => n.BuiltByDefault).ToList();
        foreach (IommuNode n in nodes.Where(n => n.IsEnabled && !n.BuiltByDefault))
        {
            ctx.Finding(BootFindingId.IommuDriverNotDefault, BootFindingSeverity.Note, null, n.XenDriver is null
                ? n.Path + " (" + n.Compatible + "): Xen has no driver for this IOMMU"
                : n.Path + " (" + n.Compatible + ") needs Xen's " + n.XenDriver + " driver, built only with " + n.KconfigOption + " (not in Xen's default configuration)");
        }

        bool? commandLine = ctx.CommandLine.Iommu;
        if (ctx.Input.Iommu is bool asked)
        {
            ctx.IommuEnabled = asked;
            ctx.Fact("IOMMU", asked ? "on" : "off", BootFactOrigin.Option, "--iommu");
        }
        else if (ctx.Log?.IommuEnabled is bool logged)
        {
            ctx.IommuEnabled = logged;
            ctx.Fact("IOMMU", logged ? "on" : "off", BootFactOrigin.BootLog,
                ctx.LogLine(ctx.Log.IommuLineNumber) + ": I/O virtualisation " + (logged ? "enabled" : "disabled"));
            CrossCheck(ctx, logged, drivable, commandLine);
        }
        else if (commandLine == false)
        {
            ctx.IommuEnabled = false;
            ctx.Fact("IOMMU", "off", BootFactOrigin.Inferred, "iommu=0 on Xen's command line");
        }
        else if (byDefault.Count > 0)
        {
            ctx.IommuEnabled = true;
            ctx.Fact("IOMMU", "on", BootFactOrigin.Inferred,
                byDefault[0].Path + " (" + byDefault[0].Compatible + "), driven by Xen's " + byDefault[0].XenDriver + " in its default build; the log's 'I/O virtualisation' line decides");
        }
        else
        {
            ctx.IommuEnabled = false;
            ctx.Fact("IOMMU", "off", BootFactOrigin.Inferred, drivable.Count > 0
                ? drivable[0].Path + " needs " + drivable[0].KconfigOption + ", not in Xen's default build: give --iommu if your Xen has it"
                : "no IOMMU Xen can drive in " + ctx.Input.HostTreeName);
        }

        if (ctx.CommandLine.IommuRequired && !ctx.IommuEnabled)
        {
            ctx.Finding(BootFindingId.IommuRequiredWithoutIommu, BootFindingSeverity.Error, null,
                "iommu=force/required on Xen's command line, but no IOMMU is set up: Xen panics (\"Couldn't enable I/O virtualisation\")");
        }
    }

    private static void CrossCheck(BootContext ctx, bool logged, List<IommuNode> drivable, bool? commandLine)
    {
        if (logged && drivable.Count == 0)
        {
            ctx.Finding(BootFindingId.IommuEnabledWithoutNode, BootFindingSeverity.Warning, null,
                "the log says I/O virtualisation is enabled (" + ctx.LogLine(ctx.Log!.IommuLineNumber) + ") but " + ctx.Input.HostTreeName
                + " has no enabled IOMMU node Xen can drive: the tree may not be the one Xen booted");
        }
        else if (!logged && drivable.Count > 0 && commandLine != false)
        {
            IommuNode n = drivable[0];
            ctx.Finding(BootFindingId.IommuPresentButDisabled, BootFindingSeverity.Warning, null,
                ctx.Input.HostTreeName + " has " + n.Path + " (" + n.Compatible + ") but the log says I/O virtualisation is disabled (" + ctx.LogLine(ctx.Log!.IommuLineNumber)
                + "): this Xen was probably built without " + n.KconfigOption + " (" + n.XenDriver + "), or the driver failed to probe; regions follow the log (no IOMMU)");
        }
    }
}
