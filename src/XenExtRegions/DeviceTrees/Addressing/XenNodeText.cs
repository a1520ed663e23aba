using System;
using System.Text;

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

        return span.IsEmpty ? string.Empty : Encoding.UTF8.GetString(span.ToArray());
    }

    /// <summary>
    /// Xen's <c>np-&gt;name</c>: an explicit <c>name</c> property when present, else the node name before <c>@</c>
    /// (what the unflattener synthesises for version 16+ blobs).
    /// </summary>
    public static string XenName(DeviceTreeNode node) => CString(node, "name") ?? node.BaseName;
}
