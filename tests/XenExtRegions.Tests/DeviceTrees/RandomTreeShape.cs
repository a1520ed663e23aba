using System;
using System.Collections.Generic;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.DeviceTrees;

/// <summary>
/// The shape of a random tree for property tests, from one parent choice per node: node i (from 1) hangs under node
/// <c>choice % i</c>, so every parent comes before its children and node 0 is the root.
/// </summary>
internal static class RandomTreeShape
{
    /// <summary>
    /// Each node's children in order, and a name per node unique among its siblings: <paramref name="name"/> of the
    /// node, or <paramref name="rename"/> of it when a sibling already has that name (the root's name is empty).
    /// </summary>
    public static (List<int>[] Children, string[] Names) Lay(int count, Func<int, int> parentChoice, Func<int, string> name, Func<int, string, string> rename)
    {
        var children = new List<int>[count];
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            children[i] = new List<int>();
        }

        names[0] = string.Empty;
        for (int i = 1; i < count; i++)
        {
            int parent = parentChoice(i) % i;
            string wanted = name(i);
            names[i] = children[parent].Exists(c => names[c] == wanted) ? rename(i, wanted) : wanted;
            children[parent].Add(i);
        }

        return (children, names);
    }

    /// <summary>Builds the nodes bottom-up (children always have larger numbers) and returns the root.</summary>
    public static DeviceTreeNode Build(List<int>[] children, Func<int, List<DeviceTreeNode>, DeviceTreeNode> make)
    {
        var built = new DeviceTreeNode[children.Length];
        for (int i = children.Length - 1; i >= 0; i--)
        {
            built[i] = make(i, children[i].ConvertAll(c => built[c]));
        }

        return built[0];
    }
}
