using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using XenExtRegions.Cli.Boards;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.Memory;
using XenExtRegions.XenLog;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>dom0</c>: the extended regions Xen gives a direct-mapped Dom0.</summary>
internal static class Dom0Command
{
    public static Command Build(CliContext context)
    {
        var dtb = new Option<string?>("--dtb") { Description = "Host device tree, DTB or DTS (detected by content). Default: the embedded sample board (Renesas Salvator-X H3)", HelpName = "FILE" };
        var iommu = new Option<bool>("--iommu") { Description = "Dom0 is behind an IOMMU: regions are the holes of the host tree (Xen's find_memory_holes) instead of unused host RAM [default: the log's 'I/O virtualisation' line, else off]" };
        var noIommu = new Option<bool>("--no-iommu") { Description = "Dom0 is not behind an IOMMU, whatever the log says" };
        var extRegionsOption = new Option<string?>("--ext-regions") { Description = "Xen's ext_regions= option [default: the log's command line or its 'extended regions support is disabled' line, else on]", HelpName = "on|off" };
        extRegionsOption.AcceptOnlyFromAmong("on", "off");
        var ipaBits = CliOptions.Bits("--ipa-bits", "Stage-2 IPA width in bits, as Xen prints 'P2M: N-bit IPA'", 40);
        var dom0Bank = CliOptions.StartSizeList("--dom0-bank", "A bank of Dom0's RAM, as Xen prints 'BANK[n]'", MemoryBankKind.DomainRam);
        var gnttab = CliOptions.StartSize("--gnttab", "Dom0's grant-table window, as Xen prints 'Grant table range'", MemoryBankKind.GrantTable);
        var ram = CliOptions.StartSizeList("--ram", "Host RAM bank, replacing the tree's memory nodes", MemoryBankKind.HostRam);
        var reserved = CliOptions.StartSizeList("--reserved", "Reserved memory bank, replacing the tree's reserved-memory facts", MemoryBankKind.ReservedMemory);
        var xenLog = new Option<string?>("--xen-log") { Description = "A Xen boot log: fills host RAM, reserved memory, modules, Dom0 banks, grant table, IPA width and version (explicit options win), and compares its extended regions with ours", HelpName = "FILE" };
        var exclude = CliOptions.StartSizeList("--exclude", "Address space known not to be free (e.g. an FPGA aperture missing from the tree)", MemoryBankKind.UserExclusion);
        var version = new Option<string?>("--xen-version") { Description = "Xen release whose behaviour to reproduce: " + LibraryBackend.KnownReleases + " [default: latest, or the log's banner]", HelpName = "V" };
        var format = CliOptions.Format("table", "table", "json", "dts", "dtb", "svg", "zephyr");
        var output = CliOptions.Output();

        var command = new Command("dom0", "Compute the extended regions Xen advertises to a direct-mapped Dom0 (Xen's find_host_extended_regions, or find_memory_holes with an IOMMU)")
        {
            dtb, iommu, noIommu, extRegionsOption, ipaBits, dom0Bank, gnttab, ram, reserved, xenLog, exclude, version, format, output,
        };

        command.SetAction(parse =>
        {
            string? dtbPath = parse.GetValue(dtb);
            string? logPath = parse.GetValue(xenLog);
            XenLogInput.WarnWithoutTree(context, logPath, dtbPath);

            bool? forcedIommu = CliOptions.OnOff(parse, iommu, noIommu);
            string? requestedVersion = parse.GetValue(version);
            (LoadedTree host, XenBootLog? log, bool onBoard) = HostInput.Load(context, dtbPath, logPath, requestedVersion);
            string xenVersion = RegionOutput.Version(context, requestedVersion, log?.Version);

            // Explicit options win; then what the log says Xen did (I/O virtualisation, ext_regions), then the defaults.
            bool useIommu = forcedIommu ?? log?.IommuEnabled == true;
            bool extRegions = parse.GetValue(extRegionsOption) is { } e ? e == "on" : LoggedExtendedRegions(log) ?? true;
            List<MemoryBank>? dom0Ram = parse.GetValue(dom0Bank) is { Count: > 0 } banks ? banks
                : log is { Dom0Ram.Count: > 0 } ? log.Dom0Ram.ToList()
                : onBoard ? [SampleBoard.Dom0Ram] : null;
            MemoryBank? grant = parse.GetValue(gnttab) ?? log?.GrantTable ?? (onBoard ? SampleBoard.GrantTable : null);
            bool needsBanks = !useIommu && extRegions;
            if (needsBanks && dom0Ram is null)
            {
                throw new CliInputException("--dom0-bank: Dom0's RAM is not in a host tree; give --dom0-bank START:SIZE (Xen prints it as 'BANK[n]') or a --xen-log with BANK lines, or use --iommu");
            }

            if (needsBanks && grant is null)
            {
                throw new CliInputException("--gnttab: Dom0's grant-table window is not in a host tree; give --gnttab START:SIZE (Xen prints 'Grant table range') or a --xen-log that has it");
            }

            bool ipaGiven = parse.GetResult(ipaBits) is { Implicit: false };
            var request = new Dom0Request
            {
                Host = host,
                XenVersion = xenVersion,
                Iommu = useIommu,
                ExtendedRegions = extRegions,
                IpaBits = ipaGiven ? parse.GetValue(ipaBits) : log?.IpaBits ?? parse.GetValue(ipaBits),
                Dom0Ram = dom0Ram,
                GrantTable = grant,
                HostRam = parse.GetValue(ram) is { Count: > 0 } r ? r : log is { HostRam.Count: > 0 } ? log.HostRam : null,
                Reserved = parse.GetValue(reserved) is { Count: > 0 } s ? s : log is { ReservedLines.Count: > 0 } ? log.Reserved : null,
                Modules = log is { Modules.Count: > 0 } ? log.Modules : null,
                Exclusions = parse.GetValue(exclude) ?? [],
                XenLogFile = logPath is null ? null : InputFiles.DisplayName(logPath),
            };

            var report = context.Backend.ComputeDom0(request);
            report = report with { Log = RegionOutput.Compare(log, request.XenLogFile, report.Regions) };
            return RegionOutput.Write(context, report, host, parse.GetValue(format) ?? "table", parse.GetValue(output));
        });
        return command;
    }

    /// <summary>ext_regions as the log shows it: its command line, else Xen's "disabled" line for d0; null when it says neither.</summary>
    private static bool? LoggedExtendedRegions(XenBootLog? log)
    {
        if (log is null)
        {
            return null;
        }

        if (XenExtRegions.Boot.XenCommandLine.Parse(log.CommandLine).ExtendedRegions is bool fromCommandLine)
        {
            return fromCommandLine;
        }

        return log.FindDomain("d0")?.Outcome == XenLogRegionsOutcome.Disabled ? false : null;
    }
}

