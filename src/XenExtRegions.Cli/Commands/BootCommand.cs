using System;
using System.CommandLine;
using System.Linq;
using XenExtRegions.Boot;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>boot</c>: every domain Xen builds at boot, from the host tree and (after a boot) Xen's console log.</summary>
internal static class BootCommand
{
    public static Command Build(CliContext context)
    {
        var dtb = new Option<string?>("--dtb") { Description = "The host device tree Xen booted with (DTB or DTS), with /chosen holding Xen's command line and the dom0less domain nodes. Default: the embedded sample board (Renesas Salvator-X H3)", HelpName = "FILE" };
        var xenLog = new Option<string?>("--xen-log") { Description = "Xen's console log of that boot (serial capture, 'xl dmesg' or the console ring): every domain is checked against Xen's own lines. Needs --dtb", HelpName = "FILE" };
        var version = new Option<string?>("--xen-version") { Description = "Xen release whose behaviour to reproduce, e.g. 4.20.1 or a banner's 4.20.5-pre [default: the log's banner, else the latest]", HelpName = "V" };
        var iommu = new Option<bool>("--iommu") { Description = "I/O virtualisation is on (Xen's find_memory_holes for host-layout domains), whatever the log or tree say" };
        var noIommu = new Option<bool>("--no-iommu") { Description = "I/O virtualisation is off (find_host_extended_regions), whatever the log or tree say" };
        var extRegions = new Option<string?>("--ext-regions") { Description = "Xen's ext_regions= option [default: the command line of the log or the tree, else on]", HelpName = "on|off" };
        extRegions.AcceptOnlyFromAmong("on", "off");
        var ipaBits = CliOptions.Bits("--ipa-bits", "Stage-2 IPA width, as Xen prints 'P2M: N-bit IPA' [default: the log's, else 40]", 40);
        var dom0Bank = CliOptions.StartSizeList("--dom0-bank", "A bank of Dom0's RAM, as Xen prints 'BANK[n]' [default: the log's]", MemoryBankKind.DomainRam);
        var gnttab = CliOptions.StartSize("--gnttab", "Dom0's grant-table window, as Xen prints 'Grant table range' [default: the log's]", MemoryBankKind.GrantTable);
        var ram = CliOptions.StartSizeList("--ram", "Host RAM bank, replacing the tree's memory nodes and the log's 'RAM:' lines", MemoryBankKind.HostRam);
        var reserved = CliOptions.StartSizeList("--reserved", "Reserved memory bank, replacing the tree's reserved memory and the log's 'RESVD' lines", MemoryBankKind.ReservedMemory);
        var exclude = CliOptions.StartSizeList("--exclude", "Address space known not to be free (checked by the audit; Xen does not know it)", MemoryBankKind.UserExclusion);
        var domain = new Option<string?>("--domain") { Description = "Show one domain: its Xen name (d0, d1…) or its node path (/chosen/domU1)", HelpName = "dN|PATH" };
        var format = CliOptions.Format("table", "table", "json", "dts", "dtb", "svg", "zephyr");
        var output = CliOptions.Output();
        var command = new Command("boot", "Every domain Xen builds at boot (the hardware domain and each dom0less domain, with Xen's ids), from the host tree and, after a boot, checked against Xen's log")
        {
            dtb, xenLog, version, iommu, noIommu, extRegions, ipaBits, dom0Bank, gnttab, ram, reserved, exclude, domain, format, output,
        };
        command.SetAction(parse =>
        {
            string? dtbPath = parse.GetValue(dtb);
            string? logPath = parse.GetValue(xenLog);
            XenLogInput.WarnWithoutTree(context, logPath, dtbPath);

            bool? forcedIommu = CliOptions.OnOff(parse, iommu, noIommu);
            string? requested = parse.GetValue(version);
            string? normalised = requested is null ? null : RegionOutput.Version(context, requested, null);
            (LoadedTree host, XenBootLog? log, bool onBoard) = HostInput.Load(context, dtbPath, logPath, requested);
            var request = new BootRequest
            {
                Host = host,
                Log = log,
                LogFile = logPath is null ? null : InputFiles.DisplayName(logPath),
                XenVersion = normalised,
                Iommu = forcedIommu,
                ExtendedRegions = parse.GetValue(extRegions) is { } e ? e == "on" : null,
                IpaBits = parse.GetResult(ipaBits) is { Implicit: false } ? parse.GetValue(ipaBits) : null,
                Dom0Ram = parse.GetValue(dom0Bank) is { Count: > 0 } banks ? banks : onBoard ? [SampleBoard.Dom0Ram] : null,
                Dom0GrantTable = parse.GetValue(gnttab) ?? (onBoard ? SampleBoard.GrantTable : null),
                HostRam = parse.GetValue(ram) is { Count: > 0 } r ? r : null,
                Reserved = parse.GetValue(reserved) is { Count: > 0 } s ? s : null,
                Exclusions = parse.GetValue(exclude) ?? [],
            };

            BootReport report = context.Backend.AnalyzeBoot(request);
            report = Select(report, parse.GetValue(domain));
            return BootOutput.Write(context, report, host, parse.GetValue(format) ?? "table", parse.GetValue(output));
        });
        return command;
    }

    private static BootReport Select(BootReport report, string? which)
    {
        if (which is null)
        {
            return report;
        }

        BootDomainReport? chosen = report.Domains.FirstOrDefault(d =>
            string.Equals(d.Domain.Name, which, StringComparison.Ordinal) || string.Equals(d.Domain.NodePath, which, StringComparison.Ordinal));
        if (chosen is null)
        {
            throw new CliInputException("--domain: no domain '" + which + "' in this boot (domains: "
                + string.Join(", ", report.Domains.Select(d => d.Domain.Name + " " + d.Domain.NodePath)) + ")");
        }

        return report with { Domains = [chosen] };
    }
}
