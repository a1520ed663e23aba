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
    // Lookups by name are O(1) however wide the node grows (see NamedEntryList), so building stays linear.
    private readonly NamedEntryList<DeviceTreeNodeBuilder> _children = new(trackBaseNames: true);
    private readonly NamedEntryList<KeyValuePair<string, ReadOnlyMemory<byte>>> _properties = new(trackBaseNames: false);

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

        int index = _children.IndexOf(name);
        if (index < 0 && name.IndexOf('@') < 0)
        {
            index = _children.IndexOfSingleBase(name);
        }

        return index < 0 ? null : _children.At(index);
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

        DeviceTreeNames.CheckNodeName(name, this);
        if (_children.IndexOf(name) >= 0)
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
        int index = _children.IndexOf(subtree.Name);
        if (index >= 0)
        {
            _children.At(index).Parent = null;
            _children.SetAt(index, child);
        }
        else
        {
            _children.Add(child.Name, child);
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
        int index = _children.IndexOf(name ?? throw new ArgumentNullException(nameof(name)));
        return index >= 0 ? _children.At(index) : AddChild(name);
    }

    /// <summary>Removes the child of exactly this name with its subtree.</summary>
    /// <param name="name">The child name.</param>
    /// <returns>True when it existed.</returns>
    public bool RemoveChild(string name)
    {
        int index = _children.IndexOf(name ?? throw new ArgumentNullException(nameof(name)));
        if (index < 0)
        {
            return false;
        }

        _children.At(index).Parent = null;
        _children.RemoveAt(index);
        return true;
    }

    /// <summary>True when the node has a property of this name.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when present.</returns>
    public bool HasProperty(string name) => _properties.IndexOf(name) >= 0;

    /// <summary>The value of a property, or null when absent.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The value.</returns>
    public ReadOnlyMemory<byte>? GetPropertyValue(string name)
    {
        // Not "index < 0 ? null : value": that null converts through byte[] to an empty value, which is not null.
        int index = _properties.IndexOf(name);
        return index < 0 ? default(ReadOnlyMemory<byte>?) : _properties.At(index).Value;
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

        DeviceTreeNames.CheckPropertyName(name, this);
        SetShared(name, value.ToArray());
        return this;
    }

    /// <summary>Removes a property.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>True when it existed.</returns>
    public bool RemoveProperty(string name)
    {
        int index = _properties.IndexOf(name);
        if (index < 0)
        {
            return false;
        }

        _properties.RemoveAt(index);
        ForgetPropertyLabels(name);
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
            to.CopyLabelsFrom(from);
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
        _children.Add(name, child);
        return child;
    }

    /// <summary>Sets a value the caller will never change (no copy, no name check).</summary>
    internal void SetShared(string name, ReadOnlyMemory<byte> value)
    {
        int index = _properties.IndexOf(name);
        var entry = new KeyValuePair<string, ReadOnlyMemory<byte>>(name, value);
        if (index >= 0)
        {
            _properties.SetAt(index, entry);
        }
        else
        {
            _properties.Add(name, entry);
        }
    }

    internal DeviceTreeProperty[] BuildProperties()
    {
        var properties = new DeviceTreeProperty[_properties.Count];
        int i = 0;
        foreach (KeyValuePair<string, ReadOnlyMemory<byte>> property in _properties)
        {
            properties[i++] = new DeviceTreeProperty(property.Key, property.Value, trusted: true);
        }

        return properties;
    }
}
