using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A tree being edited by the overlay applier, with libfdt's lookups: fdt_path_offset (aliases, base names),
/// fdt_node_offset_by_phandle (kept current while properties change) and fdt_find_max_phandle.
/// </summary>
internal sealed class OverlayTree
{
    private Dictionary<uint, OverlayNode>? _byPhandle;

    public OverlayTree(DeviceTreeNode root)
    {
        Root = OverlayNode.FromModel(root);
    }

    public OverlayNode Root { get; }

    /// <summary>Every node in document order, without recursion.</summary>
    public IEnumerable<OverlayNode> Nodes()
    {
        var pending = new Stack<OverlayNode>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            OverlayNode node = pending.Pop();
            yield return node;
            IReadOnlyList<OverlayNode> children = node.ChildrenInOrder;
            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    public uint MaxPhandle()
    {
        uint max = 0;
        foreach (OverlayNode node in Nodes())
        {
            max = Math.Max(max, node.Phandle);
        }

        return max;
    }

    /// <summary>The first node in document order with this phandle, or null.</summary>
    public OverlayNode? FindByPhandle(uint phandle)
    {
        _byPhandle ??= BuildPhandleIndex();
        return _byPhandle.TryGetValue(phandle, out OverlayNode? node) ? node : null;
    }

    /// <summary>Sets a property through fdt_setprop's rules and keeps the phandle index current.</summary>
    public void SetProperty(OverlayNode node, string name, ReadOnlyMemory<byte> value)
    {
        bool isPhandle = name is "phandle" or "linux,phandle";
        uint before = isPhandle ? node.Phandle : 0;
        node.SetProperty(name, value);
        if (!isPhandle || _byPhandle is null)
        {
            return;
        }

        uint after = node.Phandle;
        if (before != after && before != 0 && _byPhandle.TryGetValue(before, out OverlayNode? old) && old == node)
        {
            _byPhandle.Remove(before);
        }

        // With duplicate phandles libfdt finds the first in document order, whichever was set first.
        if (after != 0 && (!_byPhandle.TryGetValue(after, out OverlayNode? holder) || node.ComesBefore(holder)))
        {
            _byPhandle[after] = node;
        }
    }

    /// <summary>
    /// fdt_path_offset: an absolute path, or an alias from <c>/aliases</c> followed by a relative path. Returns the
    /// node, or sets <paramref name="error"/> to NotFound or BadPath.
    /// </summary>
    public OverlayNode? FindPath(string path, out DeviceTreeOverlayError error) => FindPath(path, out error, aliasDepth: 0);

    /// <summary>A C string: the bytes before the first NUL (all of them when there is none).</summary>
    public static string CString(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return EscapedUtf8.Decode(nul < 0 ? value : value.Slice(0, nul));
    }

    /// <summary>The <c>/aliases</c> property named by a relative path's first component (<paramref name="alias"/>), or null.</summary>
    public OverlayProperty? LeadingAlias(string path, out string alias)
    {
        int slash = path.IndexOf('/');
        alias = slash < 0 ? path : path.Substring(0, slash);
        return Root.FindChild("aliases")?.GetProperty(alias);
    }

    private OverlayNode? FindPath(string path, out DeviceTreeOverlayError error, int aliasDepth)
    {
        error = DeviceTreeOverlayError.BadPath;
        if (path.Length == 0)
        {
            return null;
        }

        OverlayNode? node = Root;
        int at = 0;
        if (path[0] != '/')
        {
            OverlayProperty? target = LeadingAlias(path, out string alias);

            // libfdt would follow an alias naming another alias without end; one level is all it can mean.
            if (target is null || aliasDepth > 0)
            {
                return null;
            }

            node = FindPath(CString(target.Value.Span), out error, aliasDepth + 1);
            if (node is null)
            {
                return null;
            }

            at = alias.Length;
        }

        error = DeviceTreeOverlayError.NotFound;
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
            if (end < 0)
            {
                end = path.Length;
            }

            node = node.FindChild(path.Substring(at, end - at));
            if (node is null)
            {
                return null;
            }

            at = end;
        }

        return node;
    }

    private Dictionary<uint, OverlayNode> BuildPhandleIndex()
    {
        var index = new Dictionary<uint, OverlayNode>();
        foreach (OverlayNode node in Nodes())
        {
            uint phandle = node.Phandle;
            if (phandle != 0 && !index.ContainsKey(phandle))
            {
                index.Add(phandle, node);
            }
        }

        return index;
    }
}
