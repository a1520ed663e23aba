using System.Collections.Generic;
using System.IO;

namespace XenExtRegions.Cli.Rendering;

/// <summary>The closing sections every table shares: warnings (always, "none" when empty) and notes (only when any).</summary>
internal static class TableSections
{
    public static void WarningsAndNotes(IReadOnlyList<string> warnings, IReadOnlyList<string> notes, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine("Warnings");
        if (warnings.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach (string warning in warnings)
        {
            w.WriteLine($"  {warning}");
        }

        if (notes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Notes");
            foreach (string note in notes)
            {
                w.WriteLine($"  {note}");
            }
        }
    }
}
