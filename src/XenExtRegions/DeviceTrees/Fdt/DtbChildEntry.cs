using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>A child the DTB reader has finished, with what the sibling-name checks need.</summary>
internal readonly struct DtbChildEntry
{
    public DtbChildEntry(DeviceTreeNode node, int offset, bool asciiName)
    {
        Node = node;
        Offset = offset;
        AsciiName = asciiName;
        NameHash = ComputeHash(node, asciiName);
    }

    /// <summary>The node.</summary>
    public DeviceTreeNode Node { get; }

    /// <summary>The offset of its BEGIN_NODE token.</summary>
    public int Offset { get; }

    /// <summary>True when the name is plain ASCII, compared as packed bytes; otherwise as the decoded string.</summary>
    public bool AsciiName { get; }

    /// <summary>FNV-1a of the name, computed once: equal names give equal hashes, so most comparisons stop here.</summary>
    public uint NameHash { get; }

    /// <summary>True when both names are equal: the hashes first, the names only when those agree.</summary>
    public static bool SameName(in DtbChildEntry a, in DtbChildEntry b) => a.NameHash == b.NameHash && Compare(a, b) == 0;

    /// <summary>
    /// Orders entries by name: ASCII names by bytes (no decoding), others by their decoded string. An ASCII name
    /// never equals a non-ASCII one (those decode to characters above U+007F), so ASCII ones simply sort first.
    /// </summary>
    public static int Compare(in DtbChildEntry a, in DtbChildEntry b)
    {
        if (a.AsciiName && b.AsciiName)
        {
            return a.Node.PackedNameBytes.SequenceCompareTo(b.Node.PackedNameBytes);
        }

        if (a.AsciiName != b.AsciiName)
        {
            return a.AsciiName ? -1 : 1;
        }

        return string.CompareOrdinal(a.Node.Name, b.Node.Name);
    }

    /// <summary>FNV-1a over the bytes (ASCII) or the characters (others): equal names give equal hashes.</summary>
    private static uint ComputeHash(DeviceTreeNode node, bool asciiName)
    {
        uint hash = 2166136261;
        if (asciiName)
        {
            foreach (byte b in node.PackedNameBytes)
            {
                hash = (hash ^ b) * 16777619;
            }
        }
        else
        {
            foreach (char c in node.Name)
            {
                hash = (hash ^ c) * 16777619;
            }
        }

        return hash;
    }
}
