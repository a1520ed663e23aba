using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A mutable device tree for creating or editing trees in code; <see cref="Build"/> produces the immutable
/// <see cref="DeviceTree"/>. Paths are absolute (<c>/soc/serial@1000</c>); a component without a unit address also
/// finds the single child of that base name. Bad paths and names are <see cref="ArgumentException"/>s naming the path.
/// </summary>
public sealed class DeviceTreeBuilder
{
    private readonly List<MemoryReservation> _reservations = new();

    /// <summary>Starts an empty tree: a root without properties.</summary>
    public DeviceTreeBuilder()
    {
        Root = new DeviceTreeNodeBuilder(string.Empty, null);
    }

    /// <summary>Starts from a copy of <paramref name="tree"/> (names, properties, labels, reservations, boot CPU).</summary>
    /// <param name="tree">The tree to edit; it is not changed.</param>
    public DeviceTreeBuilder(DeviceTree tree)
    {
        if (tree is null)
        {
            throw new ArgumentNullException(nameof(tree));
        }

        Root = new DeviceTreeNodeBuilder(tree.Root.Name, null);
        _reservations.AddRange(tree.MemoryReservations);
        BootCpuIdPhys = tree.BootCpuIdPhys;
        Root.CopyFrom(tree.Root);
    }

    /// <summary>The root node.</summary>
    public DeviceTreeNodeBuilder Root { get; }

    /// <summary>The header's <c>boot_cpuid_phys</c>.</summary>
    public uint BootCpuIdPhys { get; set; }

    /// <summary>The memory reservation block entries, in order.</summary>
    public IReadOnlyList<MemoryReservation> MemoryReservations => _reservations;

    /// <summary>Appends a memory reservation (<c>/memreserve/</c>).</summary>
    /// <param name="address">Physical start.</param>
    /// <param name="size">Size in bytes.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Both are 0: that entry is the block terminator and cannot be stored.</exception>
    public DeviceTreeBuilder AddMemoryReservation(ulong address, ulong size)
    {
        if (address == 0 && size == 0)
        {
            throw new ArgumentException("A (0, 0) memory reservation is the block terminator and cannot be added.", nameof(size));
        }

        _reservations.Add(new MemoryReservation(address, size));
        return this;
    }

    /// <summary>Replaces every memory reservation.</summary>
    /// <param name="reservations">The new entries, in order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An entry is (0, 0).</exception>
    public DeviceTreeBuilder ReplaceMemoryReservations(IEnumerable<MemoryReservation> reservations)
    {
        if (reservations is null)
        {
            throw new ArgumentNullException(nameof(reservations));
        }

        var copy = new List<MemoryReservation>(reservations);
        if (copy.Exists(r => r.Address == 0 && r.Size == 0))
        {
            throw new ArgumentException("A (0, 0) memory reservation is the block terminator and cannot be added.", nameof(reservations));
        }

        _reservations.Clear();
        _reservations.AddRange(copy);
        return this;
    }

    /// <summary>Removes every reservation equal to <paramref name="reservation"/>.</summary>
    /// <param name="reservation">The entry.</param>
    /// <returns>True when one was removed.</returns>
    public bool RemoveMemoryReservation(MemoryReservation reservation) => _reservations.RemoveAll(r => r == reservation) > 0;

