using System;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.Memory;

namespace XenExtRegions.ExtendedRegions;

/// <summary>Builds the <c>/hypervisor</c> node from a result, as <c>make_hypervisor_node</c> (or libxl) does.</summary>
public static class HypervisorNodeBuilder
{
    /// <summary>Builds the node.</summary>
    /// <param name="result">The computed regions.</param>
    /// <param name="settings">Cells and interrupt; defaults 2/2 and no interrupt.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">A cell count is not 1 or 2 (Xen panics: "cannot cope with this size").</exception>
    public static HypervisorNode Build(ExtendedRegionsResult result, HypervisorNodeSettings? settings = null) =>
        TryBuild(result, settings, out HypervisorNode? node, out string? error) ? node : throw new ArgumentException(error, nameof(settings));

    /// <summary>Builds the node, or says why Xen would refuse.</summary>
    /// <param name="result">The computed regions.</param>
    /// <param name="settings">Cells and interrupt.</param>
    /// <param name="node">The node, when the method returns true.</param>
    /// <param name="error">Xen's refusal, when it returns false.</param>
    /// <returns>False when a cell count is not 1 or 2.</returns>
    public static bool TryBuild(
        ExtendedRegionsResult result,
        HypervisorNodeSettings? settings,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HypervisorNode? node,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        settings ??= new HypervisorNodeSettings();
        node = null;
        int ac = settings.AddressCells;
        int sc = settings.SizeCells;
        if (ac is < 1 or > 2 || sc is < 1 or > 2)
        {
            error = FormattableString.Invariant(
                $"Xen refuses to build /hypervisor: #address-cells = {ac}, #size-cells = {sc}; it can only cope with 1 or 2 (it panics).");
            return false;
        }

        var entries = new List<MemoryBank>(result.Regions.Count + 1) { result.GrantWindow };
        entries.AddRange(result.Regions);
        var warnings = new List<EngineDiagnostic>();
        byte[] reg = new byte[entries.Count * (ac + sc) * 4];
        int offset = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            offset = WriteNumber(reg, offset, ac, entries[i].Start, i, "start", warnings);
            offset = WriteNumber(reg, offset, sc, entries[i].Size, i, "size", warnings);
        }

        string[] compatible = [result.Release.CompatibleString, "xen,xen"];
        byte[] compatibleBytes = Encoding.ASCII.GetBytes(compatible[0] + "\0" + compatible[1] + "\0");
        uint[]? interrupts = null;
        if (settings.EventChannelIrq is uint irq)
        {
            // set_interrupt: a PPI (type 1) numbered from 16, CPU mask 0xf, active-low level.
            interrupts = [1, irq >= 16 ? irq - 16 : irq, XenConstants.EventChannelInterruptFlags];
        }

        node = new HypervisorNode(compatible, compatibleBytes, entries, reg, ac, sc, interrupts, settings.InterruptParent, warnings);
        error = null;
        return true;
    }

    private static int WriteNumber(byte[] reg, int offset, int cells, ulong value, int entry, string what, List<EngineDiagnostic> warnings)
    {
        if (cells == 1)
        {
            if (value > uint.MaxValue)
            {
                // dt_child_set_range keeps the low 32 bits without a check: reproduced, flagged.
                warnings.Add(new EngineDiagnostic(EngineDiagnosticId.RegValueTruncated, FormattableString.Invariant(
                    $"reg entry {entry} {what} 0x{value:x} does not fit one cell; Xen writes 0x{(uint)value:x}"), "/hypervisor"));
            }

            HypervisorNode.WriteCell(reg, offset, (uint)value);
            return offset + 4;
        }

        HypervisorNode.WriteCell(reg, offset, (uint)(value >> 32));
        HypervisorNode.WriteCell(reg, offset + 4, (uint)value);
        return offset + 8;
    }
}
