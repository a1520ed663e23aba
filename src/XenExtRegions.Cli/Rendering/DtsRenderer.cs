using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using XenExtRegions.Memory;

namespace XenExtRegions.Cli.Rendering;

/// <summary>
/// Writes the /hypervisor node as a complete DTS document (root cells included, so it re-reads on its own), with
/// reg = region 0 (grant table) then the extended regions, encoded with the root's cell counts as Xen does.
/// </summary>
internal static class DtsRenderer
{
    public static void Render(RegionReport report, TextWriter w)
    {
        if (report.Hypervisor is { } node)
        {
            w.Write(Wiring.LibraryBackend.HypervisorDts(node));
            return;
        }

        w.WriteLine("/dts-v1/;");
        w.WriteLine();
        w.WriteLine("/ {");
        w.WriteLine($"\t#address-cells = <{report.AddressCells}>;");
        w.WriteLine($"\t#size-cells = <{report.SizeCells}>;");
        w.WriteLine();
        w.WriteLine("\thypervisor {");
        w.WriteLine($"\t\tcompatible = \"xen,xen-{MajorMinor(report.XenVersion)}\", \"xen,xen\";");
        var entries = new List<MemoryBank>();
        entries.Add(report.GrantTable ?? new MemoryBank(0, 0, MemoryBankKind.GrantTable));
        entries.AddRange(report.Regions);
        var sb = new StringBuilder();
        sb.Append("\t\treg = ");
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(",\n\t\t      ");
            }

            sb.Append('<');
            AppendCells(sb, entries[i].Start, report.AddressCells);
            sb.Append(' ');
            AppendCells(sb, entries[i].Size, report.SizeCells);
            sb.Append('>');
        }

        sb.Append(';');
        w.WriteLine(sb.ToString());
        if (report.EventChannelPpi is { } ppi)
        {
            // PPI n is written as interrupt type 1, number n - 16; flags: level low (8) on CPU mask 0xf.
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\t\tinterrupts = <0x1 0x{ppi - 16:x} 0xf08>;"));
        }

        if (report.InterruptParent is { } parent)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\t\tinterrupt-parent = <0x{parent:x}>;"));
        }

        w.WriteLine("\t};");
        w.WriteLine("};");
    }

    /// <summary>"4.22.1" → "4.22"; "latest" stays as given.</summary>
    public static string MajorMinor(string version)
    {
        // Master prints as 4.23-unstable; Xen's compatible has major.minor only.
        string[] parts = version.Split('-')[0].Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static void AppendCells(StringBuilder sb, ulong value, int cells)
    {
        // Xen writes the low 'cells' 32-bit words; a value wider than that is truncated (dt_child_set_range).
        for (int c = cells - 1; c >= 0; c--)
        {
            uint word = c >= 2 ? 0u : (uint)(value >> (32 * c));
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"0x{word:x}"));
            if (c > 0)
            {
                sb.Append(' ');
            }
        }
    }
}
