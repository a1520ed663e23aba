using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>dtc's phandle checks: explicit_phandles, phandle_references and interrupts_property (same rules).</summary>
internal static class DtcPhandleChecks
{
    public static void ExplicitPhandles(CheckRun run)
    {
        Dictionary<uint, DeviceTreeNode> phandles = run.Scope.Phandles;
        foreach (DeviceTreeNode node in run.Nodes)
        {
            uint phandle = Read(run, node, "phandle");
            uint legacy = Read(run, node, "linux,phandle");
            if (phandle == 0 && legacy == 0)
            {
                continue;
            }

            if (phandle != 0 && legacy != 0 && phandle != legacy)
            {
                run.Fail(node, "mismatching 'phandle' and 'linux,phandle' properties");
            }

            if (phandle == 0)
            {
                phandle = legacy;
            }

            if (phandles.TryGetValue(phandle, out DeviceTreeNode? other))
            {
                run.Fail(node, string.Format(CultureInfo.InvariantCulture, "duplicated phandle 0x{0:x} (seen before at {1})", phandle, other.Path));
                continue;
            }

            phandles.Add(phandle, node);
        }
    }

    /// <summary>
    /// In a built tree every reference is already a number, so there is nothing left to resolve (dtc too finds nothing
    /// here in a DTB). References in DTS source that name no node are reported by <see cref="DeviceTreeChecker.CheckSource"/>.
    /// </summary>
    public static void PhandleReferences(CheckRun run)
    {
    }

    public static void InterruptsProperty(CheckRun run)
    {
        foreach (DeviceTreeNode node in run.Nodes)
        {
            if (node.GetProperty("interrupts") is not { } interrupts)
            {
                continue;
            }

            if (interrupts.Length % 4 != 0)
            {
                run.Fail(node, interrupts.Name, string.Format(CultureInfo.InvariantCulture, "size ({0}) is invalid, expected multiple of 4", interrupts.Length));
            }

            DeviceTreeNode? controller = FindInterruptParent(run, node, out bool gaveUp);
            if (gaveUp)
            {
                continue;
            }

            if (controller is null)
            {
                run.Fail(node, "Missing interrupt-parent");
                continue;
            }

            if (controller.GetProperty("#interrupt-cells") is not { } cellsProperty)
            {
                continue; // dtc reports that under interrupt_provider.
            }

            long width = (long)CellOf(cellsProperty) * 4;
            if (!CheckScope.IsMultipleOf(interrupts.Length, width))
            {
                // dtc names the controller's #interrupt-cells after the interrupting node's path.
                run.Fail(node, cellsProperty.Name, string.Format(CultureInfo.InvariantCulture, "size is ({0}), expected multiple of {1}", interrupts.Length, unchecked((int)width)));
            }
        }
    }

    private static DeviceTreeNode? FindInterruptParent(CheckRun run, DeviceTreeNode node, out bool gaveUp)
    {
        gaveUp = false;
        for (DeviceTreeNode? current = node; current is not null; current = current.Parent)
        {
            if (current != node && IsInterruptProvider(current))
            {
                return current;
            }

            if (current.GetProperty("interrupt-parent") is not { } link)
            {
                continue;
            }

            uint phandle = CellOf(link);
            if (!IsValid(phandle))
            {
                // dtc stops the walk here and then also says the parent is missing.
                run.Fail(current, link.Name, "Invalid phandle");
                return null;
            }

            if (!run.Scope.Phandles.TryGetValue(phandle, out DeviceTreeNode? target))
            {
                run.Fail(current, link.Name, "Bad phandle");
                gaveUp = true;
                return null;
            }

            if (!IsInterruptProvider(target))
            {
                run.Fail(target, "Missing interrupt-controller or interrupt-map property");
            }

            return target;
        }

        return null;
    }

    private static bool IsInterruptProvider(DeviceTreeNode node) => node.HasProperty("interrupt-controller") || node.HasProperty("interrupt-map");

    private static bool IsValid(uint phandle) => phandle != 0 && phandle != uint.MaxValue;

    /// <summary>The first cell, or 0 for a value shorter than a cell (dtc asserts one cell here).</summary>
    private static uint CellOf(DeviceTreeProperty property) => property.Length < 4 ? 0 : BinaryPrimitives.ReadUInt32BigEndian(property.Span);

    private static uint Read(CheckRun run, DeviceTreeNode node, string name)
    {
        if (node.GetProperty(name) is not { } property)
        {
            return 0;
        }

        if (property.Length != 4)
        {
            run.Fail(node, name, string.Format(CultureInfo.InvariantCulture, "bad length ({0}) {1} property", property.Length, name));
            return 0;
        }

        uint value = CellOf(property);
        if (!IsValid(value))
        {
            run.Fail(node, name, string.Format(CultureInfo.InvariantCulture, "bad value (0x{0:x}) in {1} property", value, name));
            return 0;
        }

        return value;
    }
}
