using System;

namespace XenExtRegions.DeviceTrees;

/// <summary>The name rules of Devicetree Specification v0.4, sections 2.2.1 (nodes) and 2.2.4 (properties).</summary>
public static class DeviceTreeNames
{
    /// <summary>True for a valid node name: letters, digits and <c>,._+-</c>, optionally one <c>@</c> and a unit address of the same characters.</summary>
    /// <param name="name">The name, e.g. <c>serial@e6e88000</c>.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidNodeName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        int at = name!.IndexOf('@');
        if (at < 0)
        {
            return AllNodeChars(name, 0, name.Length);
        }

        return at > 0 && at < name.Length - 1 && AllNodeChars(name, 0, at) && AllNodeChars(name, at + 1, name.Length - at - 1);
    }

    /// <summary>True for a valid property name: letters, digits and <c>,._+?#-</c>.</summary>
    /// <param name="name">The name, e.g. <c>#address-cells</c>.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidPropertyName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (char c in name!)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not (',' or '.' or '_' or '+' or '?' or '#' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    // The path is built only for the message: it costs O(depth), which per call would make deep trees quadratic.
    internal static void CheckNodeName(string name, DeviceTreeNodeBuilder parent)
    {
        if (!IsValidNodeName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid node name under {parent.Path}: use letters, digits and ,._+- with at most one @unit-address.", nameof(name));
        }
    }

    internal static void CheckPropertyName(string name, DeviceTreeNodeBuilder node)
    {
        if (!IsValidPropertyName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid property name in {node.Path}: use letters, digits and ,._+?#-.", nameof(name));
        }
    }

    private static bool AllNodeChars(string name, int start, int length)
    {
        for (int i = start; i < start + length; i++)
        {
            char c = name[i];
            if (!IsAsciiLetterOrDigit(c) && c is not (',' or '.' or '_' or '+' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
