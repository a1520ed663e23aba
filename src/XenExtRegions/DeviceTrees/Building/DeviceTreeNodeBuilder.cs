using System;
using System.Collections.Generic;
using System.Text;

namespace XenExtRegions.DeviceTrees;

/// <summary>
/// One mutable node of a <see cref="DeviceTreeBuilder"/>: children and properties kept in insertion order.
/// Setting an existing property replaces its value in place; new properties go last.
/// </summary>
public sealed partial class DeviceTreeNodeBuilder
{
    private readonly List<DeviceTreeNodeBuilder> _children = new();
    private readonly List<KeyValuePair<string, ReadOnlyMemory<byte>>> _properties = new();

    internal DeviceTreeNodeBuilder(string name, DeviceTreeNodeBuilder? parent)
    {
        Name = name;
        Parent = parent;
    }

    /// <summary>The node name with unit address; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The parent, or null for the root (or a node that has been removed).</summary>
    public DeviceTreeNodeBuilder? Parent { get; private set; }

    /// <summary>The children in order.</summary>
    public IReadOnlyList<DeviceTreeNodeBuilder> Children => _children;

    /// <summary>The properties (name and value) in order.</summary>
    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Properties => _properties;

    /// <summary>The full path, <c>/</c> for the root.</summary>
    public string Path
    {
        get
        {
            if (Parent is null)
            {
                return "/";
            }

            var names = new List<string>();
            for (DeviceTreeNodeBuilder? n = this; n?.Parent is not null; n = n.Parent)
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

    /// <summary>Finds a child by exact name, else the single child of that base name when <paramref name="name"/> has no unit address.</summary>
    /// <param name="name">The child name.</param>
    /// <returns>The child, or null when absent or ambiguous.</returns>
    public DeviceTreeNodeBuilder? GetChild(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        DeviceTreeNodeBuilder? byBase = null;
        int baseMatches = 0;
        bool hasUnit = name.IndexOf('@') >= 0;
        foreach (DeviceTreeNodeBuilder child in _children)
        {
            if (string.Equals(child.Name, name, StringComparison.Ordinal))
            {
                return child;
            }

            if (!hasUnit && child.Name.StartsWith(name + "@", StringComparison.Ordinal))
            {
                byBase = child;
                baseMatches++;
            }
        }

        return baseMatches == 1 ? byBase : null;
    }

    /// <summary>Adds a child at the end.</summary>
    /// <param name="name">A valid node name, not yet used by a sibling.</param>
    /// <returns>The new child.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already taken.</exception>
    public DeviceTreeNodeBuilder AddChild(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        DeviceTreeNames.CheckNodeName(name, Path);
        if (IndexOfChild(name) >= 0)
        {
            throw new ArgumentException($"Node {Path} already has a child named '{name}'.", nameof(name));
        }

        return AppendUnchecked(name);
    }

    /// <summary>
    /// Puts a copy of <paramref name="subtree"/> (properties and descendants) among the children: it replaces the child
    /// of the same name in place, or goes last. Names from the model are taken as they are.
    /// </summary>
    /// <param name="subtree">The node to copy.</param>
    /// <returns>The new child.</returns>
    public DeviceTreeNodeBuilder AddOrReplaceChild(DeviceTreeNode subtree)
    {
        if (subtree is null)
        {
            throw new ArgumentNullException(nameof(subtree));
        }

        var child = new DeviceTreeNodeBuilder(subtree.Name, this);
        int index = IndexOfChild(subtree.Name);
        if (index >= 0)
        {
            _children[index].Parent = null;
            _children[index] = child;
        }
        else
        {
            _children.Add(child);
        }

        child.CopyFrom(subtree);
        return child;
    }

    /// <summary>Returns the child of exactly this name, adding it when absent.</summary>
    /// <param name="name">A valid node name.</param>
    /// <returns>The child.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public DeviceTreeNodeBuilder GetOrAddChild(string name)
    {
        int index = IndexOfChild(name ?? throw new ArgumentNullException(nameof(name)));
        return index >= 0 ? _children[index] : AddChild(name);
    }

    /// <summary>Removes the child of exactly this name with its subtree.</summary>
    /// <param name="name">The child name.</param>
    /// <returns>True when it existed.</returns>
    public bool RemoveChild(string name)
    {
        int index = IndexOfChild(name ?? throw new ArgumentNullException(nameof(name)));
        if (index < 0)
        {
            return false;
        }

        _children[index].Parent = null;
        _children.RemoveAt(index);
        return true;
    }

    /// <summary>True when the node has a property of this name.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when present.</returns>
    public bool HasProperty(string name) => IndexOfProperty(name) >= 0;

    /// <summary>The value of a property, or null when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public ReadOnlyMemory<byte>? GetPropertyValue(string name)
    {
        int index = IndexOfProperty(name);
        return index < 0 ? null : _properties[index].Value;
    }

    /// <summary>Sets a property to a copy of <paramref name="value"/> (replacing it in place when present).</summary>
    /// <param name="name">A valid property name.</param>
    /// <param name="value">The raw bytes.</param>
    /// <returns>This node.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public DeviceTreeNodeBuilder SetBytes(string name, ReadOnlySpan<byte> value)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        DeviceTreeNames.CheckPropertyName(name, Path);
        SetShared(name, value.ToArray());
        return this;
    }

    /// <summary>Removes a property.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when it existed.</returns>
    public bool RemoveProperty(string name)
    {
        int index = IndexOfProperty(name);
        if (index < 0)
        {
            return false;
        }

        _properties.RemoveAt(index);
        return true;
    }

    /// <summary>Prints the path.</summary>
    /// <returns>The path.</returns>
    public override string ToString() => Path;

    /// <summary>Copies the properties and descendants of <paramref name="source"/> into this (empty) node, without recursion.</summary>
    internal void CopyFrom(DeviceTreeNode source)
    {
        var pending = new Stack<(DeviceTreeNode Source, DeviceTreeNodeBuilder Target)>();
        pending.Push((source, this));
        while (pending.Count > 0)
        {
            (DeviceTreeNode from, DeviceTreeNodeBuilder to) = pending.Pop();
            foreach (DeviceTreeProperty property in from.Properties)
            {
                // Model values are immutable, so the builder can share them.
                to.SetShared(property.Name, property.Value);
            }

            foreach (DeviceTreeNode child in from.Children)
            {
                pending.Push((child, to.AppendUnchecked(child.Name)));
            }
        }
    }

    internal DeviceTreeNodeBuilder AppendUnchecked(string name)
    {
        var child = new DeviceTreeNodeBuilder(name, this);
        _children.Add(child);
        return child;
    }

    /// <summary>Sets a value the caller will never change (no copy, no name check).</summary>
    internal void SetShared(string name, ReadOnlyMemory<byte> value)
    {
        int index = IndexOfProperty(name);
        var entry = new KeyValuePair<string, ReadOnlyMemory<byte>>(name, value);
        if (index >= 0)
        {
            _properties[index] = entry;
        }
        else
        {
            _properties.Add(entry);
        }
    }

    internal DeviceTreeProperty[] BuildProperties()
    {
        var properties = new DeviceTreeProperty[_properties.Count];
        for (int i = 0; i < properties.Length; i++)
        {
            properties[i] = new DeviceTreeProperty(_properties[i].Key, _properties[i].Value, trusted: true);
        }

        return properties;
    }

    private int IndexOfChild(string name)
    {
        for (int i = 0; i < _children.Count; i++)
        {
            if (string.Equals(_children[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int IndexOfProperty(string name)
    {
        for (int i = 0; i < _properties.Count; i++)
        {
            if (string.Equals(_properties[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
