using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;

namespace XenExtRegions.Cli.Commands;

/// <summary>The output forms of the boot command: table and json for every domain; dts, dtb, svg and zephyr per domain.</summary>
internal static class BootOutput
{
    public static int Write(CliContext context, BootReport report, LoadedTree host, string format, string? output)
    {
        switch (format)
        {
            case "json":
                OutputSink.WriteText(context, output, w => BootJsonRenderer.Render(report, w));
                break;
            case "dts":
                OutputSink.WriteText(context, output, w => BootDtsRenderer.Render(report, w));
                break;
            case "zephyr":
                WriteZephyr(context, report, output);
                break;
            case "svg":
                WriteSvg(context, report, output);
                break;
            case "dtb":
                WriteDtb(context, report, host, output);
                break;
            default:
                OutputSink.WriteText(context, output, w => BootTableRenderer.Render(report, w));
                break;
        }

        foreach (BootDomainReport d in report.Domains)
        {
            if (d.Domain.Verdict == BootDomainVerdict.Differs)
            {
                context.Error.WriteLine($"note: {d.Domain.Name}: the regions differ from those in {report.LogFile}: {d.Domain.LogComparison!.Summary}");
            }
        }

        return 0;
    }

    private static void WriteSvg(CliContext context, BootReport report, string? output)
    {
        var maps = report.Domains.Where(d => d.Report is not null).Select(d => d.Report!).ToList();
        if (maps.Count == 0)
        {
            throw new CliInputException("--format svg: no domain of this boot could be computed (see the table for what is missing)");
        }

        OutputSink.WriteText(context, output, w => SvgRenderer.RenderMany(maps, w));
    }

    // An overlay is for one Zephyr build, so one domain.
    private static void WriteZephyr(CliContext context, BootReport report, string? output)
    {
        var withNode = report.Domains.Where(d => d.Report?.Hypervisor is not null).ToList();
        if (withNode.Count == 0)
        {
            throw new CliInputException("--format zephyr: no domain of this boot gets a /hypervisor node that could be built (see the warnings)");
        }

        if (withNode.Count > 1)
        {
            throw new CliInputException("--format zephyr writes one domain's overlay: choose a domain with --domain (" + string.Join(", ", withNode.Select(d => d.Domain.Name)) + ")");
        }

        OutputSink.WriteText(context, output, w => ZephyrOverlayRenderer.Render(withNode[0].Report!, w));
    }

    // A DTB holds one tree: the hardware domain's is the host tree with /hypervisor added; a domU's is a 2/2-cell root
    // with its /hypervisor node (the rest of a domU's tree is Xen's own making).
    private static void WriteDtb(CliContext context, BootReport report, LoadedTree host, string? output)
    {
        var withNode = report.Domains.Where(d => d.Report?.Hypervisor is not null).ToList();
        if (withNode.Count == 0)
        {
            throw new CliInputException("--format dtb: no domain of this boot gets a /hypervisor node that could be built (see the warnings)");
        }

        if (withNode.Count > 1)
        {
            throw new CliInputException("--format dtb writes one tree: choose a domain with --domain (" + string.Join(", ", withNode.Select(d => d.Domain.Name)) + ")");
        }

        BootDomainReport chosen = withNode[0];
        LoadedTree? tree = chosen.Domain.IsHardwareDomain && chosen.Domain.NodePath == "/chosen" ? host : null;
        OutputSink.WriteBytes(context, output, context.Backend.WriteDtbWithHypervisor(tree, chosen.Report!), "dtb");
    }
}
