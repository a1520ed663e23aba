using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Shares one string per distinct short name within one parse: generated trees repeat the same property names,
/// labels and unit names (<c>reg</c>, <c>dev@1000</c>) thousands of times, and each copy would live as long as the
/// tree. Bounded: names longer than <see cref="MaxLength"/>, names past <see cref="MaxEntries"/> distinct ones, and
/// names whose probe runs longer than <see cref="MaxProbes"/> (colliding hashes from hostile text) are simply copied,
/// so the table costs O(1) per name whatever the input.
/// </summary>
internal sealed class DtsNameTable
{
    private const int MaxLength = 64;
    private const int MaxEntries = 4096;
    private const int MaxProbes = 8;

    private string?[] _slots = new string?[64];
    private int _count;

    /// <summary>The substring of <paramref name="text"/> at <paramref name="start"/>, shared when an equal one was seen.</summary>
    public string Get(string text, int start, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        if (length > MaxLength)
        {
            return text.Substring(start, length);
        }

        uint hash = Hash(text, start, length);
        int mask = _slots.Length - 1;
        int slot = (int)(hash & (uint)mask);
        for (int probe = 0; probe < MaxProbes; probe++)
        {
            string? entry = _slots[slot];
            if (entry is null)
            {
                string made = text.Substring(start, length);
                if (_count < MaxEntries)
                {
                    _slots[slot] = made;
                    if (++_count * 2 > _slots.Length)
                    {
                        Grow();
                    }
                }

                return made;
            }

            if (entry.Length == length && entry.AsSpan().SequenceEqual(text.AsSpan(start, length)))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        return text.Substring(start, length);
    }

    private static uint Hash(string text, int start, int length)
    {
        // FNV-1a over the UTF-16 code units.
        uint hash = 2166136261;
        for (int i = start; i < start + length; i++)
        {
            hash = unchecked((hash ^ text[i]) * 16777619);
        }

        return hash;
    }

    private void Grow()
    {
        string?[] old = _slots;
        _slots = new string?[old.Length * 2];
        int mask = _slots.Length - 1;
        foreach (string? entry in old)
        {
            if (entry is null)
            {
                continue;
            }

            // Entries that no longer fit within the probe budget are dropped: later copies are just not shared.
            int slot = (int)(Hash(entry, 0, entry.Length) & (uint)mask);
            for (int probe = 0; probe < MaxProbes; probe++)
            {
                if (_slots[slot] is null)
                {
                    _slots[slot] = entry;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }
    }
}
