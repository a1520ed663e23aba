using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using XenExtRegions.Cli.Rendering;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Commands;

/// <summary><c>guest FILE</c>: the guest's side — checks a /hypervisor node as Linux would and shows the usable windows.</summary>
internal static class GuestCommand
{
    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A guest device tree (DTB or DTS) with a /hypervisor node ('-': standard input)" };
        var section = CliOptions.Number("--section-size", "Linux memory-section size; only section-aligned windows are usable (arm64 4K pages: 128M)", 128UL << 20);
        var format = CliOptions.Format("table", "table", "json");
        var output = CliOptions.Output();
        var command = new Command("guest", "Check a guest tree's /hypervisor regions as a Linux guest (Linux's arch/arm/xen/enlighten.c) and a Zephyr build (Zephyr's drivers/xen/regions.c) would") { file, section, format, output };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            ulong sectionSize = parse.GetValue(section);
            if (sectionSize == 0 || (sectionSize & (sectionSize - 1)) != 0)
            {
                throw new CliInputException($"--section-size: {sectionSize} is not a power of two");
            }

            LoadedTree tree = context.Backend.LoadTree(InputFiles.DisplayName(path), InputFiles.ReadBytes(path, "FILE"));
            GuestReport report = context.Backend.CheckGuest(tree, sectionSize);
            if (parse.GetValue(format) == "json")
            {
                var doc = new JsonGuestDocument(
                    report.GrantTable is { } g ? JsonRenderer.Range(g) : null,
                    report.Regions.Select(r => JsonRenderer.Range(r)).ToList(),
                    Hex.Of(report.SectionSize),
                    report.LinuxAccepts,
                    report.UsableWindows.Select(w => new JsonGuestWindow(w.Region, Hex.Of(w.Window.Start), Hex.Of(w.Window.Size), Hex.End(w.Window))).ToList(),
                    Hex.Of(report.UsableWindows.Aggregate(0UL, (s, w) => s + w.Window.Size)),
                    report.Problems,
                    report.Zephyr.BuildSucceeds,
                    ZephyrProblems(report.Zephyr));
                OutputSink.WriteText(context, parse.GetValue(output), w => JsonRenderer.Write(doc, w));
            }
            else
            {
                OutputSink.WriteText(context, parse.GetValue(output), w => RenderTable(report, tree.Source, w));
            }

            if (report.Regions.Count == 0)
            {
                context.Error.WriteLine("warning: the /hypervisor node has no extended region (Linux: \"No extended regions are found\")");
            }

            return 0;
        });
        return command;
    }

    private static void RenderTable(GuestReport report, string source, System.IO.TextWriter w)
    {
        w.WriteLine($"Guest tree {source}");
        if (report.GrantTable is { } g)
        {
            w.WriteLine($"  reg[0] grant table  {Hex.Of(g.Start)} size {Hex.Of(g.Size)} ({Hex.Size(g.Size)})");
        }

        for (int i = 0; i < report.Regions.Count; i++)
        {
            MemoryBank r = report.Regions[i];
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reg[{i + 1}]  {Hex.Of(r.Start)}->{Hex.End(r)}  ({Hex.Size(r.Size)})"));
        }

        w.WriteLine();
        w.WriteLine(report.LinuxAccepts
            ? "Linux accepts the list (ascending, no overlap)."
            : "Linux REJECTS the list: the extended-region feature is disabled.");
        w.WriteLine($"Windows usable by a Linux guest with {Hex.Size(report.SectionSize)} memory sections:");
        if (report.UsableWindows.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach ((int region, MemoryBank window) in report.UsableWindows)
        {
            w.WriteLine($"  in reg[{region}]  {Hex.Of(window.Start)}->{Hex.End(window)}  ({Hex.Size(window.Size)})");
        }

        foreach (string problem in report.Problems)
        {
            w.WriteLine($"  problem: {problem}");
        }

        // Zephyr reads the node from its board devicetree at build time (drivers/xen/regions.c) and checks every reg entry.
        w.WriteLine();
        w.WriteLine(report.Zephyr.BuildSucceeds
            ? "Zephyr: a build with this node in its board devicetree passes its checks (4 KiB pages; the kernel's virtual-memory area is not checked)."
            : "Zephyr: a build with this node in its board devicetree FAILS (one bad entry stops the build):");
        foreach (ZephyrRegionVerdict v in report.Zephyr.Entries)
        {
            string what = v.RegIndex == 0 ? "grant table" : "region";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reg[{v.RegIndex}] {what}  {(v.Usable ? "usable" : "refused: " + v.Problem)}"));
        }

        if (report.Zephyr.Rejection is { } rejection)
        {
            w.WriteLine($"  problem: {rejection}");
        }
    }

    private static List<string> ZephyrProblems(ZephyrGuestReport zephyr)
    {
        var problems = zephyr.Entries.Where(e => !e.Usable).Select(e => string.Create(CultureInfo.InvariantCulture, $"reg[{e.RegIndex}] {e.Problem}")).ToList();
        if (zephyr.Rejection is { } r)
        {
            problems.Add(r);
        }

        return problems;
    }
}
