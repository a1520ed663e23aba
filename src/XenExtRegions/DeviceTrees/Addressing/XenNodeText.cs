using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>How Xen's C code sees node names and string properties (up to the first NUL, <c>strcmp</c> semantics).</summary>
internal static class XenNodeText
{
    /// <summary>The bytes of a property up to its first NUL, as a C string; null when the property is absent.</summary>
    public static string? CString(DeviceTreeNode node, string propertyName)
    {
        DeviceTreeProperty? property = node.GetProperty(propertyName);
        if (property is null)
        {
            return null;
        }

        ReadOnlySpan<byte> span = property.Span;
        int nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            span = span.Slice(0, nul);
        }

        return EscapedUtf8.Decode(span);
    }

    /// <summary>True when the property's C string (bytes up to the first NUL) equals <paramref name="ascii"/>; no allocation.</summary>
    public static bool CStringEquals(DeviceTreeProperty property, string ascii)
    {
        ReadOnlySpan<byte> span = property.Span;
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
            if (span[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when Xen's <c>np-&gt;name</c> equals <paramref name="name"/>; no allocation.</summary>
    public static bool XenNameEquals(DeviceTreeNode node, string name)
    {
        if (node.GetProperty("name") is { } property)
        {
            return CStringEquals(property, name);
        }

        ReadOnlySpan<char> full = node.Name.AsSpan();
        int at = full.IndexOf('@');
        return (at < 0 ? full : full.Slice(0, at)).SequenceEqual(name.AsSpan());
    }
}
