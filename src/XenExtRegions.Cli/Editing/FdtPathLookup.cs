using System;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Cli.Editing;

/// <summary>
/// Finds a node as libfdt's <c>fdt_path_offset</c> does, so that a path means what it means to fdtget and fdtput:
/// repeated and trailing slashes are skipped, a first component without '/' is an alias from <c>/aliases</c>, and a
/// name without a unit address matches the first child whose name is that base followed by '@'.
/// </summary>
internal static class FdtPathLookup
{
    /// <summary>The node at <paramref name="path"/>, or null with the reason.</summary>
    public static DeviceTreeNode? Find(DeviceTree tree, string path, out string? error)
    {
        error = null;
        DeviceTreeNode? node = tree.Root;
        int at = 0;
        if (path.Length == 0 || path[0] != '/')
        {
            int slash = path.IndexOf('/', StringComparison.Ordinal);
            string alias = slash < 0 ? path : path.Substring(0, slash);
            string? target = tree.FindNode("/aliases")?.GetProperty(alias) is { } p && p.Length > 1 && p.Span[^1] == 0
                ? string.Join("\0", p.GetStringList())
                : null;
            if (target is null || target.Length == 0 || target[0] != '/')
            {
                error = $"'{path}' is not a path (it does not start with '/') and '{alias}' is not an alias in /aliases";
                return null;
            }

            node = Find(tree, target, out error);
            if (node is null)
            {
                return null;
            }

            at = slash < 0 ? path.Length : slash;
        }

        while (at < path.Length)
        {
            while (at < path.Length && path[at] == '/')
            {
                at++;
            }

            if (at == path.Length)
            {
                break;
            }

            int end = path.IndexOf('/', at);
            string name = end < 0 ? path.Substring(at) : path.Substring(at, end - at);
            node = Child(node!, name);
            if (node is null)
            {
                error = $"node '{path}' not found";
                return null;
            }

            at = end < 0 ? path.Length : end;
        }

        return node;
    }

    /// <summary>fdt_subnode_offset: the first child named <paramref name="name"/>, or named <c>name@…</c> when it has no '@'.</summary>
    public static DeviceTreeNode? Child(DeviceTreeNode parent, string name)
    {
        bool hasUnit = name.Contains('@', StringComparison.Ordinal);
        foreach (DeviceTreeNode child in parent.Children)
        {
            if (child.Name.StartsWith(name, StringComparison.Ordinal)
                && (child.Name.Length == name.Length || (!hasUnit && child.Name[name.Length] == '@')))
            {
                return child;
            }
        }

        return null;
    }
}
