using System;
using System.Collections.Generic;
using System.Globalization;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// The phandle steps of libfdt's fdt_overlay_apply, on the overlay's working copy: renumbering above the base's
/// maximum, <c>__local_fixups__</c>, <c>__fixups__</c> through the base's <c>__symbols__</c>, and keeping the
/// phandles of base nodes the overlay also gives one.
/// </summary>
internal static class OverlayPhandles
{
    private static readonly string[] PhandleNames = { "phandle", "linux,phandle" };

    /// <summary>overlay_adjust_local_phandles: adds <paramref name="delta"/> to every phandle of the overlay.</summary>
    public static void Renumber(OverlayTree overlay, uint delta)
    {
        foreach (OverlayNode node in overlay.Nodes())
        {
            foreach (string name in PhandleNames)
            {
                OverlayProperty? p = node.GetProperty(name);
                if (p is null)
                {
                    continue;
                }

                if (p.Value.Length != 4)
                {
                    throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadPhandle, Invariant($"{name} must be one cell, but it is {p.Value.Length} bytes long"), node.Path, name);
                }

                uint value = p.ReadCell(0);
                ulong moved = (ulong)value + delta;
                if (moved >= uint.MaxValue)
                {
                    throw new DeviceTreeOverlayException(DeviceTreeOverlayError.NoPhandles, Invariant($"{name} 0x{value:x} moved above the base tree's largest phandle 0x{delta:x} passes 0xfffffffe"), node.Path, name);
                }

                p.WriteCell(0, (uint)moved);
            }
        }
    }

    /// <summary>overlay_update_local_references: adds <paramref name="delta"/> to every cell <c>__local_fixups__</c> lists.</summary>
    public static void FixLocalReferences(OverlayTree overlay, uint delta) =>
        WalkLocalFixups(overlay, (property, offset) => property.WriteCell(offset, unchecked(property.ReadCell(offset) + delta)));

    /// <summary>overlay_fixup_phandles: writes the base's phandle for each label <c>__fixups__</c> names.</summary>
    public static void FixExternalReferences(OverlayTree baseTree, OverlayTree overlay)
    {
        OverlayNode? fixups = overlay.Root.FindChild("__fixups__");
        if (fixups is null)
        {
            return;
        }

        OverlayNode? symbols = baseTree.FindPath("/__symbols__", out _);
        foreach (OverlayProperty fixup in fixups.PropertiesInOrder)
        {
            string label = fixup.Name;
            if (symbols is null)
            {
                throw new DeviceTreeOverlayException(
                    DeviceTreeOverlayError.NoBaseSymbols,
                    $"the overlay refers to the base tree's label '{label}', but the base tree has no __symbols__: compile it with dtc -@",
                    fixups.Path,
                    label);
            }

            OverlayProperty? symbol = symbols.GetProperty(label)
                ?? throw new DeviceTreeOverlayException(DeviceTreeOverlayError.NotFound, $"the base tree's __symbols__ has no label '{label}'", fixups.Path, label);
            string symbolPath = OverlayTree.CString(symbol.Value.Span);
            OverlayNode labelled = baseTree.FindPath(symbolPath, out DeviceTreeOverlayError pathError)
                ?? throw new DeviceTreeOverlayException(pathError, $"the base tree's __symbols__ maps '{label}' to \"{symbolPath}\", which is not a node of the base tree", fixups.Path, label);
            uint phandle = labelled.Phandle;
            if (phandle == 0)
            {
                throw new DeviceTreeOverlayException(DeviceTreeOverlayError.NotFound, $"the base tree's node {labelled.Path} (label '{label}') has no phandle", fixups.Path, label);
            }

            foreach (string entry in SplitEntries(fixup, fixups.Path))
            {
                ApplyFixup(overlay, entry, phandle, fixups.Path, label);
            }
        }
    }

    /// <summary>
    /// overlay_prevent_phandle_overwrite (libfdt 1.7 and later): an overlay node merged into a base node that has a
    /// phandle takes the base's phandle, and the overlay's references to it follow.
    /// </summary>
    public static void KeepBasePhandles(OverlayTree baseTree, OverlayTree overlay)
    {
        var redirects = new OverlayRedirects();
        foreach (OverlayNode fragment in overlay.Root.ChildrenInOrder)
        {
            OverlayNode? content = fragment.FindChild("__overlay__");
            if (content is null)
            {
                continue;
            }

            OverlayNode? target = OverlayTargets.Resolve(baseTree, fragment, out _, out DeviceTreeOverlayException? failure);
            if (target is null)
            {
                // A target missing from the base cannot lose a phandle; the merge reports it.
                if (failure!.Error == DeviceTreeOverlayError.NotFound)
                {
                    continue;
                }

                throw failure;
            }

            var pending = new Stack<(OverlayNode Base, OverlayNode Overlay)>();
            pending.Push((target, content));
            while (pending.Count > 0)
            {
                (OverlayNode b, OverlayNode o) = pending.Pop();
                uint basePhandle = b.Phandle;
                uint overlayPhandle = o.Phandle;
                if (basePhandle != 0 && overlayPhandle != 0)
                {
                    foreach (string name in PhandleNames)
                    {
                        if (o.GetProperty(name) is { } p && p.Value.Length == 4)
                        {
                            p.WriteCell(0, basePhandle);
                        }
                    }

                    redirects.Redirect(overlayPhandle, basePhandle);
                }

                // Pushed last-first so that they are visited in document order, as libfdt's recursion visits them.
                IReadOnlyList<OverlayNode> children = o.ChildrenInOrder;
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    if (b.FindChild(children[i].Name) is { } baseChild)
                    {
                        pending.Push((baseChild, children[i]));
                    }
                }
            }
        }

        if (redirects.IsEmpty)
        {
            return;
        }

        Dictionary<uint, uint> map = redirects.Compose();
        WalkLocalFixups(overlay, (property, offset) =>
        {
            if (map.TryGetValue(property.ReadCell(offset), out uint replacement))
            {
                property.WriteCell(offset, replacement);
            }
        });
    }

    private static void WalkLocalFixups(OverlayTree overlay, Action<OverlayProperty, int> visitCell)
    {
        OverlayNode? fixups = overlay.Root.FindChild("__local_fixups__");
        if (fixups is null)
        {
            return;
        }

        var pending = new Stack<(OverlayNode Fixup, OverlayNode Tree)>();
        pending.Push((fixups, overlay.Root));
        while (pending.Count > 0)
        {
            (OverlayNode fixup, OverlayNode tree) = pending.Pop();
            foreach (OverlayProperty list in fixup.PropertiesInOrder)
            {
                if (list.Value.Length % 4 != 0)
                {
                    throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, Invariant($"a local fixup must be a list of cells, but it is {list.Value.Length} bytes long"), fixup.Path, list.Name);
                }

                OverlayProperty target = tree.GetProperty(list.Name)
                    ?? throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, $"the local fixup names property '{list.Name}', which node {tree.Path} does not have", fixup.Path, list.Name);
                for (int i = 0; i < list.Value.Length; i += 4)
                {
                    uint offset = list.ReadCell(i);
                    if ((ulong)offset + 4 > (ulong)target.Value.Length)
                    {
                        throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, Invariant($"the local fixup offset {offset} is past the end of {tree.Path}'s '{list.Name}' ({target.Value.Length} bytes)"), fixup.Path, list.Name);
                    }

                    visitCell(target, (int)offset);
                }
            }

            IReadOnlyList<OverlayNode> children = fixup.ChildrenInOrder;
            for (int i = children.Count - 1; i >= 0; i--)
            {
                OverlayNode treeChild = tree.FindChild(children[i].Name)
                    ?? throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, $"the local fixups name node '{children[i].Name}', which {tree.Path} does not have", children[i].Path);
                pending.Push((children[i], treeChild));
            }
        }
    }

    /// <summary>The NUL-terminated "path:property:offset" strings of a <c>__fixups__</c> property.</summary>
    private static List<string> SplitEntries(OverlayProperty fixup, string fixupsPath)
    {
        ReadOnlySpan<byte> value = fixup.Value.Span;
        var entries = new List<string>();
        do
        {
            int nul = value.IndexOf((byte)0);
            if (nul < 0)
            {
                throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, "a fixup must be a list of NUL-terminated \"path:property:offset\" strings", fixupsPath, fixup.Name);
            }

            entries.Add(EscapedUtf8.Decode(value.Slice(0, nul)));
            value = value.Slice(nul + 1);
        }
        while (value.Length > 0);
        return entries;
    }

    private static void ApplyFixup(OverlayTree overlay, string entry, uint phandle, string fixupsPath, string label)
    {
        int first = entry.IndexOf(':');
        int second = first < 0 ? -1 : entry.IndexOf(':', first + 1);
        if (first < 0 || first == entry.Length - 1 || second < 0 || second == first + 1)
        {
            throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, $"the fixup \"{entry}\" is not of the form \"path:property:offset\"", fixupsPath, label);
        }

        string path = entry.Substring(0, first);
        string name = entry.Substring(first + 1, second - first - 1);
        string digits = entry.Substring(second + 1);
        if (digits.Length == 0 || !uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out uint offset))
        {
            throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadOverlay, $"the fixup \"{entry}\" has no decimal byte offset after its second ':'", fixupsPath, label);
        }

        OverlayNode? node = overlay.FindPath(path, out DeviceTreeOverlayError pathError);
        if (node is null)
        {
            DeviceTreeOverlayError error = pathError == DeviceTreeOverlayError.NotFound ? DeviceTreeOverlayError.BadOverlay : pathError;
            throw new DeviceTreeOverlayException(error, $"the fixup \"{entry}\" names node \"{path}\", which the overlay does not have", fixupsPath, label);
        }

        OverlayProperty property = node.GetProperty(name)
            ?? throw new DeviceTreeOverlayException(DeviceTreeOverlayError.NotFound, $"the fixup \"{entry}\" names property '{name}', which {node.Path} does not have", fixupsPath, label);
        if ((ulong)offset + 4 > (ulong)property.Value.Length)
        {
            throw new DeviceTreeOverlayException(DeviceTreeOverlayError.NoSpace, Invariant($"the fixup \"{entry}\" writes past the end of '{name}' ({property.Value.Length} bytes)"), fixupsPath, label);
        }

        property.WriteCell((int)offset, phandle);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
