using System;
using System.Collections.Generic;
using System.Text;
using XenExtRegions.DeviceTrees;

namespace XenExtRegions.Tests.Hardening;

/// <summary>
/// The builder fuzz oracle: input bytes are a script of DeviceTreeBuilder operations (add, remove and rename nodes
/// and properties, typed setters, replace a subtree, reservations, boot CPU). Only the exceptions each operation
/// documents may come out of it (ArgumentException for bad names and paths, InvalidOperationException where a doc
/// comment lists it); the built tree must write as DTB and DTS and read back equal (FuzzOracles.RoundTrips), and a
/// builder copy of it must be equal to it.
/// </summary>
internal static class BuilderScript
{
    // Valid names, names the builder must refuse (slash, empty, NUL, space, two '@'), and non-ASCII ones.
    private static readonly string[] NodeNames =
        ["a", "b@1", "b@2", "node,x_y.z+w-v", "c@0,1", "é", "a@", "", "x/y", "x y", "n\0", "@@", "memory@80000000", "__symbols__", "fragment@0", "__overlay__"];

    private static readonly string[] PropertyNames =
        ["reg", "compatible", "phandle", "linux,phandle", "#address-cells", "#size-cells", "status", "name", "a,b?#", "", "x y", "p\0", "ä", "target-path", "label", "{"];

    public static void Run(byte[] script)
    {
        var builder = new DeviceTreeBuilder();
        var paths = new List<string> { "/" };
        for (int at = 0; at + 3 < script.Length; at += 4)
        {
            byte op = script[at];
            byte a = script[at + 1];
            byte b = script[at + 2];
            byte c = script[at + 3];
            string path = paths[a % paths.Count];
            try
            {
                Step(builder, paths, op, path, a, b, c);
            }
            catch (ArgumentException)
            {
                // Documented by every builder operation for bad paths, names and values.
            }
        }

        DeviceTree tree = builder.Build();
        FuzzOracles.RoundTrips(tree, "built tree");
        if (DeviceTreeComparer.FindFirstDifference(tree, new DeviceTreeBuilder(tree).Build()) is { } difference)
        {
            throw new FuzzFindingException("a builder copy of the built tree differs: " + difference);
        }
    }

    private static void Step(DeviceTreeBuilder builder, List<string> paths, byte op, string path, byte a, byte b, byte c)
    {
        string nodeName = NodeNames[b % NodeNames.Length];
        string propertyName = PropertyNames[b % PropertyNames.Length];
        byte[] value = Value(b, c);
        switch (op % 12)
        {
            case 0:
                string child = builder.AddNode(Join(path, nodeName)).Path;
                paths.Add(child);
                break;
            case 1:
                if (builder.RemoveNode(path))
                {
                    paths.RemoveAll(p => p == path || p.StartsWith(path + "/", StringComparison.Ordinal));
                }

                break;
            case 2:
                RenameNode(builder, paths, path, nodeName);
                break;
            case 3:
                builder.SetProperty(path, propertyName, value);
                break;
            case 4:
                builder.RemoveProperty(path, propertyName);
                break;
            case 5:
                DeviceTreeNodeBuilder node = builder.GetNode(path);
                string from = node.Properties.Count == 0 ? propertyName : node.Properties[c % node.Properties.Count].Key;
                if (node.GetPropertyValue(from) is { } old)
                {
                    node.SetBytes(propertyName, old.Span);
                    if (propertyName != from)
                    {
                        node.RemoveProperty(from);
                    }
                }

                break;
            case 6:
                builder.GetNode(path).SetStringList(propertyName, Encoding.UTF8.GetString(value).Split('\u0001'));
                break;
            case 7:
                builder.GetNode(path).SetNumbers(propertyName, (c % 3) + 1, c, (ulong)b << 32 | a);
                break;
            case 8:
                try
                {
                    builder.GetNode(path).SetReg(((ulong)a << 12, (ulong)c + 1));
                }
                catch (InvalidOperationException) when (path == "/")
                {
                    // Documented: the root has no parent to give reg its cell sizes.
                }

                break;
            case 9:
                builder.GetNode(path).SetPhandleReference(propertyName, builder.GetNode(paths[c % paths.Count]));
                break;
            case 10:
                builder.AddMemoryReservation((ulong)a << 20, (ulong)c << 12);
                break;
            default:
                builder.BootCpuIdPhys = (uint)(a | (c << 8));
                break;
        }
    }

    // A rename is a remove and an add under the new name, with the properties and subtrees copied over.
    private static void RenameNode(DeviceTreeBuilder builder, List<string> paths, string path, string newName)
    {
        if (path == "/")
        {
            return;
        }

        DeviceTreeNode snapshot = builder.Build().FindNode(path)!;
        DeviceTreeNodeBuilder parent = builder.GetNode(path).Parent!;
        if (!DeviceTreeNames.IsValidNodeName(newName) || parent.GetChild(newName) is not null)
        {
            ExpectRefusal(() => parent.AddChild(newName), "AddChild accepted a name IsValidNodeName refuses or a taken one");
            return;
        }

        parent.RemoveChild(snapshot.Name);
        DeviceTreeNodeBuilder renamed = parent.AddChild(newName);
        foreach (DeviceTreeProperty property in snapshot.Properties)
        {
            renamed.SetBytes(property.Name, property.Value.Span);
        }

        foreach (DeviceTreeNode child in snapshot.Children)
        {
            renamed.AddOrReplaceChild(child);
        }

        paths.RemoveAll(p => p == path || p.StartsWith(path + "/", StringComparison.Ordinal));
        foreach (DeviceTreeNode node in builder.Build().FindNode(renamed.Path)!.DescendantsAndSelf())
        {
            paths.Add(node.Path);
        }
    }

    private static void ExpectRefusal(Action refused, string finding)
    {
        try
        {
            refused();
        }
        catch (ArgumentException)
        {
            return;
        }

        throw new FuzzFindingException(finding);
    }

    private static byte[] Value(byte b, byte c)
    {
        var value = new byte[c % 13];
        for (int i = 0; i < value.Length; i++)
        {
            value[i] = (byte)(b + (i * c));
        }

        return value;
    }

    private static string Join(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;
}
