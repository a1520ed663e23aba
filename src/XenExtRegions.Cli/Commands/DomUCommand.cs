using System.CommandLine;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>domu</c>: the extended regions of a DomU (toolstack-built by libxl, or dom0less built by Xen).</summary>
internal static class DomUCommand
{
    public static Command Build(CliContext context)
    {
        var memory = CliOptions.Number("--memory", "Guest RAM size, split over the guest RAM banks as the toolstack does");
        memory.Required = true;
        var gpaddrBits = CliOptions.Bits("--gpaddr-bits", "Guest physical address width in bits, as libxl reads gpaddr_bits", 40);
        var dom0less = new Option<bool>("--dom0less") { Description = "A dom0less DomU built by Xen at boot (xen,enhanced), not by libxl" };
        var exclude = CliOptions.StartSizeList("--exclude", "Guest address space not free (iomem pass-through, xen,reg)", MemoryBankKind.UserExclusion);
        var version = new Option<string?>("--xen-version") { Description = "Xen release whose behaviour to reproduce [default: latest]", HelpName = "V" };
        var format = CliOptions.Format("table", "table", "json", "dts", "dtb", "svg");
        var output = CliOptions.Output();
        var command = new Command("domu", "Compute the extended regions of a DomU (libxl, or Xen's find_domU_holes with --dom0less)")
        {
            memory, gpaddrBits, dom0less, exclude, version, format, output,
        };
        command.SetAction(parse =>
        {
            ulong size = parse.GetValue(memory);
            if (size == 0)
            {
                throw new CliInputException("--memory: a guest needs some RAM (got 0)");
            }

            var request = new Wiring.DomURequest
            {
                XenVersion = RegionOutput.Version(context, parse.GetValue(version), null),
                Memory = size,
                GpaddrBits = parse.GetValue(gpaddrBits),
                Dom0less = parse.GetValue(dom0less),
                Exclusions = parse.GetValue(exclude) ?? [],
            };
            var report = context.Backend.ComputeDomU(request);
            return RegionOutput.Write(context, report, null, parse.GetValue(format) ?? "table", parse.GetValue(output));
        });
        return command;
    }
}
