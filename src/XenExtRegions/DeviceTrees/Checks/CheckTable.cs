using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Every check, in run order (prerequisites first). dtc's names, severities and prerequisite edges are dtc's own
/// (checks.c); ids are ours and never change once given.
/// </summary>
internal static class CheckTable
{
    private const DeviceTreeCheckSeverity W = DeviceTreeCheckSeverity.Warning;
    private const DeviceTreeCheckSeverity E = DeviceTreeCheckSeverity.Error;

    public static IReadOnlyList<CheckDefinition> All { get; } = new[]
    {
        new CheckDefinition("unit_address_vs_reg", "DTC001", W, DtcUnitAddressChecks.UnitAddressVsReg),
        new CheckDefinition("explicit_phandles", "DTC002", E, DtcPhandleChecks.ExplicitPhandles),
        new CheckDefinition("phandle_references", "DTC003", E, DtcPhandleChecks.PhandleReferences, "explicit_phandles"),
        new CheckDefinition("address_cells_is_cell", "DTC004", W, DtcCellChecks.AddressCellsIsCell),
        new CheckDefinition("size_cells_is_cell", "DTC005", W, DtcCellChecks.SizeCellsIsCell),
        new CheckDefinition("compatible_is_string_list", "DTC006", W, DtcCellChecks.CompatibleIsStringList),
        new CheckDefinition("addr_size_cells", "DTC007", W, _ => { }, "address_cells_is_cell", "size_cells_is_cell"),
        new CheckDefinition("reg_format", "DTC008", W, DtcCellChecks.RegFormat, "addr_size_cells"),
        new CheckDefinition("ranges_format", "DTC009", W, DtcCellChecks.RangesFormat, "addr_size_cells"),
        new CheckDefinition("simple_bus_bridge", "DTC010", W, DtcUnitAddressChecks.SimpleBusBridge, "addr_size_cells", "compatible_is_string_list"),
        new CheckDefinition("simple_bus_reg", "DTC011", W, DtcUnitAddressChecks.SimpleBusReg, "reg_format", "simple_bus_bridge"),
        new CheckDefinition("avoid_default_addr_size", "DTC012", W, DtcCellChecks.AvoidDefaultAddrSize, "addr_size_cells"),
        new CheckDefinition("avoid_unnecessary_addr_size", "DTC013", W, DtcCellChecks.AvoidUnnecessaryAddrSize, "avoid_default_addr_size"),
        new CheckDefinition("unique_unit_address", "DTC014", W, DtcUnitAddressChecks.UniqueUnitAddress, "avoid_default_addr_size"),
        new CheckDefinition("interrupts_property", "DTC015", W, DtcPhandleChecks.InterruptsProperty, "phandle_references"),
        new CheckDefinition("xen_untranslatable_reg", "XEN001", E, XenChecks.UntranslatableReg),
        new CheckDefinition("xen_zero_size_reg", "XEN002", W, XenChecks.ZeroSizeReg),
        new CheckDefinition("xen_memory_node", "XEN003", W, XenChecks.MemoryNode),
        new CheckDefinition("xen_node_too_deep", "XEN004", E, XenChecks.NodeTooDeep),
        new CheckDefinition("xen_size_cells", "XEN005", E, XenChecks.SizeCells),
    };

    public static CheckDefinition? Find(string name)
    {
        foreach (CheckDefinition check in All)
        {
            if (check.Name == name)
            {
                return check;
            }
        }

        return null;
    }

    /// <summary>As dtc: lowering a check also lowers every check that needs it.</summary>
    public static void Disable(HashSet<string> disabled, string name)
    {
        if (!disabled.Add(name))
        {
            return;
        }

        foreach (CheckDefinition dependent in All)
        {
            if (System.Array.IndexOf(dependent.Prerequisites, name) >= 0)
            {
                Disable(disabled, dependent.Name);
            }
        }
    }

    /// <summary>As dtc: raising a check also raises its prerequisites.</summary>
    public static void Enable(HashSet<string> disabled, string name)
    {
        if (!disabled.Remove(name))
        {
            return;
        }

        foreach (string prerequisite in Find(name)!.Prerequisites)
        {
            Enable(disabled, prerequisite);
        }
    }
}
