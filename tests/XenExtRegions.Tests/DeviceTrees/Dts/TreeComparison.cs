using System;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees.Dts;

/// <summary>Structural tree equality for tests: reservations, then every node's name, properties (bytes) and children in order.</summary>
internal static class TreeComparison
{
    /// <summary>The first difference, or null when the trees are equal.</summary>
    public static string? FirstDifference(DeviceTree expected, DeviceTree actual)
    {
        if (expected.MemoryReservations.Count != actual.MemoryReservations.Count)
        {
            return $"memreserve count {expected.MemoryReservations.Count} vs {actual.MemoryReservations.Count}";
        }

        for (int i = 0; i < expected.MemoryReservations.Count; i++)
        {
            if (expected.MemoryReservations[i] != actual.MemoryReservations[i])
            {
                return $"memreserve {i}: {expected.MemoryReservations[i]} vs {actual.MemoryReservations[i]}";
            }
        }

        var stack = new Stack<(DeviceTreeNode E, DeviceTreeNode A)>();
        stack.Push((expected.Root, actual.Root));
        while (stack.Count > 0)
        {
            (DeviceTreeNode e, DeviceTreeNode a) = stack.Pop();
            if (e.Name != a.Name)
            {
                return $"node name '{e.Path}' vs '{a.Path}'";
            }

            if (e.Properties.Count != a.Properties.Count)
            {
                return $"{e.Path}: properties [{Names(e.Properties)}] vs [{Names(a.Properties)}]";
            }

            for (int i = 0; i < e.Properties.Count; i++)
            {
                DeviceTreeProperty pe = e.Properties[i];
                DeviceTreeProperty pa = a.Properties[i];
                if (pe.Name != pa.Name || !pe.Span.SequenceEqual(pa.Span))
                {
                    return $"{e.Path}: property {pe.Name}={Hex(pe)} vs {pa.Name}={Hex(pa)}";
                }
            }

            if (e.Children.Count != a.Children.Count)
            {
                return $"{e.Path}: children [{Names(e.Children)}] vs [{Names(a.Children)}]";
            }

            for (int i = e.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((e.Children[i], a.Children[i]));
            }
        }

        return null;
    }

    public static void AssertEqual(DeviceTree expected, DeviceTree actual)
    {
        string? difference = FirstDifference(expected, actual);
        Assert.True(difference is null, "Trees differ: " + difference);
    }

    private static string Names(IEnumerable<DeviceTreeProperty> items)
    {
        var names = new List<string>();
        foreach (DeviceTreeProperty p in items)
        {
            names.Add(p.Name);
        }

        return string.Join(",", names);
    }

    private static string Names(IEnumerable<DeviceTreeNode> items)
    {
        var names = new List<string>();
        foreach (DeviceTreeNode n in items)
        {
            names.Add(n.Name);
        }

        return string.Join(",", names);
    }

    private static string Hex(DeviceTreeProperty p)
    {
        var sb = new StringBuilder();
        foreach (byte b in p.Span)
        {
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
