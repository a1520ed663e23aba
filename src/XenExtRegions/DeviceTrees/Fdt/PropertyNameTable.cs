using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Property names of one blob, each decoded once and numbered by first appearance; two strings-block offsets that
/// hold the same name get the same index (and string instance), so names are compared as indices. Lookups by
/// strings-block offset go through a flat array of 16-bit indices for the first 64 Ki offsets (every real strings
/// block) and a dictionary beyond, so a large tree pays an array read, not a hash lookup, per property, and a small
/// one does not pay four bytes per strings-block byte.
/// </summary>
internal sealed class PropertyNameTable
{
    private const int DirectLimit = ushort.MaxValue;

    private readonly ushort[] _indexPlusOneByOffset;
    private readonly Dictionary<uint, int> _indexByFarOffset = new();
    private List<string>? _building;
    private List<int>? _knownBits;
    private string[] _names = Array.Empty<string>();
    private Dictionary<string, int>? _indexByName;

    /// <summary>Creates a table for a strings block of <paramref name="stringsSize"/> bytes.</summary>
    /// <param name="stringsSize">The strings block's size.</param>
    /// <param name="indexByName">An empty dictionary to find equal names at different offsets while the tree is read
    /// (the reader's reusable one); released by <see cref="Seal"/>.</param>
    /// <param name="names">An empty list for the names while the tree is read (the reader's reusable one: the table
    /// keeps an exact-size copy from <see cref="Seal"/> on, not a grown list).</param>
    /// <param name="knownBits">An empty list for the names' known-name bits while the tree is read (reusable too).</param>
    public PropertyNameTable(uint stringsSize, Dictionary<string, int> indexByName, List<string> names, List<int> knownBits)
    {
        _indexPlusOneByOffset = new ushort[(int)Math.Min(stringsSize, DirectLimit)];
        _indexByName = indexByName;
        _building = names;
        _knownBits = knownBits;
    }

    /// <summary>The index of the name at <paramref name="offset"/>, decoding it from the blob when new.</summary>
    public int IndexOf(uint offset, byte[] blob, int nameStart, int nameLength)
    {
        bool direct = offset < (uint)_indexPlusOneByOffset.Length;
        int known = direct ? _indexPlusOneByOffset[offset] : 0;
        if (known != 0)
        {
            return known - 1;
        }

        if (_indexByFarOffset.TryGetValue(offset, out int index))
        {
            return index;
        }

        index = Add(blob, nameStart, nameLength);
        if (direct && index < DirectLimit - 1)
        {
            _indexPlusOneByOffset[offset] = (ushort)(index + 1);
        }
        else
        {
            _indexByFarOffset.Add(offset, index);
        }

        return index;
    }

    /// <summary>The name at strings-block offset <paramref name="offset"/>, which <see cref="IndexOf"/> has already seen.</summary>
    public string NameAt(uint offset)
    {
        int known = offset < (uint)_indexPlusOneByOffset.Length ? _indexPlusOneByOffset[offset] : 0;
        return this[known != 0 ? known - 1 : _indexByFarOffset[offset]];
    }

    /// <summary>The <see cref="PackedTreeStorage.KnownNameBit"/> of the name with index <paramref name="index"/>.</summary>
    public int KnownBit(int index) => _knownBits![index];

    /// <summary>The name with index <paramref name="index"/>.</summary>
    public string this[int index] => _building is { } building ? building[index] : _names[index];

    /// <summary>The names by index.</summary>
    public string[] ToArray() => _building is { } building ? building.ToArray() : (string[])_names.Clone();

    /// <summary>Ends the read: no more names are added, and the lists and dictionary given to the constructor are let go.</summary>
    public void Seal()
    {
        _names = _building!.ToArray();
        _building = null;
        _knownBits = null;
        _indexByName = null;
    }

    private int Add(byte[] blob, int nameStart, int nameLength)
    {
        string name = EscapedUtf8.Decode(blob, nameStart, nameLength);
        Dictionary<string, int> byName = _indexByName!;
        if (byName.TryGetValue(name, out int same))
        {
            return same;
        }

        List<string> names = _building!;
        names.Add(name);
        _knownBits!.Add(PackedTreeStorage.KnownNameBit(name));
        byName.Add(name, names.Count - 1);
        return names.Count - 1;
    }
}