    /// <summary>Finds a node by absolute path.</summary>
    /// <param name="path">The path, e.g. <c>/soc/serial@1000</c>.</param>
    /// <returns>The node, or null.</returns>
    /// <exception cref="ArgumentException">The path is not absolute or has an empty component.</exception>
    public DeviceTreeNodeBuilder? FindNode(string path)
    {
        DeviceTreeNodeBuilder? node = Root;
        foreach (string part in SplitPath(path))
        {
            node = node.GetChild(part);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Gets a node by absolute path.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The path is malformed or no node has it.</exception>
    public DeviceTreeNodeBuilder GetNode(string path) =>
        FindNode(path) ?? throw new ArgumentException($"No node has the path '{path}'.", nameof(path));

    /// <summary>Adds a node; its parent must exist and must not have a child of that name.</summary>
    /// <param name="path">The new node's path.</param>
    /// <returns>The new node.</returns>
    /// <exception cref="ArgumentException">The path is malformed, the parent is missing, the name is invalid or taken.</exception>
    public DeviceTreeNodeBuilder AddNode(string path)
    {
        (string parentPath, string name) = SplitLast(path);
        DeviceTreeNodeBuilder parent = FindNode(parentPath) ?? throw new ArgumentException($"Cannot add '{path}': its parent '{parentPath}' does not exist.", nameof(path));
        return parent.AddChild(name);
    }

    /// <summary>Returns the node at <paramref name="path"/>, creating it and any missing ancestors (exact names).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The path is malformed or a name is invalid.</exception>
    public DeviceTreeNodeBuilder GetOrAddNode(string path)
    {
        DeviceTreeNodeBuilder node = Root;
        foreach (string part in SplitPath(path))
        {
            node = node.GetOrAddChild(part);
        }

        return node;
    }

    /// <summary>Removes the node at <paramref name="path"/> with its subtree.</summary>
    /// <param name="path">The path (not the root).</param>
    /// <returns>True when the node existed.</returns>
    /// <exception cref="ArgumentException">The path is malformed or is the root.</exception>
    public bool RemoveNode(string path)
    {
        DeviceTreeNodeBuilder? node = FindNode(path);
        if (node is null)
        {
            return false;
        }

        if (node.Parent is null)
        {
            throw new ArgumentException("The root node cannot be removed.", nameof(path));
        }

        return node.Parent.RemoveChild(node.Name);
    }

    /// <summary>Sets a property of the node at <paramref name="path"/> to a copy of <paramref name="value"/>.</summary>
    /// <param name="path">The node path.</param>
    /// <param name="name">A valid property name.</param>
    /// <param name="value">The raw bytes.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The node does not exist or the name is invalid.</exception>
    public DeviceTreeNodeBuilder SetProperty(string path, string name, ReadOnlySpan<byte> value) => GetNode(path).SetBytes(name, value);

    /// <summary>Removes a property of the node at <paramref name="path"/>.</summary>
    /// <param name="path">The node path.</param>
    /// <param name="name">The property name.</param>
    /// <returns>True when the property existed.</returns>
    /// <exception cref="ArgumentException">The node does not exist.</exception>
    public bool RemoveProperty(string path, string name) => GetNode(path).RemoveProperty(name);

    /// <summary>
    /// Puts a copy of <paramref name="subtree"/> at <paramref name="path"/>: the node there (if any) is replaced in
    /// place, else the copy is appended to the parent. The path's last component must equal the subtree's name.
    /// </summary>
    /// <param name="path">The path the subtree takes.</param>
    /// <param name="subtree">The node to copy, with its descendants.</param>
    /// <returns>The new node.</returns>
    /// <exception cref="ArgumentException">The parent is missing or the names disagree.</exception>
    public DeviceTreeNodeBuilder ReplaceNode(string path, DeviceTreeNode subtree)
    {
        if (subtree is null)
        {
            throw new ArgumentNullException(nameof(subtree));
        }

        (string parentPath, string name) = SplitLast(path);
        if (!string.Equals(name, subtree.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path '{path}' ends in '{name}' but the subtree is named '{subtree.Name}'.", nameof(path));
        }

        DeviceTreeNodeBuilder parent = FindNode(parentPath) ?? throw new ArgumentException($"Cannot put '{path}': its parent '{parentPath}' does not exist.", nameof(path));
        return parent.AddOrReplaceChild(subtree);
    }

    /// <summary>Produces the immutable tree (version 17). The builder stays usable.</summary>
    /// <returns>The tree.</returns>
    public DeviceTree Build()
    {
        // Post-order without recursion: a node is built once all its children are.
        var pending = new Stack<(DeviceTreeNodeBuilder Node, bool ChildrenDone)>();
        var built = new Stack<DeviceTreeNode>();
        pending.Push((Root, false));
        while (pending.Count > 0)
        {
            (DeviceTreeNodeBuilder node, bool childrenDone) = pending.Pop();
            if (!childrenDone)
            {
                pending.Push((node, true));
                for (int i = node.Children.Count - 1; i >= 0; i--)
                {
                    pending.Push((node.Children[i], false));
                }

                continue;
            }

            var children = new DeviceTreeNode[node.Children.Count];
            for (int i = children.Length - 1; i >= 0; i--)
            {
                children[i] = built.Pop();
            }

            built.Push(new DeviceTreeNode(node.Name, node.BuildProperties(), children, validate: false) { LabelSet = node.BuildLabels() });
        }

        return new DeviceTree(built.Pop(), _reservations, BootCpuIdPhys);
    }

    internal static List<string> SplitPath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Length == 0 || path[0] != '/')
        {
            throw new ArgumentException($"'{path}' is not an absolute node path (it must start with '/').", nameof(path));
        }

        var parts = new List<string>();
        string[] raw = path.Split('/');
        for (int i = 1; i < raw.Length; i++)
        {
            if (raw[i].Length == 0)
            {
                if (i == raw.Length - 1 && i == 1)
                {
                    break; // "/" itself
                }

                throw new ArgumentException($"'{path}' has an empty path component.", nameof(path));
            }

            parts.Add(raw[i]);
        }

        return parts;
    }

    private static (string Parent, string Name) SplitLast(string path)
    {
        List<string> parts = SplitPath(path);
        if (parts.Count == 0)
        {
            throw new ArgumentException("The root node already exists.", nameof(path));
        }

        string parent = parts.Count == 1 ? "/" : "/" + string.Join("/", parts.GetRange(0, parts.Count - 1));
        return (parent, parts[parts.Count - 1]);
    }
}
