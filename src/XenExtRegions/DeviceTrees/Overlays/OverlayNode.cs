using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// A mutable node with libfdt's editing order: a property or child added to an existing node goes first (as
/// fdt_setprop and fdt_add_subnode put them), a replaced property keeps its place. Lookups are by hash, so an
/// overlay with many nodes or properties is applied in linear time.
/// </summary>
internal sealed class OverlayNode
{
    // Items read from the source tree keep ascending keys; items added later get ever smaller keys, so ascending key
    // order is document order and the first added is the last of the prepended ones.
    private readonly List<OverlayProperty> _properties = new();
    private readonly List<OverlayNode> _children = new();
    private readonly Dictionary<string, OverlayProperty> _propertyByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OverlayNode> _childByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OverlayNode> _firstChildByBaseName = new(StringComparer.Ordinal);
    // A base node read from DTS keeps its labels (and its properties' labels, by name) through the merge.
    private DeviceTreeLabels? _labels;
    private int _nextPrependedProperty = -1;
    private int _nextPrependedChild = -1;

    private OverlayNode(string name, OverlayNode? parent, int key)
    {
        Name = name;
        Parent = parent;
        Key = key;
    }

    public string Name { get; }

    public OverlayNode? Parent { get; }

    public IReadOnlyList<OverlayProperty> PropertiesInOrder => Sorted(_properties, p => p.Key);

    public IReadOnlyList<OverlayNode> ChildrenInOrder => Sorted(_children, c => c.Key);

    private int Key { get; }

    /// <summary>True when this node comes before <paramref name="other"/> in document order (a node before its
    /// descendants); both must belong to one tree. Costs the two nodes' depths.</summary>
    public bool ComesBefore(OverlayNode other)
    {
        if (ReferenceEquals(this, other))
        {
            return false;
        }

        int depth = Depth(this), otherDepth = Depth(other);
        OverlayNode a = this, b = other;
        for (; depth > otherDepth; depth--)
        {
            a = a.Parent!;
        }

        for (; otherDepth > depth; otherDepth--)
        {
            b = b.Parent!;
        }

        if (ReferenceEquals(a, b))
        {
            return ReferenceEquals(a, this); // one is the other's ancestor; the ancestor comes first
        }

        while (!ReferenceEquals(a.Parent, b.Parent))
        {
            a = a.Parent!;
            b = b.Parent!;
        }

        return a.Key < b.Key;
    }

    private static int Depth(OverlayNode node)
    {
        int depth = 0;
        for (OverlayNode? n = node.Parent; n is not null; n = n.Parent)
        {
            depth++;
        }

        return depth;
    }

    public string Path
    {
        get
        {
            if (Parent is null)
            {
                return "/";
            }

            var names = new List<string>();
            for (OverlayNode? n = this; n?.Parent is not null; n = n.Parent)
            {
                names.Add(n.Name);
            }

            var path = new StringBuilder();
            for (int i = names.Count - 1; i >= 0; i--)
            {
                path.Append('/').Append(names[i]);
            }

            return path.ToString();
        }
    }

    /// <summary>Copies a model subtree without recursion.</summary>
    public static OverlayNode FromModel(DeviceTreeNode root)
    {
        var top = new OverlayNode(root.Name, null, 0);
        var pending = new Stack<(DeviceTreeNode From, OverlayNode To)>();
        pending.Push((root, top));
        while (pending.Count > 0)
        {
            (DeviceTreeNode from, OverlayNode to) = pending.Pop();
            to._labels = from.LabelSet;
            foreach (DeviceTreeProperty property in from.Properties)
            {
                to.AppendProperty(property.Name, property.Value);
            }

            foreach (DeviceTreeNode child in from.Children)
            {
                pending.Push((child, to.AppendChild(child.Name)));
            }
        }

        return top;
    }

