using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using XenExtRegions.Cli.Wiring;
using XenExtRegions.ExtendedRegions;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Writes a domain's hypervisor node as a Zephyr devicetree overlay fragment, the node Zephyr's xen_dom0 snippet asks
/// users to copy from Xen's "Grant table range" and "extended region" log lines: Zephyr reads the regions at build
/// time (drivers/xen/regions.c), not from the tree Xen hands it.
/// </summary>
internal static class ZephyrOverlayRenderer
{
    private const ulong PageSize = 0x1000;

    public static void Render(RegionReport report, TextWriter w)
    {
        if (report.GrantTable is not { Size: > 0 } grant)
        {
            throw new CliInputException($"--format zephyr: {report.Subject} has no grant-table window, so there is no hypervisor node to write");
        }

        var comments = new List<string>();
        var regions = new List<MemoryBank>();
        for (int i = 0; i < report.Regions.Count; i++)
        {
            MemoryBank r = report.Regions[i];
            if (r.Start == 0)
            {
                // Zephyr's block allocator cannot hold a buffer at address 0: start the region one page higher.
                if (r.Size <= PageSize)
                {
                    comments.Add(Invariant($"extended region {i} (0..{Hex.End(r)}) dropped: Zephyr refuses a region at 0 and it is no bigger than page 0"));
                    continue;
                }

                comments.Add(Invariant($"extended region {i} starts at 0: moved up one page to {Hex.Of(PageSize)} (Zephyr refuses a region at 0)"));
                r = new MemoryBank(PageSize, r.Size - PageSize, r.Kind, r.Source);
            }

            if (!Fits(r.Start, report.AddressCells) || !Fits(r.Size, report.SizeCells))
            {
                comments.Add(Invariant($"extended region {i} ({Hex.Of(r.Start)}->{Hex.End(r)}) dropped: it does not fit the root's {report.AddressCells}/{report.SizeCells} cells"));
                continue;
            }

            regions.Add(r);
        }

        if (!Fits(grant.Start, report.AddressCells) || !Fits(grant.Size, report.SizeCells))
        {
            throw new CliInputException(Invariant($"--format zephyr: the grant table {Hex.Range(grant)} does not fit the root's {report.AddressCells}/{report.SizeCells} cells"));
        }

        // What Zephyr's build will still refuse (an unaligned or page-0 grant table, no region at all) is said, not hidden.
        ZephyrGuestReport check = ZephyrGuestView.Check(regions, null, grant);
        comments.AddRange(check.Entries.Where(e => !e.Usable).Select(e => Invariant($"Zephyr's build will refuse reg[{e.RegIndex}]: {e.Problem}")));
        if (check.Rejection is not null)
        {
            comments.Add("no extended region: Zephyr's Xen region driver needs at least one; leave it out of the build or give the guest another way to map foreign pages");
        }

        w.WriteLine($"// Zephyr devicetree overlay: the hypervisor node of {report.Subject} (Xen {report.XenVersion}), from xen-ext-regions.");
        w.WriteLine($"// reg = grant table, then the extended regions, in #address-cells = <{report.AddressCells}> / #size-cells = <{report.SizeCells}>:");
        w.WriteLine("// the root of your Zephyr board's devicetree must use the same cells.");
        w.WriteLine("// Add your board's event-channel interrupt to the node, e.g.");
        w.WriteLine("//   interrupts = <GIC_PPI 0x0 IRQ_TYPE_EDGE IRQ_DEFAULT_PRIORITY>; interrupt-parent = <&gic>;");
        foreach (string comment in comments)
        {
            w.WriteLine("// note: " + comment);
        }

        w.WriteLine("/ {");
        w.WriteLine(Invariant($"\thypervisor: hypervisor@{grant.Start:x} {{"));
        w.WriteLine("\t\tcompatible = \"xen,xen\";");
        var sb = new StringBuilder("\t\treg = ");
        AppendEntry(sb, grant, report);
        foreach (MemoryBank r in regions)
        {
            sb.Append(",\n\t\t      ");
            AppendEntry(sb, r, report);
        }

        sb.Append(';');
        w.WriteLine(sb.ToString());
        w.WriteLine("\t\tstatus = \"okay\";");
        w.WriteLine("\t};");
        w.WriteLine("};");
    }

    private static bool Fits(ulong value, int cells) => cells >= 2 || (cells == 1 ? value <= uint.MaxValue : value == 0);

    private static void AppendEntry(StringBuilder sb, MemoryBank bank, RegionReport report)
    {
        sb.Append('<');
        AppendCells(sb, bank.Start, report.AddressCells);
        sb.Append(' ');
        AppendCells(sb, bank.Size, report.SizeCells);
        sb.Append('>');
    }

    private static void AppendCells(StringBuilder sb, ulong value, int cells)
    {
        for (int c = cells - 1; c >= 0; c--)
        {
            uint word = c >= 2 ? 0u : (uint)(value >> (32 * c));
            sb.Append(Invariant($"0x{word:x}"));
            if (c > 0)
            {
                sb.Append(' ');
            }
        }
    }

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
