using System.IO;
using XenExtRegions.Boot;

namespace XenExtRegions.Cli.Rendering;

/// <summary>Each domain's /hypervisor node as a complete DTS document, one after the other, each headed by a comment naming the domain.</summary>
internal static class BootDtsRenderer
{
    public static void Render(BootReport report, TextWriter w)
    {
        bool first = true;
        foreach (BootDomainReport d in report.Domains)
        {
            if (!first)
            {
                w.WriteLine();
            }

            first = false;
            w.WriteLine($"// {d.Domain.Name} {d.Domain.NodePath}: {d.Domain.Description}");
            if (d.Report is null)
            {
                w.WriteLine("// not computed: " + string.Join("; ", d.Domain.MissingFacts));
            }
            else if (d.Domain.Result?.Outcome == XenExtRegions.ExtendedRegions.ExtendedRegionsOutcome.NoHypervisorNode)
            {
                w.WriteLine("// no /hypervisor node: the domain node has no xen,enhanced");
            }
            else
            {
                DtsRenderer.Render(d.Report, w);
            }
        }
    }
}