    /// <summary>Produces the immutable node, without recursion.</summary>
    public DeviceTreeNode ToModel()
    {
        var pending = new Stack<(OverlayNode Node, bool ChildrenDone)>();
        var built = new Stack<DeviceTreeNode>();
        pending.Push((this, false));
        while (pending.Count > 0)
        {
            (OverlayNode node, bool childrenDone) = pending.Pop();
            IReadOnlyList<OverlayNode> children = node.ChildrenInOrder;
            if (!childrenDone)
            {
                pending.Push((node, true));
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    pending.Push((children[i], false));
                }

                continue;
            }

            var models = new DeviceTreeNode[children.Count];
            for (int i = models.Length - 1; i >= 0; i--)
            {
                models[i] = built.Pop();
            }

            IReadOnlyList<OverlayProperty> properties = node.PropertiesInOrder;
            var values = new DeviceTreeProperty[properties.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = new DeviceTreeProperty(properties[i].Name, properties[i].Value, trusted: true);
            }

            built.Push(new DeviceTreeNode(node.Name, values, models, validate: false) { LabelSet = node._labels });
        }

        return built.Pop();
    }

    public OverlayProperty? GetProperty(string name) => _propertyByName.TryGetValue(name, out OverlayProperty? p) ? p : null;

    /// <summary>libfdt's fdt_get_phandle: <c>phandle</c>, else <c>linux,phandle</c>, when one cell long; else 0.</summary>
    public uint Phandle
    {
        get
        {
            OverlayProperty? p = GetProperty("phandle");
            if (p is null || p.Value.Length != 4)
            {
                p = GetProperty("linux,phandle");
                if (p is null || p.Value.Length != 4)
                {
                    return 0;
                }
            }

            return p.ReadCell(0);
        }
    }

    /// <summary>
    /// libfdt's fdt_subnode_offset: the first child, in document order, whose name is <paramref name="name"/> or,
    /// when <paramref name="name"/> has no unit address, whose name is <paramref name="name"/> followed by '@'.
    /// </summary>
    public OverlayNode? FindChild(string name)
    {
        if (name.IndexOf('@') >= 0)
        {
            return _childByName.TryGetValue(name, out OverlayNode? exact) ? exact : null;
        }

        return _firstChildByBaseName.TryGetValue(name, out OverlayNode? first) ? first : null;
    }

    /// <summary>fdt_setprop: replaces the value in place, or adds the property before all others.</summary>
    public void SetProperty(string name, ReadOnlyMemory<byte> value)
    {
        if (_propertyByName.TryGetValue(name, out OverlayProperty? existing))
        {
            existing.Value = value;
            return;
        }

        var property = new OverlayProperty(name, value, _nextPrependedProperty--);
        _properties.Add(property);
        _propertyByName.Add(name, property);
    }

    /// <summary>fdt_add_subnode: a new child before all others.</summary>
    public OverlayNode PrependChild(string name)
    {
        var child = new OverlayNode(name, this, _nextPrependedChild--);
        _children.Add(child);
        _childByName[name] = child;
        string baseName = BaseName(name);
        _firstChildByBaseName[baseName] = child; // it is now the first of its base name
        return child;
    }

    private static string BaseName(string name)
    {
        int at = name.IndexOf('@');
        return at < 0 ? name : name.Substring(0, at);
    }

    private static List<T> Sorted<T>(List<T> items, Func<T, int> key)
    {
        var copy = new List<T>(items);
        copy.Sort((a, b) => key(a).CompareTo(key(b)));
        return copy;
    }

    private void AppendProperty(string name, ReadOnlyMemory<byte> value)
    {
        var property = new OverlayProperty(name, value, _properties.Count);
        _properties.Add(property);

        // A DTB may repeat a property name; libfdt's lookups find the first.
        if (!_propertyByName.TryGetValue(name, out _))
        {
            _propertyByName[name] = property;
        }
    }

    private OverlayNode AppendChild(string name)
    {
        var child = new OverlayNode(name, this, _children.Count);
        _children.Add(child);
        if (!_childByName.TryGetValue(name, out _))
        {
            _childByName[name] = child;
        }

        string baseName = BaseName(name);
        if (!_firstChildByBaseName.TryGetValue(baseName, out _))
        {
            _firstChildByBaseName[baseName] = child;
        }

        return child;
    }
}
