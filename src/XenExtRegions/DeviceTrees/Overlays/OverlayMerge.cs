using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>libfdt's overlay_merge and overlay_symbol_update: the fragments' contents and the overlay's labels go into the base.</summary>
internal static class OverlayMerge
{
    private const string OverlayNodeName = "__overlay__";

    /// <summary>Each fragment's <c>__overlay__</c> merged into its target: properties set, nodes added or merged.</summary>
    public static void MergeFragments(OverlayTree baseTree, OverlayTree overlay)
    {
        foreach (OverlayNode fragment in overlay.Root.ChildrenInOrder)
        {
            OverlayNode? content = fragment.FindChild(OverlayNodeName);
            if (content is null)
            {
                continue; // __fixups__, __symbols__ and other nodes without __overlay__ are not fragments
            }

            OverlayNode target = OverlayTargets.ResolveOrThrow(baseTree, fragment, out _);
            var pending = new Stack<(OverlayNode Base, OverlayNode Overlay)>();
            pending.Push((target, content));
            while (pending.Count > 0)
            {
                (OverlayNode b, OverlayNode o) = pending.Pop();
                foreach (OverlayProperty property in o.PropertiesInOrder)
                {
                    baseTree.SetProperty(b, property.Name, property.Value);
                }

                // Siblings are found or added in order (a later one may match an earlier one by base name), then
                // merged in order too, each subtree before the next sibling, as libfdt's recursion does: two overlay
                // nodes landing on one base node set its properties in that order.
                IReadOnlyList<OverlayNode> children = o.ChildrenInOrder;
                var targets = new OverlayNode[children.Count];
                for (int i = 0; i < children.Count; i++)
                {
                    targets[i] = b.FindChild(children[i].Name) ?? b.PrependChild(children[i].Name);
                }

                for (int i = children.Count - 1; i >= 0; i--)
                {
                    pending.Push((targets[i], children[i]));
                }
            }
        }
    }

    /// <summary>
    /// Each label of the overlay's <c>__symbols__</c> that points into a fragment's <c>__overlay__</c> is added to the
    /// base's <c>__symbols__</c> (created when absent), with the fragment part of the path replaced by the target's.
    /// </summary>
    public static void MergeSymbols(OverlayTree baseTree, OverlayTree overlay)
    {
        OverlayNode? overlaySymbols = overlay.Root.FindChild("__symbols__");
        if (overlaySymbols is null)
        {
            return;
        }

        OverlayNode baseSymbols = baseTree.Root.FindChild("__symbols__") ?? baseTree.Root.PrependChild("__symbols__");
        foreach (OverlayProperty symbol in overlaySymbols.PropertiesInOrder)
        {
            string? path = RewrittenPath(baseTree, overlay, overlaySymbols.Path, symbol);
            if (path is not null)
            {
                byte[] bytes = EscapedUtf8.Encode(path);
                var value = new byte[bytes.Length + 1];
                bytes.CopyTo(value, 0);
                baseTree.SetProperty(baseSymbols, symbol.Name, value);
            }
        }
    }

    /// <summary>The label's path in the merged tree, or null for a label outside every <c>__overlay__</c>.</summary>
    private static string? RewrittenPath(OverlayTree baseTree, OverlayTree overlay, string symbolsPath, OverlayProperty symbol)
    {
        ReadOnlySpan<byte> raw = symbol.Value.Span;
        if (raw.Length < 1 || raw.IndexOf((byte)0) != raw.Length - 1)
        {
            throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadValue, "a symbol must be one NUL-terminated path string", symbolsPath, symbol.Name);
        }

        string path = EscapedUtf8.Decode(raw.Slice(0, raw.Length - 1));
        if (path.Length == 0 || path[0] != '/')
        {
            throw new DeviceTreeOverlayException(DeviceTreeOverlayError.BadValue, $"the symbol's path \"{path}\" is not absolute", symbolsPath, symbol.Name);
        }

        // Only "/FRAGMENT/__overlay__" and "/FRAGMENT/__overlay__/REST" end up in the base; libfdt skips the rest.
        int slash = path.IndexOf('/', 1);
        if (slash < 0)
        {
            return null;
        }

        string fragmentName = path.Substring(1, slash - 1);
        string tail = path.Substring(slash);
        string relative;
        if (tail.StartsWith("/" + OverlayNodeName + "/", StringComparison.Ordinal))
        {
            relative = tail.Substring(OverlayNodeName.Length + 2);
        }
        else if (tail == "/" + OverlayNodeName)
        {
            relative = string.Empty;
        }
        else
        {
            return null;
        }

        OverlayNode? fragment = overlay.Root.FindChild(fragmentName);
        if (fragment is null || fragment.FindChild(OverlayNodeName) is null)
        {
            throw new DeviceTreeOverlayException(
                DeviceTreeOverlayError.BadOverlay,
                $"the symbol's path \"{path}\" names fragment '{fragmentName}', which the overlay does not have or which has no __overlay__",
                symbolsPath,
                symbol.Name);
        }

        OverlayNode target = OverlayTargets.ResolveOrThrow(baseTree, fragment, out string? literalPath);
        string targetPath = literalPath ?? target.Path;

        // As libfdt: a one-character target ("/") contributes nothing before the separator.
        return targetPath.Length > 1 ? targetPath + "/" + relative : "/" + relative;
    }
}
