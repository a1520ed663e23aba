using System;
using System.CommandLine;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary>
/// <c>domu</c>: the extended regions of one DomU: toolstack-built by libxl, or dom0less built by Xen at boot, either
/// from <c>--memory</c> or from its <c>xen,domain</c> node in a host tree; optionally checked against Xen's log.
/// </summary>
internal static class DomUCommand
{
    public static Command Build(CliContext context)
    {
        var memory = CliOptions.Number("--memory", "Guest RAM size, split over the guest RAM banks as the toolstack does (not with --dtb: the node's memory is used)");
        var gpaddrBits = CliOptions.Bits("--gpaddr-bits", "Guest physical address width in bits, as libxl reads gpaddr_bits (Xen's 'P2M: N-bit IPA' for dom0less)", 40);
        var dom0less = new Option<bool>("--dom0less") { Description = "A dom0less DomU built by Xen at boot (xen,enhanced), not by libxl" };
        var exclude = CliOptions.StartSizeList("--exclude", "Guest address space not free (iomem pass-through, xen,reg)", MemoryBankKind.UserExclusion);
        var version = new Option<string?>("--xen-version") { Description = "Xen release whose behaviour to reproduce [default: the log's banner, else the latest]", HelpName = "V" };
        var dtb = new Option<string?>("--dtb") { Description = "Host tree with the dom0less domain nodes: compute the domain chosen with --domain from its node", HelpName = "FILE" };
        var domain = new Option<string?>("--domain") { Description = "The domain: Xen's name (d1, d2…) or, with --dtb, its node path [default: d1, or the first dom0less domain of the tree]", HelpName = "dN|PATH" };
        var xenLog = new Option<string?>("--xen-log") { Description = "Xen's boot log: compare with that domain's 'dN: extended region' lines", HelpName = "FILE" };
        var format = CliOptions.Format("table", "table", "json", "dts", "dtb", "svg", "zephyr");
        var output = CliOptions.Output();
        var command = new Command("domu", "Compute the extended regions of a DomU (libxl, or Xen's find_domU_holes with --dom0less or --dtb)")
        {
            memory, gpaddrBits, dom0less, exclude, version, dtb, domain, xenLog, format, output,
        };
        command.SetAction(parse =>
        {
            string? dtbPath = parse.GetValue(dtb);
            string? logPath = parse.GetValue(xenLog);
            string? requested = parse.GetValue(version);
            if (dtbPath is not null)
            {
                if (parse.GetResult(memory) is { Implicit: false })
                {
                    throw new CliInputException("--memory: with --dtb the domain's memory comes from its node; leave --memory out");
                }

                return FromTree(context, dtbPath, logPath, requested, parse.GetValue(domain), parse.GetResult(gpaddrBits) is { Implicit: false } ? parse.GetValue(gpaddrBits) : null, parse.GetValue(format) ?? "table", parse.GetValue(output));
            }

            if (parse.GetResult(memory) is not { Implicit: false })
            {
                throw new CliInputException("--memory: give the guest's RAM size (or --dtb with its domain node)");
            }

            ulong size = parse.GetValue(memory);
            if (size == 0)
            {
                throw new CliInputException("--memory: a guest needs some RAM (got 0)");
            }

            string name = parse.GetValue(domain) ?? "d1";
            if (!IsDomainName(name))
            {
                throw new CliInputException("--domain: without --dtb a domain is named as Xen names it (d1, d2…), not '" + name + "'");
            }

            XenBootLog? log = logPath is null ? null : XenLogInput.Read(context, logPath, requested, null);
            var request = new DomURequest
            {
                XenVersion = RegionOutput.Version(context, requested, log?.Version),
                DomainName = name,
                Memory = size,
                GpaddrBits = parse.GetValue(gpaddrBits),
                Dom0less = parse.GetValue(dom0less),
                Exclusions = parse.GetValue(exclude) ?? [],
            };
            var report = context.Backend.ComputeDomU(request);
            if (log is not null)
            {
                report = report with { Log = RegionOutput.Compare(log, InputFiles.DisplayName(logPath!), name, report.Regions) };
            }

            return RegionOutput.Write(context, report, null, parse.GetValue(format) ?? "table", parse.GetValue(output));
        });
        return command;
    }

    // One dom0less domain through the boot analysis: its node, the shared facts of the boot, and the log's lines for it.
    private static int FromTree(CliContext context, string dtbPath, string? logPath, string? requested, string? which, int? ipaBits, string format, string? output)
    {
        LoadedTree host = context.Backend.LoadTree(InputFiles.DisplayName(dtbPath), InputFiles.ReadBytes(dtbPath, "--dtb"));
        XenBootLog? log = logPath is null ? null : XenLogInput.Read(context, logPath, requested, host);
        BootReport boot = context.Backend.AnalyzeBoot(new BootRequest
        {
            Host = host,
            Log = log,
            LogFile = logPath is null ? null : InputFiles.DisplayName(logPath),
            XenVersion = requested is null ? null : RegionOutput.Version(context, requested, null),
            IpaBits = ipaBits,
        });
        var domUs = boot.Domains.Where(d => !d.Domain.IsHardwareDomain).ToList();
        BootDomainReport? chosen = which is null
            ? domUs.FirstOrDefault()
            : boot.Domains.FirstOrDefault(d => d.Domain.Name == which || d.Domain.NodePath == which);
        if (chosen is null)
        {
            throw new CliInputException(which is null
                ? "--dtb: " + host.Source + " has no dom0less domain node (compatible \"xen,domain\" under /chosen)"
                : "--domain: no domain '" + which + "' in " + host.Source + " (domains: " + string.Join(", ", boot.Domains.Select(d => d.Domain.Name + " " + d.Domain.NodePath)) + ")");
        }

        if (chosen.Report is null)
        {
            throw new CliInputException("--domain: " + chosen.Domain.Name + " cannot be computed: "
                + string.Join("; ", chosen.Domain.MissingFacts.Concat(boot.Analysis.Findings.Where(f => f.Domain == chosen.Domain.Name).Select(f => f.Message))));
        }

        foreach (XenExtRegions.Boot.BootFinding f in boot.Analysis.Findings.Where(f => f.Domain is null || f.Domain == chosen.Domain.Name))
        {
            context.Error.WriteLine((f.Severity == XenExtRegions.Boot.BootFindingSeverity.Note ? "note: " : "warning: ") + f);
        }

        return RegionOutput.Write(context, chosen.Report, null, format, output);
    }

    private static bool IsDomainName(string text) => text.Length > 1 && text[0] == 'd' && text.Skip(1).All(char.IsDigit);
}
