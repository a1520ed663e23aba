using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>How Xen's C code sees node names and string properties (up to the first NUL, <c>strcmp</c> semantics).</summary>
internal static class XenNodeText
{
    /// <summary>The bytes of a property up to its first NUL, as a C string; null when the property is absent.</summary>
    public static string? CString(DeviceTreeNode node, string propertyName)
    {
        if (!node.TryGetValue(propertyName, out ReadOnlyMemory<byte> value))
        {
            return null;
        }

        int nul = value.Span.IndexOf((byte)0);
        if (nul >= 0)
        {
            value = value.Slice(0, nul);
        }

        return EscapedUtf8.Decode(value.Span);
    }

    /// <summary>True when the C string in <paramref name="value"/> (bytes up to the first NUL) equals <paramref name="ascii"/>; no allocation.</summary>
    public static bool CStringEquals(ReadOnlySpan<byte> value, string ascii) => CStringEquals(value, ascii, ignoreCase: false);

    /// <summary>
    /// As <see cref="CStringEquals(ReadOnlySpan{byte}, string)"/>, compared as the decoded strings with
    /// <see cref="StringComparison.OrdinalIgnoreCase"/>; without allocating when the bytes are ASCII.
    /// </summary>
    public static bool CStringEqualsIgnoreCase(ReadOnlySpan<byte> value, string ascii)
    {
        int nul = value.IndexOf((byte)0);
        ReadOnlySpan<byte> text = nul >= 0 ? value.Slice(0, nul) : value;
        foreach (byte b in text)
        {
            if (b >= 0x80)
            {
                // Non-ASCII characters may fold onto ASCII ones (U+0131 onto I): compare the decoded strings.
                return string.Equals(EscapedUtf8.Decode(text), ascii, StringComparison.OrdinalIgnoreCase);
            }
        }

        return CStringEquals(text, ascii, ignoreCase: true);
    }

    /// <summary>True when Xen's <c>np-&gt;name</c> equals <paramref name="name"/>; no allocation.</summary>
    public static bool XenNameEquals(DeviceTreeNode node, string name) =>
        node.TryGetValue("name", out ReadOnlyMemory<byte> value) ? CStringEquals(value.Span, name) : node.NameIsOrHasUnit(name);

    private static bool CStringEquals(ReadOnlySpan<byte> span, string ascii, bool ignoreCase)
    {
        int nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            span = span.Slice(0, nul);
        }

        if (span.Length != ascii.Length)
        {
            return false;
        }

        for (int i = 0; i < span.Length; i++)
        {
            int a = span[i];
            int b = ascii[i];
            if (ignoreCase)
            {
                a = a is >= 'A' and <= 'Z' ? a + 32 : a;
                b = b is >= 'A' and <= 'Z' ? b + 32 : b;
            }

            if (a != b)
            {
                return false;
            }
        }

        return true;
    }
}
