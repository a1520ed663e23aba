namespace XenExtRegions.DeviceTrees;

/// <summary>The children of one <see cref="NodeHandle"/>, one at a time: a record's sibling links or a node's child array.</summary>
internal struct NodeChildCursor
{
    private readonly DeviceTreeNode[]? _array;
    private readonly PackedTreeStorage? _storage;
    private int _next;

    public NodeChildCursor(DeviceTreeNode[] children)
    {
        _array = children;
        _storage = null;
        _next = 0;
    }

    public NodeChildCursor(PackedTreeStorage storage, int firstChild)
    {
        _array = null;
        _storage = storage;
        _next = firstChild;
    }

    /// <summary>Moves to the next child; false when there is none left.</summary>
    public bool MoveNext(out NodeHandle child)
    {
        if (_storage is not null)
        {
            if (_next < 0)
            {
                child = default;
                return false;
            }

            child = NodeHandle.Of(_storage, _next);
            _next = _storage.NextSibling(_next);
            return true;
        }

        if (_next >= _array!.Length)
        {
            child = default;
            return false;
        }

        child = NodeHandle.Of(_array[_next++]);
        return true;
    }
}
