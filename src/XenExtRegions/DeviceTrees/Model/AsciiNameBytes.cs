using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Name comparisons on the bytes of an ASCII node name as the DTB holds it, so the hot internal walks can match names
/// without decoding them into strings.
/// </summary>
internal static class AsciiNameBytes
{
    /// <summary>
    /// True when <paramref name="bytes"/> is <paramref name="match"/> or <paramref name="match"/><c>@…</c> (Xen's
    /// <c>device_tree_node_matches</c>).
    /// </summary>
    public static bool IsOrHasUnit(ReadOnlySpan<byte> bytes, string match)
    {
        if (bytes.Length < match.Length || (bytes.Length > match.Length && bytes[match.Length] != (byte)'@'))
        {
            return false;
        }

        for (int i = 0; i < match.Length; i++)
        {
            if (bytes[i] != match[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="bytes"/> equals <paramref name="ascii"/> ignoring case; both sides ASCII,
    /// so this is <see cref="StringComparison.OrdinalIgnoreCase"/>.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, string ascii)
    {
        if (bytes.Length != ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            int x = bytes[i], y = ascii[i];
            if (x == y)
            {
                continue;
            }

            // Differing only in bit 0x20 is a case difference for letters alone.
            int folded = x | 0x20;
            if (folded != (y | 0x20) || folded is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
