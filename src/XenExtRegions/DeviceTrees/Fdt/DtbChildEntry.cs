using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>A child the DTB reader has finished, with what the sibling-name checks need.</summary>
internal readonly struct DtbChildEntry
{
    private readonly byte[] _blob;
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly string? _decodedName;

    // The name's first eight bytes, zero-padded: siblings' names mostly differ there, so comparing two entries seldom
    // needs their bytes.
    private readonly ulong _prefix;

    public DtbChildEntry(byte[] blob, int nameStart, int nameLength, string? decodedName, int offset)
    {
        _blob = blob;
        _nameStart = nameStart;
        _nameLength = nameLength;
        _decodedName = decodedName;
        Offset = offset;
        ulong prefix = 0;
        for (int i = Math.Min(nameLength, 8) - 1; i >= 0; i--)
        {
            prefix = (prefix << 8) | blob[nameStart + i];
        }

        _prefix = prefix;
    }

    /// <summary>The child's BEGIN_NODE token offset.</summary>
    public int Offset { get; }

    /// <summary>A hash of the name (FNV-1a over its bytes, or over its characters when decoded), computed on each
    /// call: only the hash-table check of a node with many children needs it, once per child.</summary>
    public uint NameHash => ComputeHash(NameBytes, _decodedName);

    /// <summary>The name as a string, for messages.</summary>
    public string Name => _decodedName ?? System.Text.Encoding.ASCII.GetString(_blob, _nameStart, _nameLength);

    private ReadOnlySpan<byte> NameBytes => new(_blob, _nameStart, _nameLength);

    /// <summary>Whether the two children have the same name.</summary>
    public static bool SameName(in DtbChildEntry a, in DtbChildEntry b) =>
        a._decodedName is null && b._decodedName is null
            ? a._nameLength == b._nameLength && a._prefix == b._prefix && (a._nameLength <= 8 || a.NameBytes.SequenceEqual(b.NameBytes))
            : Compare(a, b) == 0;

    /// <summary>
    /// Orders by name: ASCII names (kept as bytes) by bytes, before every decoded name, which are ordered as strings.
    /// The reader decodes exactly the names that are not ASCII, so equal names always fall in the same group.
    /// </summary>
    public static int Compare(in DtbChildEntry a, in DtbChildEntry b)
    {
        bool asciiA = a._decodedName is null;
        bool asciiB = b._decodedName is null;
        if (asciiA && asciiB)
        {
            return a.NameBytes.SequenceCompareTo(b.NameBytes);
        }

        if (asciiA != asciiB)
        {
            return asciiA ? -1 : 1;
        }

        return string.CompareOrdinal(a._decodedName, b._decodedName);
    }

    private static uint ComputeHash(ReadOnlySpan<byte> bytes, string? decodedName)
    {
        uint hash = 2166136261;
        if (decodedName is null)
        {
            foreach (byte b in bytes)
            {
                hash = (hash ^ b) * 16777619;
            }
        }
        else
        {
            foreach (char c in decodedName)
            {
                hash = (hash ^ c) * 16777619;
            }
        }

        return hash;
    }
}
