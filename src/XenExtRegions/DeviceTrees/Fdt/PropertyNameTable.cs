using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Property names of one blob, each decoded once and numbered by first appearance. Lookups by strings-block offset
/// go through a flat array for the first 64 Ki offsets (every real strings block) and a dictionary beyond, so a
/// large tree pays an array read, not a hash lookup, per property.
/// </summary>
internal sealed class PropertyNameTable
{
    private const int DirectLimit = 1 << 16;

    private readonly int[] _indexPlusOneByOffset;
    private readonly Dictionary<uint, int> _indexByFarOffset = new();
    private readonly List<string> _names = new();

    public PropertyNameTable(uint stringsSize) => _indexPlusOneByOffset = new int[(int)Math.Min(stringsSize, DirectLimit)];

    /// <summary>The index of the name at <paramref name="offset"/>, decoding it from the blob when new.</summary>
    public int IndexOf(uint offset, byte[] blob, int nameStart, int nameLength)
    {
        if (offset < (uint)_indexPlusOneByOffset.Length)
        {
            int known = _indexPlusOneByOffset[offset];
            if (known != 0)
            {
                return known - 1;
            }

            int added = Add(blob, nameStart, nameLength);
            _indexPlusOneByOffset[offset] = added + 1;
            return added;
        }

        if (!_indexByFarOffset.TryGetValue(offset, out int index))
        {
            index = Add(blob, nameStart, nameLength);
            _indexByFarOffset.Add(offset, index);
        }

        return index;
    }

    /// <summary>The name at strings-block offset <paramref name="offset"/>, which <see cref="IndexOf"/> has already seen.</summary>
    public string NameAt(uint offset) =>
        _names[offset < (uint)_indexPlusOneByOffset.Length ? _indexPlusOneByOffset[offset] - 1 : _indexByFarOffset[offset]];

    /// <summary>The name with index <paramref name="index"/>.</summary>
    public string this[int index] => _names[index];

    /// <summary>The names by index.</summary>
    public string[] ToArray() => _names.ToArray();

    private int Add(byte[] blob, int nameStart, int nameLength)
    {
        _names.Add(EscapedUtf8.Decode(blob, nameStart, nameLength));
        return _names.Count - 1;
    }
}
