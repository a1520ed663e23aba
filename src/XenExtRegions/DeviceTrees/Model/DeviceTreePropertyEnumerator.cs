using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Enumerates a node's properties in tree order as <see cref="DeviceTreePropertyView"/>s, allocating nothing: for a
/// node read from a DTB it walks the property tokens in the blob, so no <see cref="DeviceTreeProperty"/> objects
/// are made (and none are kept). Use it in <c>foreach</c> over <see cref="DeviceTreeNode.EnumeratePropertyViews"/>.
/// </summary>
/// <remarks>
/// The views equal what <see cref="DeviceTreeNode.Properties"/> holds (same names, same bytes, same order); the two
/// may be mixed freely, from any number of threads.
/// </remarks>
public struct DeviceTreePropertyEnumerator
{
    private readonly DeviceTreeProperty[]? _properties;
    private readonly PackedTreeStorage? _storage;
    private readonly int _count;
    private int _index;
    private int _nextToken;
    private DeviceTreePropertyView _current;

    internal DeviceTreePropertyEnumerator(DeviceTreeProperty[] properties)
    {
        _properties = properties;
        _storage = null;
        _count = properties.Length;
        _index = 0;
        _nextToken = 0;
        _current = default;
    }

    internal DeviceTreePropertyEnumerator(PackedTreeStorage storage, int firstToken, int count)
    {
        _properties = null;
        _storage = storage;
        _count = count;
        _index = 0;
        _nextToken = firstToken;
        _current = default;
    }

    /// <summary>The number of properties the node has.</summary>
    public readonly int Count => _count;

    /// <summary>The property at the current position.</summary>
    public readonly DeviceTreePropertyView Current => _current;

    /// <summary>Returns this enumerator, so that <c>foreach</c> can run over it.</summary>
    /// <returns>This enumerator, at its current position.</returns>
    public readonly DeviceTreePropertyEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next property.</summary>
    /// <returns>False after the last one.</returns>
    public bool MoveNext()
    {
        if (_index >= _count)
        {
            return false;
        }

        if (_properties is { } properties)
        {
            DeviceTreeProperty property = properties[_index];
            _current = new DeviceTreePropertyView(property.Name, property.Value);
        }
        else
        {
            PackedTreeStorage storage = _storage!;
            PackedProperty packed = storage.At(_nextToken, out _nextToken);
            _current = new DeviceTreePropertyView(packed.Name, new ReadOnlyMemory<byte>(storage.Blob, packed.ValueStart, packed.ValueLength));
        }

        _index++;
        return true;
    }
}
