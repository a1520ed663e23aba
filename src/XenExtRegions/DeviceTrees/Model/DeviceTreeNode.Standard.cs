using System;
using System.Collections.Generic;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// Readers for the standard properties of Devicetree Specification chapter 2.3. <see cref="DeviceType"/>,
/// <see cref="Status"/>, <see cref="IsEnabled"/> and <see cref="Phandle"/> read a malformed value the way Xen does
/// (as absent, or as not okay) and never throw; <see cref="Compatible"/> throws and has a Try twin.
/// </summary>
public sealed partial class DeviceTreeNode
{
    /// <summary>The <c>compatible</c> strings, most specific first; empty when absent.</summary>
    /// <remarks>
    /// A malformed <c>compatible</c> decides which driver binds, so it is an error here, not an empty list; use
    /// <see cref="TryGetCompatible"/> on untrusted trees. <see cref="IsCompatible"/> never throws.
    /// </remarks>
    /// <exception cref="DeviceTreeFormatException"><c>compatible</c> is present but does not end with a NUL.</exception>
    public IReadOnlyList<string> Compatible =>
        GetProperty("compatible") is { } p ? p.GetStringList() : Array.Empty<string>();

    /// <summary>The <c>compatible</c> strings, when the property is absent (empty list) or well formed.</summary>
    /// <param name="compatible">The strings, most specific first, when the method returns true.</param>
    /// <returns>False when <c>compatible</c> is present but does not end with a NUL.</returns>
    public bool TryGetCompatible([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IReadOnlyList<string>? compatible)
    {
        if (GetProperty("compatible") is { } p)
        {
            return p.TryGetStringList(out compatible);
        }

        compatible = Array.Empty<string>();
        return true;
    }

    /// <summary>The <c>device_type</c> string, or null when absent or not a string.</summary>
    public string? DeviceType => GetProperty("device_type") is { } p && p.TryGetString(out string? s) ? s : null;

    /// <summary>The <c>status</c> string, or null when absent or not a string.</summary>
    public string? Status => GetProperty("status") is { } p && p.TryGetString(out string? s) ? s : null;

    /// <summary>True when <c>status</c> is absent, <c>"okay"</c> or <c>"ok"</c> (the rule Xen's boot scan uses from 4.19).</summary>
    public bool IsEnabled
    {
        get
        {
            DeviceTreeProperty? status = GetProperty("status");
            if (status is null)
            {
                return true;
            }

            return status.TryGetString(out string? s) && (s == "okay" || s == "ok");
        }
    }

    /// <summary>The node's phandle (<c>phandle</c>, else <c>linux,phandle</c>), or null when it has none or it is invalid.</summary>
    public uint? Phandle
    {
        get
        {
            DeviceTreeProperty? p = GetProperty("phandle") ?? GetProperty("linux,phandle");
            return p is not null && p.TryGetUInt32(out uint value) && value is not 0 and not uint.MaxValue ? value : null;
        }
    }

    /// <summary>True when <c>compatible</c> lists <paramref name="compatible"/>.</summary>
    /// <param name="compatible">The compatible string, e.g. <c>xen,xen</c>.</param>
    /// <returns>True when listed.</returns>
    public bool IsCompatible(string compatible) => GetProperty("compatible") is { } p && p.ContainsString(compatible);
}
