using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// An immutable device tree: the root node, the memory reservation block and the header facts of the blob it came
/// from. Build one with the DTB reader, the DTS reader, or by hand from <see cref="DeviceTreeNode"/>s.
/// </summary>
public sealed class DeviceTree
{
    /// <summary>The DTB format version our writer produces and a hand-built tree reports.</summary>
    public const uint DefaultVersion = 17;

    /// <summary>The oldest version a version-17 blob is compatible with.</summary>
    public const uint DefaultLastCompatibleVersion = 16;

    private readonly MemoryReservation[] _reservations;
    private Dictionary<uint, DeviceTreeNode>? _byPhandle;

    /// <summary>Creates a tree.</summary>
    /// <param name="root">The root node; it must have no parent.</param>
    /// <param name="memoryReservations">The memory reservation block entries in order.</param>
    /// <param name="bootCpuIdPhys">The header's <c>boot_cpuid_phys</c>.</param>
    /// <param name="version">The blob version the tree was read from (17 for new trees).</param>
    /// <param name="lastCompatibleVersion">The blob's <c>last_comp_version</c> (16 for new trees).</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> already has a parent.</exception>
    public DeviceTree(
        DeviceTreeNode root,
        IEnumerable<MemoryReservation>? memoryReservations = null,
        uint bootCpuIdPhys = 0,
        uint version = DefaultVersion,
        uint lastCompatibleVersion = DefaultLastCompatibleVersion)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        if (root.Parent is not null)
        {
            throw new ArgumentException($"The root of a tree cannot have a parent, but node '{root.Name}' belongs to {root.Parent.Path}.", nameof(root));
        }

        _reservations = memoryReservations is null ? Array.Empty<MemoryReservation>() : new List<MemoryReservation>(memoryReservations).ToArray();
        BootCpuIdPhys = bootCpuIdPhys;
        Version = version;
        LastCompatibleVersion = lastCompatibleVersion;
    }

    /// <summary>The root node (path <c>/</c>).</summary>
    public DeviceTreeNode Root { get; }

    /// <summary>The memory reservation block (<c>/memreserve/</c> entries), in order.</summary>
    public IReadOnlyList<MemoryReservation> MemoryReservations => _reservations;

    /// <summary>The header's <c>boot_cpuid_phys</c> (0 when the blob version predates it).</summary>
    public uint BootCpuIdPhys { get; }

    /// <summary>The format version of the blob the tree came from, or 17.</summary>
    public uint Version { get; }

    /// <summary>The blob's <c>last_comp_version</c>, or 16.</summary>
    public uint LastCompatibleVersion { get; }

    /// <summary>Every node in document order (pre-order, depth first), root first.</summary>
    public IEnumerable<DeviceTreeNode> Nodes => Root.DescendantsAndSelf();

    /// <summary>
    /// Every node in document order, as <see cref="Nodes"/>, as views over their names and properties: for a tree read
    /// from a DTB no node object is made (a view's <see cref="DeviceTreeNodeView.Node"/> makes one when needed), which
    /// matters when every node of a large tree is read once.
    /// </summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    public DeviceTreeNodeViewEnumerator EnumerateNodeViews() => Root.PackedStorage is { } storage
        ? new DeviceTreeNodeViewEnumerator(storage, Root.PackedIndex, storage[Root.PackedIndex].SubtreeEnd)
        : new DeviceTreeNodeViewEnumerator(Nodes.GetEnumerator());

    /// <summary>
    /// Finds a node by full path (<c>/soc/serial@e6e88000</c>), by alias (<c>serial0</c>, from <c>/aliases</c>),
    /// or by alias followed by a relative path (<c>soc/serial@e6e88000</c> when <c>soc</c> is an alias).
    /// A path component without a unit address matches a unique child of that base name.
    /// </summary>
    /// <param name="pathOrAlias">The path or alias.</param>
    /// <returns>The node, or null.</returns>
    public DeviceTreeNode? FindNode(string pathOrAlias)
    {
        if (string.IsNullOrEmpty(pathOrAlias))
        {
            return null;
        }

        DeviceTreeNode? node;
        string rest;
        if (pathOrAlias[0] == '/')
        {
            node = Root;
            rest = pathOrAlias.Substring(1);
        }
        else
        {
            int slash = pathOrAlias.IndexOf('/');
            string alias = slash < 0 ? pathOrAlias : pathOrAlias.Substring(0, slash);
            string? target = Root.GetChild("aliases")?.GetProperty(alias) is { } p && p.TryGetString(out string? s) ? s : null;
            if (target is null || target.Length == 0 || target[0] != '/')
            {
                return null;
            }

            node = FindNode(target);
            rest = slash < 0 ? string.Empty : pathOrAlias.Substring(slash + 1);
        }

        foreach (string part in rest.Split('/'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            node = node?.GetChild(part);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Finds the node whose <c>phandle</c> (or <c>linux,phandle</c>) is <paramref name="phandle"/>.</summary>
    /// <param name="phandle">The phandle.</param>
    /// <returns>The node, or null.</returns>
    public DeviceTreeNode? FindByPhandle(uint phandle)
    {
        Dictionary<uint, DeviceTreeNode> index = _byPhandle ??= BuildPhandleIndex();
        return index.TryGetValue(phandle, out DeviceTreeNode? node) ? node : null;
    }

    /// <summary>Every node whose <c>compatible</c> lists <paramref name="compatible"/>, in document order.</summary>
    /// <param name="compatible">The compatible string.</param>
    /// <returns>The matching nodes.</returns>
    public IEnumerable<DeviceTreeNode> FindCompatible(string compatible)
    {
        foreach (DeviceTreeNode node in Nodes)
        {
            if (node.IsCompatible(compatible))
            {
                yield return node;
            }
        }
    }

    /// <summary>Every node whose <c>device_type</c> equals <paramref name="deviceType"/> (ordinal), in document order.</summary>
    /// <param name="deviceType">The device type, e.g. <c>memory</c> or <c>pci</c>.</param>
    /// <returns>The matching nodes.</returns>
    public IEnumerable<DeviceTreeNode> FindByDeviceType(string deviceType)
    {
        foreach (DeviceTreeNode node in Nodes)
        {
            if (string.Equals(node.DeviceType, deviceType, StringComparison.Ordinal))
            {
                yield return node;
            }
        }
    }

    private Dictionary<uint, DeviceTreeNode> BuildPhandleIndex()
    {
        var index = new Dictionary<uint, DeviceTreeNode>();
        foreach (DeviceTreeNode node in Nodes)
        {
            if (node.Phandle is uint phandle && !index.ContainsKey(phandle))
            {
                index.Add(phandle, node);
            }
        }

        return index;
    }
}
