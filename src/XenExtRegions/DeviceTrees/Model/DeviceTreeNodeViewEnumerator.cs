using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Enumerates a tree's nodes as <see cref="DeviceTreeNodeView"/>s in document order (as <see cref="DeviceTree.Nodes"/>
/// does); for a tree read from a DTB it walks the stored records and allocates nothing.
/// </summary>
public struct DeviceTreeNodeViewEnumerator
{
    private readonly PackedTreeStorage? _storage;
    private readonly int _end;
    private readonly IEnumerator<DeviceTreeNode>? _objects;
    private int _next;
    private DeviceTreeNodeView _current;

    internal DeviceTreeNodeViewEnumerator(PackedTreeStorage storage, int first, int end)
    {
        _storage = storage;
        _end = end;
        _objects = null;
        _next = first;
        _current = default;
    }

    internal DeviceTreeNodeViewEnumerator(IEnumerator<DeviceTreeNode> objects)
    {
        _storage = null;
        _end = 0;
        _objects = objects;
        _next = 0;
        _current = default;
    }

    /// <summary>The current node.</summary>
    public readonly DeviceTreeNodeView Current => _current;

    /// <summary>Returns this enumerator, so that it can be used in <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly DeviceTreeNodeViewEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next node.</summary>
    /// <returns>False after the last one.</returns>
    public bool MoveNext()
    {
        if (_storage is not null)
        {
            if (_next >= _end)
            {
                return false;
            }

            _current = new DeviceTreeNodeView(NodeHandle.Of(_storage, _next++));
            return true;
        }

        if (_objects is not null && _objects.MoveNext())
        {
            _current = new DeviceTreeNodeView(NodeHandle.Of(_objects.Current));
            return true;
        }

        return false;
    }
}
